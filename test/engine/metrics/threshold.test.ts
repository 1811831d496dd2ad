import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thresholdMetrics, thresholdSweep } from '../../../engine/metrics/threshold.ts';

// The ten hand-worked rows of the ROC tests: 5 positives scoring .75 .75 .625 .375 .25, 5 negatives .875 .375 .375 .125 .125.
const labels = new Int32Array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0]);
const scores = new Float32Array([0.125, 0.375, 0.25, 0.75, 0.375, 0.75, 0.125, 0.625, 0.375, 0.875]);

function readDiabetes(): { outcome: Int32Array; glucose: Float32Array } {
  const lines = readFileSync(new URL('../../../../shared/datasets/diabetes.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
  const rows = lines.slice(1).map((line) => line.split(',').map(Number));
  return { outcome: Int32Array.from(rows, (r) => r[8]!), glucose: Float32Array.from(rows, (r) => r[1]!) };
}

describe('thresholdMetrics', () => {
  it('counts rows scoring at or above the threshold as positive (hand-worked at 0.5)', () => {
    // ≥ 0.5: positives .75 .75 .625 (TP 3), negative .875 (FP 1); FN 2, TN 4.
    expect(thresholdMetrics(labels, scores, 0.5)).toEqual({
      threshold: 0.5,
      truePositives: 3,
      falsePositives: 1,
      trueNegatives: 4,
      falseNegatives: 2,
      accuracy: 7 / 10,
      precision: 3 / 4,
      recall: 3 / 5,
      f1: 6 / 9,
      specificity: 4 / 5,
    });
  });

  it('admits every row of a tied score at once when the threshold equals it', () => {
    // ≥ 0.375 adds the tie: one positive and two negatives → TP 4, FP 3.
    const at = thresholdMetrics(labels, scores, 0.375);
    expect([at.truePositives, at.falsePositives]).toEqual([4, 3]);
  });

  it('reports 0, not NaN, for precision and F1 when nothing is predicted positive', () => {
    const none = thresholdMetrics(labels, scores, 0.9);
    expect([none.truePositives, none.falsePositives, none.precision, none.recall, none.f1]).toEqual([0, 0, 0, 0, 0]);
    expect(none.specificity).toBe(1);
  });

  it('matches scikit-learn on real data (diabetes, positive when glucose ≥ 120)', () => {
    // scikit-learn 1.2.1: confusion_matrix = [[338, 162], [70, 198]];
    // precision 0.55, recall 0.7388059701492538, F1 0.6305732484076434.
    const { outcome, glucose } = readDiabetes();
    const at = thresholdMetrics(outcome, glucose, 120);
    expect([at.trueNegatives, at.falsePositives, at.falseNegatives, at.truePositives]).toEqual([338, 162, 70, 198]);
    expect(at.precision).toBeCloseTo(0.55, 15);
    expect(at.recall).toBeCloseTo(0.7388059701492538, 15);
    expect(at.f1).toBeCloseTo(0.6305732484076434, 15);
  });

  it('refuses a NaN threshold and labels other than 0/1', () => {
    expect(() => thresholdMetrics(labels, scores, NaN)).toThrow(/threshold is NaN/);
    expect(() => thresholdMetrics(new Int32Array([2]), new Float32Array([0.5]), 0.5)).toThrow(/target class index 2/);
  });
});

describe('thresholdSweep', () => {
  it('agrees with the one-pass form at every score, between scores and beyond both ends', () => {
    const { outcome, glucose } = readDiabetes();
    const sweep = thresholdSweep(outcome, glucose);
    expect([sweep.positives, sweep.negatives]).toEqual([268, 500]);
    const distinct = [...new Set(glucose)];
    const probes = [-Infinity, -1, 0, 250, Infinity, ...distinct, ...distinct.map((g) => g + 0.5), ...distinct.map((g) => g - 1e-9)];
    for (const t of probes) expect(sweep.at(t)).toEqual(thresholdMetrics(outcome, glucose, t));
  });

  it('returns the hand-worked counts at 0.5 and the all-positive counts at 0', () => {
    const sweep = thresholdSweep(labels, scores);
    expect(sweep.at(0.5)).toEqual(thresholdMetrics(labels, scores, 0.5));
    expect(sweep.at(0)).toMatchObject({ truePositives: 5, falsePositives: 5, recall: 1, precision: 0.5, specificity: 0 });
  });

  it('gives recall 0 rather than NaN when the rows hold no positive', () => {
    const sweep = thresholdSweep(new Int32Array([0, 0]), new Float32Array([0.2, 0.8]));
    expect(sweep.at(0.5)).toMatchObject({ truePositives: 0, falsePositives: 1, recall: 0, precision: 0, f1: 0, accuracy: 0.5 });
  });

  it('refuses a NaN threshold', () => {
    expect(() => thresholdSweep(labels, scores).at(NaN)).toThrow(/threshold is NaN/);
  });
});
