import { afterEach, describe, expect, it } from 'vitest';
import type { DataParallelNetwork } from '../../../engine/nn/data-parallel.ts';
import { fit } from '../../../engine/nn/fit.ts';
import { Network } from '../../../engine/nn/network.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { withGradientHelper } from '../../../main/training/gradient-helper.ts';
import { binaryAccuracy, diabetes } from '../../engine/nn/fit-fixtures.ts';

const spec: NetworkSpec = {
  inputSize: 8,
  layers: [
    { type: 'dense', units: 64, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
};

const open: DataParallelNetwork[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function parallel(network: Network, minRows = 2): DataParallelNetwork {
  const p = withGradientHelper(network, { maxBatch: 256, seed: 7, minRows });
  open.push(p);
  expect(p.waitUntilReady()).toBe(true);
  return p;
}

const grads = (n: Network): number[][] => n.trainable().map((p) => Array.from(p.grad));

describe('data-parallel gradients over a helper thread', () => {
  it('are exactly the row-weighted mean of the two halves computed on one thread', () => {
    const data = diabetes();
    const rows = 101; // odd: halves of 50 and 51 rows
    const x = data.x.subarray(0, rows * 8), y = data.y.subarray(0, rows);
    const two = new Network(spec, new Rng(1));
    const loss = parallel(two).computeGradients(x, y, rows, new Rng(0));

    const one = new Network(spec, new Rng(1));
    const lossA = one.computeGradients(x, y, 50, new Rng(0));
    const gA = grads(one);
    const lossB = one.computeGradients(x.subarray(50 * 8), y.subarray(50), 51, new Rng(0));
    const gB = grads(one);
    const expected = gA.map((g, k) => g.map((v, i) => Math.fround((50 / 101) * v + (51 / 101) * gB[k]![i]!)));
    expect(grads(two)).toEqual(expected);
    expect(loss).toBe((50 / 101) * lossA + (51 / 101) * lossB);
  });

  it('match one thread to float rounding on a whole batch', () => {
    const data = diabetes();
    const two = new Network(spec, new Rng(1)), one = new Network(spec, new Rng(1));
    const x = data.x.subarray(0, 256 * 8), y = data.y.subarray(0, 256);
    const loss2 = parallel(two).computeGradients(x, y, 256, new Rng(0));
    const loss1 = one.computeGradients(x, y, 256, new Rng(0));
    expect(Math.abs(loss2 - loss1)).toBeLessThan(1e-6);
    const g1 = grads(one);
    grads(two).forEach((g, k) => g.forEach((v, i) => expect(Math.abs(v - g1[k]![i]!)).toBeLessThan(1e-6)));
  });

  it('train bit-identically twice with the same seed, and to one thread’s accuracy within half a point', () => {
    const data = diabetes();
    const run = (threads: 1 | 2): { weights: Float32Array[]; accuracy: number } => {
      const network = new Network(spec, new Rng(5));
      fit(threads === 2 ? parallel(network) : network, data, { epochs: 10, batchSize: 64, seed: 3 });
      return { weights: network.getWeights(), accuracy: binaryAccuracy.compute(data.y, network.predict(data.x, data.rows), data.rows) };
    };
    const a = run(2), b = run(2), single = run(1);
    a.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(b.weights[i]!)));
    let worst = 0;
    a.weights.forEach((w, i) => w.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - single.weights[i]![j]!)))));
    expect(worst).toBeLessThan(1e-3);
    expect(Math.abs(a.accuracy - single.accuracy)).toBeLessThanOrEqual(0.005);
  });

  it('leave batches below minRows, and networks with BatchNorm, on this thread (bit-identical to one thread)', () => {
    const data = diabetes();
    const x = data.x.subarray(0, 40 * 8), y = data.y.subarray(0, 40);
    const small = new Network(spec, new Rng(2)), one = new Network(spec, new Rng(2));
    parallel(small, 64).computeGradients(x, y, 40, new Rng(0));
    one.computeGradients(x, y, 40, new Rng(0));
    expect(grads(small)).toEqual(grads(one));

    const bnSpec: NetworkSpec = { ...spec, layers: [spec.layers[0]!, { type: 'batchNormalization' }, ...spec.layers.slice(1)] };
    const bn = new Network(bnSpec, new Rng(2)), bnOne = new Network(bnSpec, new Rng(2));
    const p = withGradientHelper(bn, { maxBatch: 256, seed: 7, minRows: 2 });
    open.push(p);
    expect(p.waitUntilReady()).toBe(false);
    p.computeGradients(x, y, 40, new Rng(0));
    bnOne.computeGradients(x, y, 40, new Rng(0));
    expect(grads(bn)).toEqual(grads(bnOne));
  });
});
