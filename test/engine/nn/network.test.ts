import { describe, expect, it } from 'vitest';
import { Network } from '../../../engine/nn/network.ts';
import { networkFromJSON, networkToJSON } from '../../../engine/nn/network-json.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { expectGradientsClose, numericGradient, randomArray } from './gradient-check.ts';

const ROWS = 6;

function targetsFor(spec: NetworkSpec, width: number, rng: Rng): Float32Array {
  switch (spec.loss) {
    case 'sparse_categorical_crossentropy': return Float32Array.from({ length: ROWS }, () => rng.int(width));
    case 'categorical_crossentropy': {
      const y = new Float32Array(ROWS * width);
      for (let r = 0; r < ROWS; r++) y[r * width + rng.int(width)] = 1;
      return y;
    }
    case 'binary_crossentropy': return Float32Array.from({ length: ROWS * width }, () => rng.int(2));
    default: return randomArray(ROWS * width, rng, 1);
  }
}

/** Every trainable param's gradient from computeGradients against finite differences of the returned loss. */
function checkNetwork(spec: NetworkSpec, label: string): void {
  const rng = new Rng(8);
  const net = new Network(spec, new Rng(3));
  const x = randomArray(ROWS * spec.inputSize, rng, 1.5);
  const y = targetsFor(spec, net.outputSize, rng);
  const weights = Float32Array.from({ length: ROWS }, (_, i) => 0.5 + i / 4);
  const dropoutFree = new Rng(0);
  const loss = (): number => net.computeGradients(x, y, ROWS, dropoutFree, weights);
  loss();
  const analytic = net.trainable().map((p) => p.grad.slice());
  net.trainable().forEach((p, k) => {
    expectGradientsClose(analytic[k]!, Array.from(p.value, (_, i) => numericGradient(loss, p.value, i)), `${label} ${p.name}`);
  });
}

describe('Network gradients', () => {
  it('sigmoid output fused with binary cross-entropy', () => {
    checkNetwork({ inputSize: 4, layers: [{ type: 'dense', units: 5, activation: 'tanh' }, { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, 'bce');
  });
  it('softmax output fused with categorical cross-entropy', () => {
    checkNetwork({ inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'elu' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'categorical_crossentropy' }, 'cce');
  });
  it('softmax output fused with sparse categorical cross-entropy', () => {
    checkNetwork({ inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'swish' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy' }, 'sparse');
  });
  it('a deep regression network with batch normalization, L1/L2 and no bias', () => {
    checkNetwork(
      {
        inputSize: 4,
        layers: [
          { type: 'dense', units: 5, activation: 'gelu', l1: 0.01, l2: 0.01 },
          { type: 'batchNormalization' },
          { type: 'dense', units: 4, activation: 'selu', useBias: false },
          { type: 'dense', units: 2, activation: 'linear' },
        ],
        loss: 'huber',
      },
      'deep',
    );
  });
});

describe('Network', () => {
  const spec: NetworkSpec = {
    inputSize: 3,
    layers: [{ type: 'dense', units: 6, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'batchNormalization' }, { type: 'dense', units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy',
  };

  it('names params Keras-style and counts them', () => {
    const net = new Network(spec, new Rng(1));
    expect(net.params().map((p) => p.name)).toEqual([
      'dense/kernel', 'dense/bias', 'batch_normalization/gamma', 'batch_normalization/beta',
      'batch_normalization/moving_mean', 'batch_normalization/moving_variance', 'dense_1/kernel', 'dense_1/bias',
    ]);
    expect(net.parameterCount).toEqual({ trainable: 3 * 6 + 6 + 12 + 6 + 1, nonTrainable: 12 });
  });

  it('initialises a bias as Keras does a 1-D weight: fan_in = fan_out = units, whatever the layer\'s inputs', () => {
    const net = new Network({ inputSize: 400, layers: [{ type: 'dense', units: 100, activation: 'sigmoid', biasInitializer: 'he_uniform' }], loss: 'binary_crossentropy' }, new Rng(3));
    const bias = net.params().find((p) => p.name === 'dense/bias')!.value;
    const limit = Math.sqrt(6 / 100); // he_uniform with fan_in 100; fan_in 400 (the kernel's) would give half
    const maxAbs = Math.max(...Array.from(bias, Math.abs));
    expect(maxAbs).toBeLessThanOrEqual(limit);
    expect(maxAbs).toBeGreaterThan(0.9 * limit); // 100 uniform draws all below 0.9·limit: probability 0.9¹⁰⁰ ≈ 3e-5
  });

  it('draws identical weights from the same seed and different ones from another', () => {
    const a = new Network(spec, new Rng(7)).getWeights();
    const b = new Network(spec, new Rng(7)).getWeights();
    const c = new Network(spec, new Rng(8)).getWeights();
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(c[0]);
  });

  it('returns the same loss and gradients when the same batch is computed twice (no stale state)', () => {
    const net = new Network({ ...spec, layers: spec.layers.filter((l) => l.type !== 'dropout') }, new Rng(2));
    const x = randomArray(8 * 3, new Rng(4), 1);
    const y = Float32Array.from([0, 1, 1, 0, 1, 0, 0, 1]);
    const first = net.computeGradients(x, y, 8, new Rng(0));
    const grads = net.trainable().map((p) => p.grad.slice());
    expect(net.computeGradients(x, y, 8, new Rng(0))).toBe(first);
    expect(net.trainable().map((p) => p.grad.slice())).toEqual(grads);
  });

  it('predicts the same in chunks as row by row, and evaluateLoss matches the loss of predict', () => {
    const net = new Network({ inputSize: 2, layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, new Rng(5));
    const rows = 5000;
    const x = randomArray(rows * 2, new Rng(6), 2);
    const y = Float32Array.from({ length: rows }, (_, i) => i % 2);
    const all = net.predict(x, rows);
    for (const r of [0, 2047, 2048, 4999]) expect(net.predict(x.subarray(r * 2, r * 2 + 2), 1)[0]).toBe(all[r]);
    let expected = 0;
    for (let r = 0; r < rows; r++) {
      const p = all[r]!;
      expected -= y[r] ? Math.log(p) : Math.log(1 - p);
    }
    expect(net.evaluateLoss(x, y, rows)).toBeCloseTo(expected / rows, 5);
  });

  it('round-trips through JSON and predicts bit-identically', () => {
    const net = new Network(spec, new Rng(9));
    const x = randomArray(40 * 3, new Rng(10), 1);
    const y = Float32Array.from({ length: 40 }, (_, i) => i % 2);
    net.computeGradients(x, y, 40, new Rng(1)); // moves the BatchNorm statistics away from their initial values
    const restored = networkFromJSON(JSON.parse(JSON.stringify(networkToJSON(net))));
    expect(restored.getWeights()).toEqual(net.getWeights());
    expect(restored.predict(x, 40)).toEqual(net.predict(x, 40));
  });

  it('rejects a malformed network file with the field and what was expected', () => {
    const json = JSON.parse(JSON.stringify(networkToJSON(new Network(spec, new Rng(1)))));
    expect(() => networkFromJSON({ ...json, format: 'other' })).toThrow(/"format" should be "layerlab-network"/);
    expect(() => networkFromJSON({ ...json, version: 99 })).toThrow(/newer Layerlab/);
    const badShape = structuredClone(json);
    badShape.weights[0].shape = [6, 3];
    expect(() => networkFromJSON(badShape)).toThrow(/"weights\[0\]\.shape" should be \[3, 6\]/);
    const badData = structuredClone(json);
    badData.weights[1].data = 'AAAAAA=='; // one float32
    expect(() => networkFromJSON(badData)).toThrow(/"weights\[1\]\.data" should be 6 float32 values/);
    expect(() => networkFromJSON({ ...json, weights: json.weights.slice(1) })).toThrow(/"weights" should be 8 entries/);
  });

  it('explains invalid specs in words a user can act on', () => {
    const base = { inputSize: 3, loss: 'binary_crossentropy' as const };
    expect(() => new Network({ ...base, layers: [{ type: 'dense', units: 0 }] }, new Rng(1))).toThrow(/Layer 1 \(dense\): units must be a whole number/);
    expect(() => new Network({ ...base, layers: [{ type: 'dropout', rate: 1 }, { type: 'dense', units: 1, activation: 'sigmoid' }] }, new Rng(1))).toThrow(/dropout rate must be at least 0 and below 1/);
    expect(() => new Network({ ...base, layers: [{ type: 'dense', units: 1, activation: 'relu' }] }, new Rng(1))).toThrow(/give the output layer a sigmoid activation/);
    expect(() => new Network({ ...base, loss: 'categorical_crossentropy', layers: [{ type: 'dense', units: 1, activation: 'softmax' }] }, new Rng(1))).toThrow(/one unit per class/);
    expect(() => new Network({ ...base, inputSize: 0, layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }] }, new Rng(1))).toThrow(/at least one input feature/);
  });
});
