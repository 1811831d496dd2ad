/**
 * Ensembles in the model file: the functional topology TensorFlow.js 4.22 loads and predicts with (its Average
 * layer matching Layerlab's mean of the members within 1e-5), a model file that reads back to the same
 * predictions, version 2.0 in the file, and refusals that name the layer whose wiring is wrong.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensembleTopology, membersFromTopology, type FunctionalTopology } from '../../../engine/model/ensemble-topology.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import { buildModelFile, serializeModel, type ModelMember } from '../../../engine/model/model-file.ts';
import { packWeights } from '../../../engine/model/weights.ts';
import { Ensemble } from '../../../engine/nn/ensemble.ts';
import { Network } from '../../../engine/nn/network.ts';
import { networkToJSON } from '../../../engine/nn/network-json.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { randomArray } from '../nn/gradient-check.ts';
import { expectClose, randomizeTrainable, tf } from '../nn/tfjs-reference.ts';
import { trained } from './trained.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SPECS: NetworkSpec[] = [
  { inputSize: 5, layers: [{ type: 'dense', units: 7, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy' },
  { inputSize: 5, layers: [{ type: 'dense', units: 3, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy' },
  { inputSize: 5, layers: [{ type: 'dense', units: 4, activation: 'leaky_relu', l2: 0.01 }, { type: 'batchNormalization' }, { type: 'dense', units: 6, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy' },
];

function randomNetworks(seed: number): Network[] {
  const rng = new Rng(seed);
  return SPECS.map((spec) => {
    const net = new Network(spec, rng);
    randomizeTrainable(net, rng);
    return net;
  });
}

describe('an ensemble as a functional model', () => {
  it('loads in TensorFlow.js and predicts the mean of its members within 1e-5', async () => {
    const nets = randomNetworks(11);
    const topology = ensembleTopology(SPECS, 'test');
    const packed = membersFromTopology(topology, 'sparse_categorical_crossentropy').map((m, i) => packWeights(networkToJSON(nets[i]!), m.weightNames));
    const values = Float32Array.from(packed.flatMap((p) => Array.from(p.values)));
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology as never, weightSpecs: packed.flatMap((p) => p.weightSpecs) as tf.io.WeightsManifestEntry[], weightData: values.buffer }));
    const rows = 23;
    const x = randomArray(rows * 5, new Rng(3), 2);
    const theirs = tf.tidy(() => (model.predict(tf.tensor2d(x, [rows, 5])) as tf.Tensor).dataSync().slice());
    const ours = new Ensemble(nets).predict(x, rows);
    expectClose(ours, theirs, 'ensemble of 3', 1e-5, 1e-6);
    const mean = nets.map((n) => n.predict(x, rows)).reduce((sum, p) => sum.map((v, i) => v + p[i]! / 3), new Float32Array(rows * 3));
    expectClose(ours, mean, 'mean of the members', 1e-6, 1e-7);
    model.dispose();
  });

  it('names every member\'s layers member<k>_… and wires each chain from the input to the Average', () => {
    const topology = ensembleTopology(SPECS.slice(0, 2), 'test');
    expect(topology.config.layers.map((l) => [l.class_name, l.name, l.inbound_nodes.flat().map((n) => n[0])])).toEqual([
      ['InputLayer', 'input', []],
      ['Dense', 'member1_dense', ['input']],
      ['Dropout', 'member1_dropout', ['member1_dense']],
      ['Dense', 'member1_dense_1', ['member1_dropout']],
      ['Dense', 'member2_dense', ['input']],
      ['Average', 'average', ['member1_dense_1', 'member2_dense']],
    ]);
    expect(membersFromTopology(topology, 'sparse_categorical_crossentropy').map((m) => m.weightNames)).toEqual([
      ['member1_dense/kernel', 'member1_dense/bias', 'member1_dense_1/kernel', 'member1_dense_1/bias'],
      ['member2_dense/kernel', 'member2_dense/bias'],
    ]);
  });

  const rewire: [string, (t: { config: { layers: { inbound_nodes: unknown[][][]; class_name: string }[]; output_layers: unknown[] } }) => void, RegExp][] = [
    ['a layer that reads another member\'s layer', (t) => (t.config.layers[4]!.inbound_nodes = [[['member1_dense', 0, 0, {}]]]), /layers\[4\]\.inbound_nodes" is an input from "member1_dense", not from the layer before it/],
    ['an Average that leaves a member out', (t) => (t.config.layers[5]!.inbound_nodes = [[['member1_dense_1', 0, 0, {}]]]), /layers\[5\]\.inbound_nodes" is an average of \[member1_dense_1\], not of every member's last layer \[member1_dense_1, member2_dense\]/],
    ['no InputLayer first', (t) => (t.config.layers[0]!.class_name = 'Dense'), /layers\[0\]\.class_name" is "Dense", not the InputLayer that must come first/],
    ['an output that is not the Average', (t) => (t.config.output_layers = [['member2_dense', 0, 0]]), /output_layers" is \[\["member2_dense",0,0\]\], not the Average layer alone/],
  ];
  for (const [what, change, message] of rewire) {
    it(`refuses ${what}`, () => {
      const topology = JSON.parse(JSON.stringify(ensembleTopology(SPECS.slice(0, 2), 'test')));
      change(topology);
      expect(() => membersFromTopology(topology as FunctionalTopology, 'sparse_categorical_crossentropy')).toThrow(message);
    });
  }
});

describe('an ensemble in a model file', () => {
  it('is version 2.0, passes the schema, reads back and predicts exactly the mean of the saved members', async () => {
    const { result, design, settings } = await trained('iris');
    const second = new Network(result.network.spec, new Rng(5));
    const networks = [result.network, networkToJSON(second)];
    const member: ModelMember = { design, settings, rows: { train: 100, validation: 20 }, epochsCompleted: 3, bestEpoch: 2, stopReason: 'early-stopped' };
    const file = buildModelFile({ result, design, settings, source: { name: 'iris.csv', sha256: '0'.repeat(64), rows: 150 }, app: { name: 'Layerlab', version: 'test' }, ensemble: { networks, members: [member, member] } });
    expect(file.version).toBe('2.0');
    expect(file.training.members).toHaveLength(2);
    const loaded = loadModel(JSON.parse(serializeModel(file)));
    expect(loaded.network).toBeInstanceOf(Ensemble);
    expect(loaded.network.parameterCount.trainable).toBe(2 * result.parameterCount);
    const x = randomArray(10 * 4, new Rng(1), 1);
    const first = loadModel(JSON.parse(serializeModel(buildModelFile({ result, design, settings, source: { name: 'iris.csv', sha256: '0'.repeat(64), rows: 150 }, app: { name: 'Layerlab', version: 'test' } }))));
    const expected = first.network.predict(x, 10).map((v, i) => (v + second.predict(x, 10)[i]!) / 2);
    expect(Array.from(loaded.network.predict(x, 10))).toEqual(Array.from(expected));
  });
});
