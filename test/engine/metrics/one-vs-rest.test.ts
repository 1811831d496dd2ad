import { describe, expect, it } from 'vitest';
import { macroAuc, oneVsRestRoc } from '../../../engine/metrics/one-vs-rest.ts';

/*
 * Eight rows, three classes (the multi-class fixture of the report tests). Expected values printed by
 * scikit-learn 1.2.1: roc_auc_score(L, P, multi_class='ovr', average='macro') = 0.736111111111111; per class
 * roc_auc_score(L == k, P[:, k]) = 0.7083333333333334, 0.7, 0.8; roc_curve(L == k, P[:, k]) as below.
 * Class 2 by hand: its rows score .25, .25, .375 against the others' .25, .25, .125, .25, .0625 →
 * .375 wins 5 pairs, each .25 wins 2 and ties 3 → (5 + 2 × 3.5) / 15 = 0.8.
 */
const labels = new Int32Array([0, 0, 1, 1, 2, 2, 2, 1]);
const probabilities = new Float32Array([
  0.5, 0.25, 0.25,
  0.25, 0.5, 0.25,
  0.125, 0.75, 0.125,
  0.5, 0.25, 0.25,
  0.25, 0.5, 0.25,
  0.375, 0.375, 0.25,
  0.25, 0.375, 0.375,
  0.0625, 0.875, 0.0625,
]);

function expectArrayClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 12));
}

describe('oneVsRestRoc', () => {
  const curves = oneVsRestRoc(labels, probabilities, 3);

  it('gives each class the AUC scikit-learn gives it', () => {
    expect(curves.map((c) => c.classIndex)).toEqual([0, 1, 2]);
    expect(curves[0]!.auc).toBeCloseTo(0.7083333333333334, 15);
    expect(curves[1]!.auc).toBeCloseTo(0.7, 15);
    expect(curves[2]!.auc).toBeCloseTo(0.8, 15);
  });

  it('gives each class the curve scikit-learn gives it', () => {
    expectArrayClose(curves[0]!.curve.fpr, [0, 1 / 6, 1 / 3, 2 / 3, 1]);
    expectArrayClose(curves[0]!.curve.tpr, [0, 0.5, 0.5, 1, 1]);
    expect(Array.from(curves[0]!.curve.thresholds)).toEqual([Infinity, 0.5, 0.375, 0.25, 0.0625]);
    expectArrayClose(curves[1]!.curve.fpr, [0, 0, 0, 0.8, 1]);
    expectArrayClose(curves[1]!.curve.tpr, [0, 1 / 3, 2 / 3, 2 / 3, 1]);
    expectArrayClose(curves[2]!.curve.fpr, [0, 0, 0.6, 1]);
    expectArrayClose(curves[2]!.curve.tpr, [0, 1 / 3, 1, 1]);
    expect(Array.from(curves[2]!.curve.thresholds)).toEqual([Infinity, 0.375, 0.25, 0.0625]);
  });

  it('macro-averages to scikit-learn\'s one-vs-rest AUC', () => {
    expect(macroAuc(curves)).toBeCloseTo(0.736111111111111, 14);
  });

  it('marks a class absent from the rows NaN and averages over the others', () => {
    // Rows of classes 0 and 1 only: class 2 has no positives.
    const someLabels = new Int32Array([0, 1, 0, 1]);
    const p = new Float32Array([0.7, 0.2, 0.1, 0.2, 0.6, 0.2, 0.5, 0.3, 0.2, 0.4, 0.4, 0.2]);
    const partial = oneVsRestRoc(someLabels, p, 3);
    expect(partial[2]!.auc).toBeNaN();
    // Class 0 scores its rows .7, .5 over .2, .4 → 1; class 1 scores .6, .4 over .2, .3 → 1.
    expect(partial[0]!.auc).toBe(1);
    expect(partial[1]!.auc).toBe(1);
    expect(macroAuc(partial)).toBe(1);
  });

  it('is NaN overall when no class has a defined AUC', () => {
    const single = oneVsRestRoc(new Int32Array([1, 1]), new Float32Array([0.2, 0.5, 0.3, 0.1, 0.8, 0.1]), 3);
    expect(single.every((c) => Number.isNaN(c.auc))).toBe(true);
    expect(macroAuc(single)).toBeNaN();
  });

  it('refuses two classes and a matrix of the wrong width', () => {
    expect(() => oneVsRestRoc(new Int32Array([0, 1]), new Float32Array([0.2, 0.7]), 2)).toThrow(/use rocCurve/);
    expect(() => oneVsRestRoc(labels, probabilities.subarray(0, 20), 3)).toThrow(/rows × 3 values \(24\), got 20/);
  });
});
