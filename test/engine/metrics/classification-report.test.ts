import { describe, expect, it } from 'vitest';
import { classificationReport } from '../../../engine/metrics/classification-report.ts';
import { isUserFacingError } from '../../../engine/errors.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { rocCurve } from '../../../engine/metrics/roc.ts';

// The 12-row binary fixture of the ROC tests; scikit-learn 1.2.1 values are quoted where used.
const binaryLabels = new Int32Array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1]);
const binaryP1 = new Float32Array([0.125, 0.375, 0.25, 0.75, 0.375, 0.75, 0.125, 0.625, 0.375, 0.875, 0.9375, 0.5]);

// The 8-row, 3-class fixture: argmax predicts 0 1 1 0 1 0 1 1 (two ties), class 2 is never predicted.
const multiLabels = new Int32Array([0, 0, 1, 1, 2, 2, 2, 1]);
const multiP = new Float32Array([
  0.5, 0.25, 0.25,
  0.25, 0.5, 0.25,
  0.125, 0.75, 0.125,
  0.5, 0.25, 0.25,
  0.25, 0.5, 0.25,
  0.375, 0.375, 0.25,
  0.25, 0.375, 0.375,
  0.0625, 0.875, 0.0625,
]);

function jsonRoundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('classificationReport, binary', () => {
  const report = classificationReport({ labels: binaryLabels, probabilities: binaryP1, classCount: 2, classLabels: ['stayed', 'left'] });

  it('reports the positive class headline figures scikit-learn gives at threshold 0.5', () => {
    // scikit-learn 1.2.1: confusion_matrix [[4, 1], [2, 5]], accuracy 0.75, balanced 0.7571428571428571,
    // precision/recall/F1 (binary) 0.8333333333333334, 0.7142857142857143, 0.7692307692307692,
    // log_loss 0.6213907229498986, roc_auc_score 0.7428571428571429.
    expect(report.task).toBe('binary');
    expect(report.threshold).toBe(0.5);
    expect(report.confusionMatrix).toEqual([[4, 1], [2, 5]]);
    expect(report.accuracy).toBe(0.75);
    expect(report.balancedAccuracy).toBeCloseTo(0.7571428571428571, 15);
    expect(report.precision).toBeCloseTo(0.8333333333333334, 15);
    expect(report.recall).toBeCloseTo(0.7142857142857143, 15);
    expect(report.f1).toBeCloseTo(0.7692307692307692, 15);
    expect(report.logLoss).toBeCloseTo(0.6213907229498986, 14);
    expect(report.auc).toBeCloseTo(0.7428571428571429, 15);
  });

  it('lists both classes with their labels, support and the task AUC', () => {
    expect(report.perClass.map((c) => [c.index, c.label, c.support, c.predicted])).toEqual([
      [0, 'stayed', 5, 6],
      [1, 'left', 7, 6],
    ]);
    expect(report.perClass[0]!.recall).toBeCloseTo(0.8, 15);
    expect(report.perClass.every((c) => c.auc === report.auc)).toBe(true);
    // Macro over both classes: precision (2/3 + 5/6)/2 = 0.75, recall (4/5 + 5/7)/2 = 53/70.
    expect(report.macro.precision).toBeCloseTo(0.75, 15);
    expect(report.macro.recall).toBeCloseTo(53 / 70, 15);
    expect(report.warnings).toEqual([]);
  });

  it('carries one ROC curve, for class 1, whose first threshold is null', () => {
    expect(report.roc).toHaveLength(1);
    const roc = report.roc[0]!;
    expect([roc.classIndex, roc.label]).toEqual([1, 'left']);
    expect(roc.thresholds).toEqual([null, 0.9375, 0.875, 0.75, 0.5, 0.375, 0.25, 0.125]);
    const sevenths = [0, 1, 1, 3, 5, 6, 7, 7];
    expect(roc.tpr).toHaveLength(sevenths.length);
    roc.tpr.forEach((t, i) => expect(t * 7).toBeCloseTo(sevenths[i]!, 12));
  });

  it('survives JSON unchanged', () => {
    expect(jsonRoundTrip(report)).toEqual(report);
  });

  it('moves the decision-dependent figures with the threshold and leaves AUC and log-loss alone', () => {
    // ≥ 0.75: positives .9375 .75 .75 → TP 3, negative .875 → FP 1.
    const strict = classificationReport({ labels: binaryLabels, probabilities: binaryP1, classCount: 2, threshold: 0.75 });
    expect(strict.threshold).toBe(0.75);
    expect(strict.confusionMatrix).toEqual([[4, 1], [4, 3]]);
    expect(strict.auc).toBe(report.auc);
    expect(strict.logLoss).toBe(report.logLoss);
  });
});

describe('classificationReport, three classes', () => {
  const report = classificationReport({ labels: multiLabels, probabilities: multiP, classCount: 3, classLabels: ['setosa', 'versicolor', 'virginica'] });

  it('reports macro headline figures, weighted averages and the macro one-vs-rest AUC scikit-learn gives', () => {
    // scikit-learn 1.2.1: accuracy 0.375, balanced 0.38888888888888884, macro P/R/F1 0.24444444444444446,
    // 0.38888888888888884, 0.3; weighted 0.23333333333333334, 0.375, 0.2875; log_loss 0.9550459178909422;
    // roc_auc_score(multi_class='ovr', average='macro') 0.736111111111111.
    expect(report.task).toBe('multiclass');
    expect(report.threshold).toBeNull();
    expect(report.confusionMatrix).toEqual([[1, 1, 0], [1, 2, 0], [1, 2, 0]]);
    expect(report.accuracy).toBe(0.375);
    expect(report.balancedAccuracy).toBeCloseTo(0.38888888888888884, 15);
    expect([report.precision, report.recall, report.f1]).toEqual([report.macro.precision, report.macro.recall, report.macro.f1]);
    expect(report.macro.precision).toBeCloseTo(0.24444444444444446, 15);
    expect(report.macro.f1).toBeCloseTo(0.3, 15);
    expect(report.weighted.precision).toBeCloseTo(0.23333333333333334, 15);
    expect(report.weighted.f1).toBeCloseTo(0.2875, 15);
    expect(report.logLoss).toBeCloseTo(0.9550459178909422, 14);
    expect(report.auc).toBeCloseTo(0.736111111111111, 14);
  });

  it('gives one curve and one AUC per class and warns that a class is never predicted', () => {
    expect(report.roc.map((r) => r.label)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(report.perClass.map((c) => c.auc)).toEqual(report.roc.map((r) => r.auc));
    expect(report.perClass[2]!.auc).toBeCloseTo(0.8, 15);
    expect(report.perClass[2]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 3, predicted: 0 });
    expect(report.warnings).toEqual(['The model never predicts class "virginica": its precision is reported as 0.']);
  });

  it('survives JSON unchanged', () => {
    expect(jsonRoundTrip(report)).toEqual(report);
  });
});

describe('classificationReport, two classes as rows × 1 versus the same task as three columns', () => {
  it('agrees on every shared figure when the third class is empty', () => {
    // No probability is exactly 0.5, where the threshold (≥) and the argmax tie rule would part ways.
    const labels = new Int32Array([0, 1, 1, 0, 1, 0, 0, 1]);
    const p1 = new Float32Array([0.25, 0.625, 0.875, 0.375, 0.125, 0.75, 0.0625, 0.5625]);
    const asThree = new Float32Array(labels.length * 3);
    p1.forEach((p, r) => asThree.set([1 - p, p, 0], r * 3));
    const two = classificationReport({ labels, probabilities: p1, classCount: 2 });
    const three = classificationReport({ labels, probabilities: asThree, classCount: 3 });
    expect(three.confusionMatrix).toEqual([[...two.confusionMatrix[0]!, 0], [...two.confusionMatrix[1]!, 0], [0, 0, 0]]);
    expect(three.accuracy).toBe(two.accuracy);
    expect(three.macro.precision).toBeCloseTo(two.macro.precision, 15);
    expect(three.macro.recall).toBeCloseTo(two.macro.recall, 15);
    expect(three.macro.f1).toBeCloseTo(two.macro.f1, 15);
    expect(three.weighted.f1).toBeCloseTo(two.weighted.f1, 15);
    expect(three.logLoss).toBeCloseTo(two.logLoss, 15);
    expect(three.auc).toBeCloseTo(two.auc!, 15);
    expect(three.perClass[2]!.auc).toBeNull();
    expect(three.roc[2]!.fpr).toEqual([]);
  });
});

describe('classificationReport edge cases', () => {
  it('reports AUC null, empty ROC and a warning when only one class is present, and stays JSON-safe', () => {
    const report = classificationReport({ labels: new Int32Array([1, 1, 1]), probabilities: new Float32Array([0.9, 0.4, 0.7]), classCount: 2 });
    expect(report.auc).toBeNull();
    expect(report.roc).toEqual([{ classIndex: 1, label: '1', auc: null, fpr: [], tpr: [], thresholds: [] }]);
    expect(report.accuracy).toBeCloseTo(2 / 3, 15);
    expect(report.perClass[0]).toMatchObject({ precision: 0, recall: 0, support: 0, predicted: 1 });
    expect(report.warnings).toEqual([
      'No evaluated row has class "0": its recall is reported as 0 and its ROC curve and AUC are undefined. ' +
        'Evaluate on more rows, or split with stratification, so every class is represented.',
      'Only one class occurs in the evaluated rows, so no ROC curve or AUC can be computed.',
    ]);
    expect(jsonRoundTrip(report)).toEqual(report);
  });

  it('refuses empty input and diverged probabilities with user-facing errors', () => {
    const codes = [
      () => classificationReport({ labels: new Int32Array(0), probabilities: new Float32Array(0), classCount: 2 }),
      () => classificationReport({ labels: new Int32Array([0, 1]), probabilities: new Float32Array([0.2, NaN]), classCount: 2 }),
      () => classificationReport({ labels: new Int32Array([0, 4]), probabilities: new Float32Array(6), classCount: 3 }),
    ].map((action) => {
      try {
        action();
      } catch (error) {
        return isUserFacingError(error) ? error.code : 'other';
      }
      return 'none';
    });
    expect(codes).toEqual(['metrics-no-rows', 'metrics-non-finite-prediction', 'metrics-unknown-class']);
  });

  it('refuses class labels that do not match the class count', () => {
    expect(() => classificationReport({ labels: binaryLabels, probabilities: binaryP1, classCount: 2, classLabels: ['a'] })).toThrow(
      /1 class labels given for 2 classes/,
    );
  });

  it('keeps a 100,000-row ROC to at most 500 points, the full-curve AUC unchanged', () => {
    const rng = new Rng(7);
    const rows = 100_000;
    const labels = new Int32Array(rows);
    const p1 = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      labels[i] = rng.next() < 0.3 ? 1 : 0;
      // A noisy score that leans towards the true class, so the curve has many corners.
      p1[i] = Math.min(1, Math.max(0, 0.35 + 0.2 * labels[i]! + 0.25 * (rng.next() + rng.next() - 1)));
    }
    expect(rocCurve(labels, p1).fpr.length).toBeGreaterThan(5000);
    const report = classificationReport({ labels, probabilities: p1, classCount: 2 });
    const roc = report.roc[0]!;
    expect(roc.fpr.length).toBeLessThanOrEqual(500);
    expect(roc.fpr.length).toBeGreaterThan(400);
    let area = 0;
    for (let i = 1; i < roc.fpr.length; i++) area += ((roc.fpr[i]! - roc.fpr[i - 1]!) * (roc.tpr[i]! + roc.tpr[i - 1]!)) / 2;
    expect(Math.abs(area - report.auc!)).toBeLessThan(0.001);
  });
});
