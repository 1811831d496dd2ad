import { describe, expect, it } from 'vitest';
import { progressMetrics } from '../../../engine/metrics/progress.ts';
import { r2Score } from '../../../engine/metrics/regression.ts';

const { binaryAccuracy, sparseAccuracy, r2 } = progressMetrics;

describe('progressMetrics.binaryAccuracy', () => {
  it('counts P(class 1) ≥ 0.5 as a prediction of 1', () => {
    // .2 → 0 right, .5 → 1 right, .4 → 0 wrong, .7 → 1 wrong: 2 of 4.
    expect(binaryAccuracy(new Float32Array([0, 1, 1, 0]), new Float32Array([0.2, 0.5, 0.4, 0.7]), 4)).toBe(0.5);
  });

  it('counts a NaN output as wrong instead of throwing mid-training', () => {
    expect(binaryAccuracy(new Float32Array([0, 1]), new Float32Array([NaN, NaN]), 2)).toBe(0.5);
  });

  it('rejects buffers that do not hold exactly `rows` values, and zero rows', () => {
    expect(() => binaryAccuracy(new Float32Array(4), new Float32Array(3), 4)).toThrow(RangeError);
    expect(() => binaryAccuracy(new Float32Array(0), new Float32Array(0), 0)).toThrow(/no rows to evaluate/);
  });
});

describe('progressMetrics.sparseAccuracy', () => {
  it('compares the argmax of each row, ties to the lowest index, with the class index in y', () => {
    const yPred = new Float32Array([
      0.1, 0.7, 0.2, // → 1, y 1: right
      0.4, 0.4, 0.2, // tie → 0, y 1: wrong
      0.2, 0.3, 0.5, // → 2, y 2: right
    ]);
    expect(sparseAccuracy(new Float32Array([1, 1, 2]), yPred, 3)).toBeCloseTo(2 / 3, 15);
  });

  it('infers K from the prediction length and rejects one that does not divide', () => {
    expect(sparseAccuracy(new Float32Array([3, 0]), new Float32Array([0, 0, 0, 1, 1, 0, 0, 0]), 2)).toBe(1);
    expect(() => sparseAccuracy(new Float32Array([0, 1]), new Float32Array(5), 2)).toThrow(/rows × K predictions/);
  });
});

describe('progressMetrics.r2', () => {
  it('equals r2Score on the same values', () => {
    const y = new Float32Array([3, -0.5, 2, 7]);
    const yPred = new Float32Array([2.5, 0, 2, 8]);
    expect(r2(y, yPred, 4)).toBe(r2Score(y, yPred));
    expect(r2(y, yPred, 4)).toBeCloseTo(0.9486081370449679, 15);
  });

  it('is NaN rather than an exception when predictions diverged', () => {
    expect(r2(new Float32Array([1, 2, 3]), new Float32Array([1, NaN, 3]), 3)).toBeNaN();
    expect(r2(new Float32Array([2, 2]), new Float32Array([2, NaN]), 2)).toBeNaN();
  });
});
