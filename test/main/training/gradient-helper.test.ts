import { afterEach, describe, expect, it } from 'vitest';
import { dataParallelFor, DataParallelNetwork, splitMinRows, wantsHelper } from '../../../engine/nn/data-parallel.ts';
import { fit } from '../../../engine/nn/fit.ts';
import { Network } from '../../../engine/nn/network.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { gradientHelperStarter, withGradientHelper } from '../../../main/training/gradient-helper.ts';
import { binaryAccuracy, diabetes } from '../../engine/nn/fit-fixtures.ts';

const spec: NetworkSpec = {
  inputSize: 8,
  layers: [
    { type: 'dense', units: 64, activation: 'relu' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
};

const open: DataParallelNetwork[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** Batches of 2 rows and more split; the helper (when there is one) computes every second half. */
function split(network: Network, helper: boolean): DataParallelNetwork {
  const p = withGradientHelper(network, { maxBatch: 256, seed: 7, minRows: 2, use: 'helper', startHelper: helper ? gradientHelperStarter(2) : null });
  open.push(p);
  expect(p.waitUntilReady()).toBe(helper);
  return p;
}

const grads = (n: Network): number[][] => n.trainable().map((p) => Array.from(p.grad));

describe('split batches', () => {
  it('are the row-weighted mean of the two halves, the second drawing its dropout masks from a stream of its own', () => {
    const data = diabetes();
    const rows = 101; // odd: halves of 50 and 51 rows
    const x = data.x.subarray(0, rows * 8), y = data.y.subarray(0, rows);
    const halves = new Network(spec, new Rng(1));
    const loss = split(halves, false).computeGradients(x, y, rows, new Rng(0));

    const one = new Network(spec, new Rng(1));
    const lossB = one.computeGradients(x.subarray(50 * 8), y.subarray(50), 51, new Rng(7).fork());
    const gB = grads(one);
    const lossA = one.computeGradients(x, y, 50, new Rng(0));
    const gA = grads(one);
    const expected = gA.map((g, k) => g.map((v, i) => Math.fround((50 / 101) * v + (51 / 101) * gB[k]![i]!)));
    expect(grads(halves)).toEqual(expected);
    expect(loss).toBe((50 / 101) * lossA + (51 / 101) * lossB);
  });

  it('give the same gradients, loss and outputs whether the helper thread or this one computes the second half', () => {
    const data = diabetes();
    const x = data.x.subarray(0, 201 * 8), y = data.y.subarray(0, 201);
    const [alone, helped] = [false, true].map((helper) => {
      const network = new Network(spec, new Rng(1));
      const p = split(network, helper);
      const losses = [0, 1, 2].map((i) => p.computeGradients(x, y, 201 - i, new Rng(i)));
      return { losses, grads: grads(network), outputs: Array.from(p.batchOutputs()) };
    });
    expect(helped!.losses).toEqual(alone!.losses);
    expect(helped!.grads).toEqual(alone!.grads);
    expect(helped!.outputs).toEqual(alone!.outputs);
    expect(helped!.outputs).toHaveLength(199);
  });

  it('train to bit-identical weights on one thread and on two (dropout and class weights included), close to unsplit batches', () => {
    const data = diabetes();
    const run = (mode: 'alone' | 'helper' | 'unsplit'): { weights: Float32Array[]; accuracy: number } => {
      const network = new Network(spec, new Rng(5));
      fit(mode === 'unsplit' ? network : split(network, mode === 'helper'), data, { epochs: 8, batchSize: 64, seed: 3, classWeight: { 0: 1, 1: 1.8 } });
      return { weights: network.getWeights(), accuracy: binaryAccuracy.compute(data.y, network.predict(data.x, data.rows), data.rows) };
    };
    const alone = run('alone'), helped = run('helper'), unsplit = run('unsplit');
    helped.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(alone.weights[i]!)));
    // Unsplit batches draw other dropout masks: the same training, not the same numbers.
    expect(Math.abs(alone.accuracy - unsplit.accuracy)).toBeLessThanOrEqual(0.03);
  });

  it('leave batches below minRows, and networks with BatchNorm, whole (bit-identical to the network alone)', () => {
    const data = diabetes();
    const x = data.x.subarray(0, 40 * 8), y = data.y.subarray(0, 40);
    const small = new Network(spec, new Rng(2)), one = new Network(spec, new Rng(2));
    const p = withGradientHelper(small, { maxBatch: 256, seed: 7, minRows: 64, startHelper: null });
    p.computeGradients(x, y, 40, new Rng(0));
    one.computeGradients(x, y, 40, new Rng(0));
    expect(grads(small)).toEqual(grads(one));

    const bnSpec: NetworkSpec = { ...spec, layers: [spec.layers[0]!, { type: 'batchNormalization' }, ...spec.layers.slice(1)] };
    const bn = new Network(bnSpec, new Rng(2)), bnOne = new Network(bnSpec, new Rng(2));
    const q = withGradientHelper(bn, { maxBatch: 256, seed: 7, minRows: 2, startHelper: gradientHelperStarter(2) });
    open.push(q);
    expect(q.waitUntilReady(100)).toBe(false);
    q.computeGradients(x, y, 40, new Rng(0));
    bnOne.computeGradients(x, y, 40, new Rng(0));
    expect(grads(bn)).toEqual(grads(bnOne));
  });
});

describe('when batches are split (rows × parameters) and a helper is started', () => {
  const wide = (hidden: number[]): Network =>
    new Network({ inputSize: 13, layers: [...hidden.map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })), { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, new Rng(1));

  it('splits from 8 MFLOP per batch: the classic 6-6 never, 64-32 from 444 rows, 128-64 from 132', () => {
    expect(splitMinRows(wide([6, 6]))).toBeGreaterThan(10_000);
    expect(splitMinRows(wide([64, 32]))).toBe(444);
    expect(splitMinRows(wide([128, 64]))).toBe(132);
    expect(dataParallelFor(wide([6, 6]), { batchSize: 32, samples: 800_000, seed: 1 }, gradientHelperStarter(2))).toBeNull();
    expect(dataParallelFor(wide([64, 32]), { batchSize: 256, samples: 2_400_000, seed: 1 }, gradientHelperStarter(2))).toBeNull();
  });

  it('offers a helper only to runs with enough arithmetic to pay for starting it, and never on one core', () => {
    expect(wantsHelper(wide([128, 64]), 256, 8000 * 20)).toBe(true);
    expect(wantsHelper(wide([128, 64]), 256, 8000)).toBe(false);
    expect(gradientHelperStarter(1)).toBeNull();
    const oneCore = dataParallelFor(wide([128, 64]), { batchSize: 256, samples: 160_000, seed: 1 }, null)!;
    expect(oneCore).toBeInstanceOf(DataParallelNetwork);
    expect(oneCore.waitUntilReady(10)).toBe(false);
  });
});
