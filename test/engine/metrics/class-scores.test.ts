import { describe, expect, it } from 'vitest';
import { balancedAccuracy, classScores, scoresForClass } from '../../../engine/metrics/class-scores.ts';

/*
 * Three classes, class 2 never predicted (the multi-class fixture of roc/report tests, argmax decisions):
 *             predicted 0  1  2    support
 *   true 0              1  1  0    2
 *   true 1              1  2  0    3
 *   true 2              1  2  0    3
 *   predicted           3  5  0
 * precision = TP / predicted: 1/3, 2/5, 0 (zero division → 0)
 * recall    = TP / support:   1/2, 2/3, 0
 * F1 = 2TP / (2TP + FP + FN): 2/5, 4/8, 0
 * macro    = means over the 3 classes: P 11/45, R 7/18, F1 0.3
 * weighted = support-weighted (2, 3, 3)/8: P 7/30, R 3/8, F1 2.3/8
 * scikit-learn 1.2.1 `precision_recall_fscore_support(L, pred, labels=[0,1,2], zero_division=0)` agrees:
 * macro (0.24444444444444446, 0.38888888888888884, 0.3), weighted (0.23333333333333334, 0.375, 0.2875).
 */
const threeClass = [
  [1, 1, 0],
  [1, 2, 0],
  [1, 2, 0],
];

describe('scoresForClass', () => {
  it('reads precision, recall, F1, support and prediction count of one class', () => {
    const s = scoresForClass(threeClass, 1);
    expect(s.precision).toBeCloseTo(2 / 5, 15);
    expect(s.recall).toBeCloseTo(2 / 3, 15);
    expect(s.f1).toBeCloseTo(0.5, 15);
    expect(s.support).toBe(3);
    expect(s.predicted).toBe(5);
  });

  it('gives 0, not NaN, for the precision and F1 of a class never predicted', () => {
    expect(scoresForClass(threeClass, 2)).toEqual({ precision: 0, recall: 0, f1: 0, support: 3, predicted: 0 });
  });

  it('gives 0 for the recall of a class absent from the rows', () => {
    // Class 1 has no rows but is predicted once: precision 0/1, recall 0/0 → 0.
    expect(scoresForClass([[3, 1], [0, 0]], 1)).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
  });
});

describe('classScores', () => {
  it('matches hand-computed and scikit-learn macro and weighted averages', () => {
    const { perClass, macro, weighted } = classScores(threeClass);
    expect(perClass.map((s) => s.precision)).toEqual([1 / 3, 2 / 5, 0]);
    expect(perClass.map((s) => s.recall)).toEqual([1 / 2, 2 / 3, 0]);
    expect(perClass.map((s) => s.f1)).toEqual([2 / 5, 1 / 2, 0]);
    expect(macro.precision).toBeCloseTo(0.24444444444444446, 15);
    expect(macro.recall).toBeCloseTo(0.38888888888888884, 15);
    expect(macro.f1).toBeCloseTo(0.3, 15);
    expect(weighted.precision).toBeCloseTo(0.23333333333333334, 15);
    expect(weighted.recall).toBeCloseTo(0.375, 15);
    expect(weighted.f1).toBeCloseTo(0.2875, 15);
  });

  it('matches scikit-learn on a binary matrix, positive class 1', () => {
    // From the 12-row binary fixture at threshold 0.5: [[4, 1], [2, 5]].
    // scikit-learn 1.2.1: precision 0.8333333333333334, recall 0.7142857142857143, F1 0.7692307692307692;
    // class 0: 0.6666666666666666, 0.8, 0.7272727272727272.
    const { perClass } = classScores([[4, 1], [2, 5]]);
    expect(perClass[1]!.precision).toBeCloseTo(5 / 6, 15);
    expect(perClass[1]!.recall).toBeCloseTo(5 / 7, 15);
    expect(perClass[1]!.f1).toBeCloseTo(0.7692307692307692, 15);
    expect(perClass[0]!.precision).toBeCloseTo(2 / 3, 15);
    expect(perClass[0]!.recall).toBeCloseTo(0.8, 15);
    expect(perClass[0]!.f1).toBeCloseTo(0.7272727272727272, 15);
  });

  it('leaves a class neither present nor predicted out of the macro average', () => {
    // Class 2 never occurs: macro over classes 0 and 1 only, as scikit-learn's default label set does.
    // Class 0: P 3/4, R 3/4; class 1: P 1/2, R 1/2 → macro P = R = 5/8.
    const { perClass, macro } = classScores([
      [3, 1, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
    expect(perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
    expect(macro.precision).toBeCloseTo(5 / 8, 15);
    expect(macro.recall).toBeCloseTo(5 / 8, 15);
  });

  it('scores a perfect one-class matrix 1 for the class present and keeps the absent class out of the macro', () => {
    // scikit-learn 1.2.1 with labels=[0, 1]: precision/recall/F1 [1, 0], so its macro over both would be 0.5;
    // without `labels` (its default) the absent class is left out and the macro is 1, as here.
    const { perClass, macro } = classScores([[3, 0], [0, 0]]);
    expect(perClass[0]).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(macro).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('balancedAccuracy', () => {
  it('is the mean recall over classes present, matching scikit-learn', () => {
    // (1/2 + 2/3 + 0) / 3 = 7/18; scikit-learn 1.2.1: 0.38888888888888884.
    expect(balancedAccuracy(threeClass)).toBeCloseTo(7 / 18, 15);
    // Binary [[4, 1], [2, 5]]: (4/5 + 5/7) / 2 = 53/70; scikit-learn: 0.7571428571428571.
    expect(balancedAccuracy([[4, 1], [2, 5]])).toBeCloseTo(53 / 70, 15);
  });

  it('ignores a class that is predicted but has no rows', () => {
    // Only class 0 has rows; its recall is 3/4.
    expect(balancedAccuracy([[3, 1], [0, 0]])).toBe(0.75);
  });
});
