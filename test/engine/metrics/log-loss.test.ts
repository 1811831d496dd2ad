import { describe, expect, it } from 'vitest';
import { logLoss } from '../../../engine/metrics/log-loss.ts';
import { isUserFacingError } from '../../../engine/errors.ts';

describe('logLoss', () => {
  it('averages −ln P(true class) over binary rows given as P(class 1)', () => {
    // Row 1: class 1 at .5 → ln 2; row 2: class 0 at P(1) = .25 → −ln .75; row 3: class 1 at 1 → clipped to 1 − 1e-15 → ≈ 1e-15.
    const loss = logLoss(new Int32Array([1, 0, 1]), new Float32Array([0.5, 0.25, 1]), 2);
    expect(loss).toBeCloseTo((Math.LN2 - Math.log(0.75) - Math.log(1 - 1e-15)) / 3, 15);
  });

  it('clips a certain mistake at 1e-15, costing −ln 1e-15 instead of Infinity', () => {
    expect(logLoss(new Int32Array([1]), new Float32Array([0]), 2)).toBeCloseTo(34.538776394910684, 12);
    expect(logLoss(new Int32Array([2]), new Float32Array([0.5, 0.5, 0]), 3)).toBeCloseTo(-Math.log(1e-15), 12);
  });

  it('matches scikit-learn on the 12-row binary fixture', () => {
    // scikit-learn 1.2.1: log_loss(y, p, eps=1e-15) = 0.6213907229498986.
    const labels = new Int32Array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1]);
    const p = new Float32Array([0.125, 0.375, 0.25, 0.75, 0.375, 0.75, 0.125, 0.625, 0.375, 0.875, 0.9375, 0.5]);
    expect(logLoss(labels, p, 2)).toBeCloseTo(0.6213907229498986, 14);
  });

  it('matches the hand sum and scikit-learn on three classes', () => {
    // P(true class) per row: .5 .25 .75 .25 .25 .25 .375 .875; scikit-learn 1.2.1: 0.9550459178909422.
    const labels = new Int32Array([0, 0, 1, 1, 2, 2, 2, 1]);
    const p = new Float32Array([
      0.5, 0.25, 0.25, 0.25, 0.5, 0.25, 0.125, 0.75, 0.125, 0.5, 0.25, 0.25,
      0.25, 0.5, 0.25, 0.375, 0.375, 0.25, 0.25, 0.375, 0.375, 0.0625, 0.875, 0.0625,
    ]);
    const byHand = -[0.5, 0.25, 0.75, 0.25, 0.25, 0.25, 0.375, 0.875].reduce((sum, q) => sum + Math.log(q), 0) / 8;
    expect(logLoss(labels, p, 3)).toBeCloseTo(byHand, 14);
    expect(logLoss(labels, p, 3)).toBeCloseTo(0.9550459178909422, 14);
  });

  it('scores a binary task given as rows × 1 like the same task given as three columns with an empty class', () => {
    const labels = new Int32Array([0, 1, 1, 0]);
    const p1 = new Float32Array([0.25, 0.625, 0.875, 0.5]);
    const asThree = new Float32Array(12);
    p1.forEach((p, r) => asThree.set([1 - p, p, 0], r * 3));
    expect(logLoss(labels, asThree, 3)).toBeCloseTo(logLoss(labels, p1, 2), 15);
  });

  it('rejects rows × 2 for a binary task, empty input and NaN probabilities', () => {
    expect(() => logLoss(new Int32Array([0, 1]), new Float32Array([0.8, 0.2, 0.3, 0.7]), 2)).toThrow(/rows × 1 values holding P\(class 1\)/);
    const codes = [
      () => logLoss(new Int32Array(0), new Float32Array(0), 2),
      () => logLoss(new Int32Array([0, 1]), new Float32Array([0.1, 0.2, 0.7, NaN, 0.5, 0.5]), 3),
    ].map((action) => {
      try {
        action();
      } catch (error) {
        return isUserFacingError(error) ? `${error.code}: ${error.message}` : 'other';
      }
      return 'none';
    });
    expect(codes[0]).toMatch(/^metrics-no-rows/);
    expect(codes[1]).toMatch(/^metrics-non-finite-prediction: The model predicted NaN for evaluated row 2/);
  });
});
