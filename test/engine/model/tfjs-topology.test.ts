/**
 * The topology Layerlab writes is one TensorFlow.js 4.22 loads (`tf.loadLayersModel`, strict weight matching by
 * name) and that predicts within 1e-5 of Layerlab's own forward pass; and reading it back gives the same spec.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { specFromTopology, topologyFromSpec, type ModelTopology } from '../../../engine/model/tfjs-topology.ts';
import { packWeights, unpackWeights, type WeightSpec } from '../../../engine/model/weights.ts';
import { ACTIVATIONS } from '../../../engine/nn/activations.ts';
import { Network } from '../../../engine/nn/network.ts';
import { networkToJSON } from '../../../engine/nn/network-json.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { randomArray } from '../nn/gradient-check.ts';
import { expectClose, randomizeTrainable, tf } from '../nn/tfjs-reference.ts';

const ROWS = 37;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function loadInTfjs(net: Network): Promise<tf.LayersModel> {
  const modelTopology = topologyFromSpec(net.spec, 'test');
  const packed = packWeights(networkToJSON(net), specFromTopology(modelTopology, net.spec.loss).weightNames);
  const weightData = packed.values.buffer.slice(packed.values.byteOffset, packed.values.byteOffset + packed.values.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelTopology as never, weightSpecs: packed.weightSpecs as tf.io.WeightsManifestEntry[], weightData }));
}

function randomNetwork(spec: NetworkSpec, seed: number): Network {
  const rng = new Rng(seed);
  const net = new Network(spec, rng);
  randomizeTrainable(net, rng);
  // BatchNorm's moving statistics are not trainable: give them values a trained network would have.
  for (const p of net.params()) if (!p.trainable) for (let i = 0; i < p.value.length; i++) p.value[i] = p.name.endsWith('variance') ? rng.uniform(0.5, 2) : rng.uniform(-1, 1);
  return net;
}

async function expectParity(spec: NetworkSpec, seed: number): Promise<void> {
  const net = randomNetwork(spec, seed);
  const model = await loadInTfjs(net);
  const x = randomArray(ROWS * spec.inputSize, new Rng(seed + 1), 3);
  const theirs = tf.tidy(() => (model.predict(tf.tensor2d(x, [ROWS, spec.inputSize])) as tf.Tensor).dataSync().slice());
  // GELU needs the absolute floor: TF.js' erf is accurate to 1.5e-7 absolute (see test/engine/nn/tfjs-parity.test.ts).
  expectClose(net.predict(x, ROWS), theirs, JSON.stringify(spec.layers.map((l) => l.type === 'dense' ? l.activation : l.type)), 1e-5, 1e-6);
  model.dispose();
}

describe('TensorFlow.js loads the topology and predicts within 1e-5', () => {
  for (const activation of ACTIVATIONS) {
    it(`Dense layers with ${activation}`, async () => {
      await expectParity({ inputSize: 5, layers: [{ type: 'dense', units: 7, activation }, { type: 'dense', units: 3, activation }], loss: 'mse' }, 3);
    });
  }

  it('BatchNormalization (moving statistics), Dropout, no-bias and L1/L2-penalised Dense layers, softmax output', async () => {
    await expectParity(
      {
        inputSize: 6,
        layers: [
          { type: 'dense', units: 8, activation: 'relu', l2: 0.01, l1: 0.001 },
          { type: 'batchNormalization', momentum: 0.9, epsilon: 0.01 },
          { type: 'dropout', rate: 0.3 },
          { type: 'dense', units: 5, activation: 'leaky_relu', useBias: false },
          { type: 'batchNormalization' },
          { type: 'dense', units: 4, activation: 'softmax' },
        ],
        loss: 'sparse_categorical_crossentropy',
      },
      5,
    );
  });

  it('names layers and weights as Keras does, with leaky_relu as a linear Dense plus a LeakyReLU layer', () => {
    const spec: NetworkSpec = { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'leaky_relu' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' };
    const topology = topologyFromSpec(spec, 'Layerlab 0.1.0');
    expect(topology.config.layers.map((l) => [l.class_name, l.config.name, l.config.activation])).toEqual([
      ['Dense', 'dense', 'linear'],
      ['LeakyReLU', 'leaky_re_lu', undefined],
      ['Dropout', 'dropout', undefined],
      ['Dense', 'dense_1', 'sigmoid'],
    ]);
    expect(topology.config.layers[0]!.config.batch_input_shape).toEqual([null, 3]);
    expect(topology.config.layers[1]!.config.alpha).toBe(0.2);
    expect(specFromTopology(topology, spec.loss).weightNames).toEqual(['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']);
  });

  it('reads a model TF.js saved again (its own layer names and weight order) and predicts the same', async () => {
    const spec: NetworkSpec = {
      inputSize: 4,
      layers: [{ type: 'dense', units: 6, activation: 'leaky_relu' }, { type: 'batchNormalization' }, { type: 'dense', units: 3, activation: 'softmax' }],
      loss: 'sparse_categorical_crossentropy',
    };
    const net = randomNetwork(spec, 9);
    const reloaded = await loadInTfjs(net);
    let saved: tf.io.ModelArtifacts | null = null;
    await reloaded.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const artifacts = saved as unknown as { modelTopology: ModelTopology; weightSpecs: WeightSpec[]; weightData: ArrayBuffer };
    // TF.js lists trainable weights first: the moving statistics move to the end.
    expect(artifacts.weightSpecs.map((w) => w.name).slice(-2)).toEqual(['batch_normalization/moving_mean', 'batch_normalization/moving_variance']);
    const { spec: read, weightNames } = specFromTopology(artifacts.modelTopology, spec.loss);
    const copy = new Network(read, new Rng(0));
    copy.setWeights(unpackWeights(artifacts.weightSpecs, new Float32Array(artifacts.weightData), copy.params().map((p, i) => ({ name: weightNames[i]!, shape: p.shape })), 'network'));
    const x = randomArray(ROWS * 4, new Rng(10), 3);
    expect(copy.predict(x, ROWS)).toEqual(net.predict(x, ROWS));
    reloaded.dispose();
  });

  it('reads back the spec it wrote, defaults spelled out', () => {
    const spec: NetworkSpec = {
      inputSize: 4,
      layers: [
        { type: 'dense', units: 6, activation: 'leaky_relu', kernelInitializer: 'he_normal', l2: 0.001 },
        { type: 'batchNormalization', momentum: 0.95 },
        { type: 'dense', units: 2, activation: 'softmax', biasInitializer: 'ones', kernelInitializer: 'lecun_normal' },
      ],
      loss: 'sparse_categorical_crossentropy',
    };
    expect(specFromTopology(topologyFromSpec(spec, 'test'), spec.loss).spec).toEqual({
      inputSize: 4,
      layers: [
        { type: 'dense', units: 6, activation: 'leaky_relu', useBias: true, kernelInitializer: 'he_normal', biasInitializer: 'zeros', l2: 0.001 },
        { type: 'batchNormalization', momentum: 0.95, epsilon: 0.001 },
        { type: 'dense', units: 2, activation: 'softmax', useBias: true, kernelInitializer: 'lecun_normal', biasInitializer: 'ones' },
      ],
      loss: 'sparse_categorical_crossentropy',
    });
  });
});
