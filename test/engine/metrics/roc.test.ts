import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areaUnderCurve, rocAuc, rocCurve, thresholdCounts } from '../../../engine/metrics/roc.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { isUserFacingError } from '../../../engine/errors.ts';

/*
 * Ten rows with ties, worked by hand. Sorted by score, highest first:
 *   0.875 neg | 0.75 pos pos | 0.625 pos | 0.375 neg neg pos | 0.25 pos | 0.125 neg neg      (P = 5, N = 5)
 * Cumulative (fp, tp) at each distinct threshold: (1,0) (1,2) (1,3) (3,4) (3,5) (5,5).
 * The tie at 0.375 is one step from (1,3) to (3,4), a diagonal, not two separate moves.
 * ROC: fpr 0, .2, .2, .2, .6, .6, 1   tpr 0, 0, .4, .6, .8, 1, 1   thresholds ∞, .875, .75, .625, .375, .25, .125
 * AUC by trapezoids: the .2→.6 diagonal gives .4 × (.6 + .8)/2 = .28, the .6→1 run gives .4 × 1 = .4 → 0.68.
 * Check by pairs: positives outscore negatives in 16 of 25 pairs and tie in 2 → (16 + 2/2) / 25 = 0.68.
 */
const handLabels = new Int32Array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0]);
const handScores = new Float32Array([0.125, 0.375, 0.25, 0.75, 0.375, 0.75, 0.125, 0.625, 0.375, 0.875]);

/*
 * Twelve rows whose sorted order has a collinear run (0.75 → 0.625 → 0.5 adds one positive each), so
 * scikit-learn's drop_intermediate removes the point at 0.625. Expected values printed by scikit-learn 1.2.1:
 *   roc_curve(y, p): fpr [0, 0, .2, .2, .2, .6, .6, 1], tpr [0, 1/7, 1/7, 3/7, 5/7, 6/7, 1, 1],
 *   thresholds [1.9375, .9375, .875, .75, .5, .375, .25, .125]   (1.2 puts max + 1 first; ≥ 1.3 puts inf)
 *   roc_curve(..., drop_intermediate=False) adds (0.2, 4/7) at 0.625; roc_auc_score = 0.7428571428571429
 */
const skLabels = new Int32Array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1]);
const skScores = new Float32Array([0.125, 0.375, 0.25, 0.75, 0.375, 0.75, 0.125, 0.625, 0.375, 0.875, 0.9375, 0.5]);

function expectArrayClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 12));
}

/** AUC as the share of (positive, negative) pairs the positive wins, ties counting one half: O(P·N). */
function pairwiseAuc(labels: Int32Array, scores: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

function readDiabetes(): { outcome: Int32Array; glucose: Float32Array } {
  const lines = readFileSync(new URL('../../../../shared/datasets/diabetes.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
  const rows = lines.slice(1).map((line) => line.split(',').map(Number));
  return { outcome: Int32Array.from(rows, (r) => r[8]!), glucose: Float32Array.from(rows, (r) => r[1]!) };
}

describe('thresholdCounts', () => {
  it('groups tied scores into one threshold with cumulative counts', () => {
    const counts = thresholdCounts(handLabels, handScores);
    expect(Array.from(counts.thresholds)).toEqual([0.875, 0.75, 0.625, 0.375, 0.25, 0.125]);
    expect(Array.from(counts.falsePositives)).toEqual([1, 1, 1, 3, 3, 5]);
    expect(Array.from(counts.truePositives)).toEqual([0, 2, 3, 4, 5, 5]);
    expect([counts.positives, counts.negatives]).toEqual([5, 5]);
  });

  it('gives the same counts for Float32 scores (radix-sorted) as for the same values in a Float64Array', () => {
    const rng = new Rng(21);
    // Both classes above 4,096 rows, so both take the radix path.
    const labels = Int32Array.from({ length: 20_000 }, () => (rng.next() < 0.4 ? 1 : 0));
    const scores = Float32Array.from(labels, (y) => Math.round((rng.next() + 0.3 * y) * 400) / 512);
    const radix = thresholdCounts(labels, scores);
    const native = thresholdCounts(labels, Float64Array.from(scores));
    expect(radix.thresholds.length).toBeGreaterThan(300);
    expect(radix).toEqual(native);
  });

  it('counts a chosen class as positive for one-vs-rest', () => {
    const counts = thresholdCounts(new Int32Array([2, 0, 2, 1]), new Float32Array([0.9, 0.8, 0.1, 0.1]), 2);
    expect(Array.from(counts.thresholds)).toEqual([0.9, 0.8, 0.1].map(Math.fround));
    expect(Array.from(counts.truePositives)).toEqual([1, 1, 2]);
    expect(Array.from(counts.falsePositives)).toEqual([0, 1, 2]);
  });
});

describe('rocCurve', () => {
  it('matches the hand-worked curve with ties', () => {
    const curve = rocCurve(handLabels, handScores);
    expectArrayClose(curve.fpr, [0, 0.2, 0.2, 0.2, 0.6, 0.6, 1]);
    expectArrayClose(curve.tpr, [0, 0, 0.4, 0.6, 0.8, 1, 1]);
    expect(Array.from(curve.thresholds)).toEqual([Infinity, 0.875, 0.75, 0.625, 0.375, 0.25, 0.125]);
  });

  it('matches scikit-learn, dropping collinear points by default', () => {
    const curve = rocCurve(skLabels, skScores);
    expectArrayClose(curve.fpr, [0, 0, 0.2, 0.2, 0.2, 0.6, 0.6, 1]);
    expectArrayClose(curve.tpr, [0, 1 / 7, 1 / 7, 3 / 7, 5 / 7, 6 / 7, 1, 1]);
    expect(Array.from(curve.thresholds)).toEqual([Infinity, 0.9375, 0.875, 0.75, 0.5, 0.375, 0.25, 0.125]);
  });

  it('keeps every distinct threshold when dropIntermediate is false, as scikit-learn does', () => {
    const curve = rocCurve(skLabels, skScores, { dropIntermediate: false });
    expectArrayClose(curve.fpr, [0, 0, 0.2, 0.2, 0.2, 0.2, 0.6, 0.6, 1]);
    expectArrayClose(curve.tpr, [0, 1 / 7, 1 / 7, 3 / 7, 4 / 7, 5 / 7, 6 / 7, 1, 1]);
    expect(Array.from(curve.thresholds)).toEqual([Infinity, 0.9375, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125]);
  });

  it('gives NaN rates for the missing class when only one class is present, as scikit-learn does', () => {
    const curve = rocCurve(new Int32Array([1, 1, 1]), new Float32Array([0.2, 0.6, 0.6]));
    expectArrayClose(curve.tpr, [0, 2 / 3, 1]);
    expect(curve.fpr.length).toBe(3);
    expect(Array.from(curve.fpr).every(Number.isNaN)).toBe(true);
  });

  it('rejects labels other than 0/1, empty input and NaN scores with user-facing errors', () => {
    expect(() => rocCurve(new Int32Array([0, 2]), new Float32Array([0.1, 0.2]))).toThrow(/target class index 2/);
    const codes = [
      () => rocCurve(new Int32Array(0), new Float32Array(0)),
      () => rocCurve(new Int32Array([0, 1]), new Float32Array([0.1, NaN])),
    ].map((action) => {
      try {
        action();
      } catch (error) {
        return isUserFacingError(error) ? error.code : 'other';
      }
      return 'none';
    });
    expect(codes).toEqual(['metrics-no-rows', 'metrics-non-finite-prediction']);
  });

  it('reproduces scikit-learn on real data (Pima diabetes, glucose as the score, many ties)', () => {
    // scikit-learn 1.2.1 on diabetes.csv: roc_curve(Outcome, Glucose) has 128 points (137 without dropping);
    // point 5 is fpr 0.002, tpr 0.03731343283582089 at threshold 195.
    const { outcome, glucose } = readDiabetes();
    const curve = rocCurve(outcome, glucose);
    expect(curve.fpr.length).toBe(128);
    expect(rocCurve(outcome, glucose, { dropIntermediate: false }).fpr.length).toBe(137);
    expect([curve.fpr[5], curve.tpr[5], curve.thresholds[5]]).toEqual([0.002, 0.03731343283582089, 195]);
  });
});

describe('rocAuc', () => {
  it('is 0.68 on the hand-worked ties, equal to the trapezoidal area of the curve', () => {
    expect(rocAuc(handLabels, handScores)).toBeCloseTo(0.68, 15);
    const curve = rocCurve(handLabels, handScores);
    expect(areaUnderCurve(curve.fpr, curve.tpr)).toBeCloseTo(0.68, 15);
  });

  it('matches scikit-learn roc_auc_score on the fixture and on real data', () => {
    expect(rocAuc(skLabels, skScores)).toBeCloseTo(0.7428571428571429, 15);
    const { outcome, glucose } = readDiabetes();
    // scikit-learn 1.2.1: roc_auc_score(Outcome, Glucose) = 0.7881305970149254.
    expect(rocAuc(outcome, glucose)).toBeCloseTo(0.7881305970149254, 14);
    expect(rocAuc(outcome, glucose)).toBeCloseTo(pairwiseAuc(outcome, glucose), 14);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score ties', () => {
    const labels = new Int32Array([0, 0, 1, 1]);
    expect(rocAuc(labels, new Float32Array([0.1, 0.2, 0.8, 0.9]))).toBe(1);
    expect(rocAuc(labels, new Float32Array([0.9, 0.8, 0.2, 0.1]))).toBe(0);
    expect(rocAuc(labels, new Float32Array([0.5, 0.5, 0.5, 0.5]))).toBe(0.5);
  });

  it('is NaN when only one class is present', () => {
    expect(rocAuc(new Int32Array([0, 0]), new Float32Array([0.1, 0.9]))).toBeNaN();
    expect(rocAuc(new Int32Array([1]), new Float32Array([0.3]))).toBeNaN();
  });
});
