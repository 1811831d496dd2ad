import { describe, expect, it } from 'vitest';
import { BatchNorm } from '../../../../engine/nn/layers/batch-norm.ts';
import { DenseLinear } from '../../../../engine/nn/layers/dense.ts';
import { Dropout } from '../../../../engine/nn/layers/dropout.ts';
import type { Layer } from '../../../../engine/nn/layers/layer.ts';
import { Rng } from '../../../../engine/nn/rng.ts';
import { expectGradientsClose, numericGradient, randomArray } from '../gradient-check.ts';

const ROWS = 5;

/** L = Σ c·out + penalty, so dL/dout = c: checks input and param gradients of one layer. */
function checkLayer(layer: Layer, forward: (x: Float32Array) => Float32Array, label: string): void {
  const rng = new Rng(21);
  layer.reserve(ROWS);
  const x = randomArray(ROWS * layer.inputSize, rng, 2, 0.05);
  const c = randomArray(ROWS * layer.outputSize, rng, 1);
  const loss = (): number => {
    const out = forward(x);
    let s = layer.penalty();
    for (let i = 0; i < ROWS * layer.outputSize; i++) s += c[i]! * out[i]!;
    return s;
  };
  loss();
  const gradIn = layer.backward(c, ROWS, true)!.slice(0, ROWS * layer.inputSize);
  layer.addPenaltyGradient();
  const paramGrads = layer.params().filter((p) => p.trainable).map((p) => p.grad.slice());
  expectGradientsClose(gradIn, Array.from(x, (_, i) => numericGradient(loss, x, i)), `${label} input`);
  layer.params().filter((p) => p.trainable).forEach((p, k) => {
    expectGradientsClose(paramGrads[k]!, Array.from(p.value, (_, i) => numericGradient(loss, p.value, i)), `${label} ${p.name}`);
  });
}

function randomizeParams(layer: Layer, seed: number): void {
  const rng = new Rng(seed);
  for (const p of layer.params()) if (p.trainable) p.value.set(randomArray(p.value.length, rng, 1, 0.05));
}

describe('Dense', () => {
  for (const [useBias, penalty] of [[true, null], [false, null], [true, { l1: 0.01, l2: 0.02 }]] as const) {
    it(`gradients match finite differences (bias ${useBias}, penalty ${penalty ? 'L1+L2' : 'none'})`, () => {
      const dense = new DenseLinear('dense', 4, 3, useBias, penalty);
      randomizeParams(dense, 3);
      checkLayer(dense, (x) => dense.forward(x, ROWS, 'train'), 'dense');
    });
  }

  it('computes x·W + b with the Keras kernel layout [inputs, units]', () => {
    const dense = new DenseLinear('dense', 2, 3, true, null);
    dense.kernel.value.set([1, 2, 3, 4, 5, 6]); // W[0] = [1,2,3], W[1] = [4,5,6]
    dense.bias!.value.set([0.5, -1, 0]);
    dense.reserve(2);
    const out = dense.forward(Float32Array.from([1, 1, 2, -1]), 2, 'infer');
    expect(Array.from(out.subarray(0, 6))).toEqual([5.5, 6, 9, -1.5, -2, 0]);
  });

  it('adds l1·Σ|w| + l2·Σw² to the loss', () => {
    const dense = new DenseLinear('dense', 1, 2, false, { l1: 0.1, l2: 0.5 });
    dense.kernel.value.set([2, -3]);
    expect(dense.penalty()).toBeCloseTo(0.1 * 5 + 0.5 * 13, 6);
  });
});

describe('BatchNorm', () => {
  it('gradients in training mode match finite differences', () => {
    const bn = new BatchNorm('batch_normalization', 3, 0.99, 1e-3);
    randomizeParams(bn, 4);
    checkLayer(bn, (x) => bn.forward(x, ROWS, 'train'), 'batchnorm');
  });

  it('normalises with batch statistics in training and updates the moving averages as Keras does', () => {
    const bn = new BatchNorm('bn', 1, 0.9, 1e-3);
    bn.reserve(4);
    const out = bn.forward(Float32Array.from([1, 2, 3, 6]), 4, 'train');
    // mean 3, biased variance (4+1+0+9)/4 = 3.5
    const inv = 1 / Math.sqrt(3.5 + 1e-3);
    expect(Array.from(out.subarray(0, 4))).toEqual([-2, -1, 0, 3].map((c) => Math.fround(c * inv)));
    expect(bn.movingMean.value[0]).toBeCloseTo(0 * 0.9 + 3 * 0.1, 6);
    expect(bn.movingVariance.value[0]).toBeCloseTo(1 * 0.9 + 3.5 * 0.1, 6);
    const inferred = bn.forward(Float32Array.from([1]), 1, 'infer');
    expect(inferred[0]).toBeCloseTo((1 - 0.3) / Math.sqrt(1.25 + 1e-3), 6);
  });
});

describe('Dropout', () => {
  it('backward applies the same mask as forward', () => {
    const dropout = new Dropout('dropout', 4, 0.5);
    const mask = Float32Array.from({ length: ROWS * 4 }, (_, i) => (i % 3 === 0 ? 0 : 2));
    checkLayer(dropout, (x) => dropout.forwardWithMask(x, ROWS, mask), 'dropout');
  });

  it('keeps about 1 − rate of the units, scaled by 1/(1 − rate), and is the identity at inference', () => {
    const dropout = new Dropout('dropout', 1000, 0.2);
    dropout.reserve(1);
    const x = new Float32Array(1000).fill(1);
    const out = dropout.forward(x, 1, 'train', new Rng(1));
    const kept = Array.from(out).filter((v) => v !== 0);
    expect(kept.length).toBeGreaterThan(760);
    expect(kept.length).toBeLessThan(840);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.8)]));
    expect(dropout.forward(x, 1, 'infer', null)).toBe(x);
  });
});
