import { describe, expect, it } from 'vitest';
import { sortScores } from '../../../engine/metrics/sort-scores.ts';
import { Rng } from '../../../engine/nn/rng.ts';

/** Values of every sign and scale, with duplicates, both zeros and infinities: the cases bit tricks get wrong. */
function awkwardScores(length: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const special = [0, -0, 1, -1, Infinity, -Infinity, 1e-40, -1e-40, 3.4e38, -3.4e38, 0.5];
  return Float32Array.from({ length }, () => {
    const u = rng.next();
    if (u < 0.1) return special[Math.floor(rng.next() * special.length)]!;
    if (u < 0.3) return Math.round(rng.next() * 20) / 8; // many ties
    return (rng.next() - 0.3) * 10 ** Math.floor(rng.next() * 12 - 6);
  });
}

function expectSameOrder(actual: Float32Array | Float64Array, expected: Float32Array | Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    // Object.is tells −0 from +0, which === would not.
    if (!Object.is(actual[i], expected[i])) expect.fail(`position ${i}: ${actual[i]} where the native sort has ${expected[i]}`);
  }
}

describe('sortScores', () => {
  it('orders 50,000 Float32 values exactly as the native numeric sort does, zeros and infinities included', () => {
    const values = awkwardScores(50_000, 3);
    const expected = values.slice().sort();
    sortScores(values);
    expectSameOrder(values, expected);
  });

  it('sorts short Float32 arrays and Float64 arrays too', () => {
    const short = awkwardScores(100, 5);
    const shortExpected = short.slice().sort();
    sortScores(short);
    expectSameOrder(short, shortExpected);
    const wide = Float64Array.from(awkwardScores(10_000, 9), (v) => v + 1e-12);
    const wideExpected = wide.slice().sort();
    sortScores(wide);
    expectSameOrder(wide, wideExpected);
  });

  it('sorts a subarray in place without touching its neighbours', () => {
    const whole = awkwardScores(20_000, 11);
    const before = whole.slice();
    const view = whole.subarray(5_000, 15_000);
    const expected = view.slice().sort();
    sortScores(view);
    expectSameOrder(view, expected);
    expectSameOrder(whole.subarray(0, 5_000), before.subarray(0, 5_000));
    expectSameOrder(whole.subarray(15_000), before.subarray(15_000));
  });
});
