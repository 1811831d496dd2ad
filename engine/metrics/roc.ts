/**
 * ROC curves and their area, following scikit-learn's `roc_curve` / `roc_auc_score`:
 * - rows with tied scores form one point (a threshold admits all of them or none);
 * - a row counts as predicted positive when its score is ≥ the threshold;
 * - the curve starts at (0, 0) with threshold +Infinity (scikit-learn ≥ 1.3; 1.2 used max(score) + 1);
 * - `dropIntermediate` (default true, as in scikit-learn) removes points collinear with their neighbours,
 *   which changes neither the drawn curve nor the area;
 * - with only one class present the undefined rate is NaN throughout, and so is the AUC (scikit-learn warns
 *   and returns NaN rates from `roc_curve`, and raises from `roc_auc_score`).
 */
import { sortScores } from './sort-scores.ts';
import { requireTargetClasses, requireFinitePredictions, requireRows, requireSameLength } from './validate.ts';

/** Cumulative counts at every distinct score, highest score first. */
export interface ThresholdCounts {
  /** The distinct scores, strictly decreasing. */
  readonly thresholds: Float64Array;
  /** `truePositives[i]`: positive rows scoring ≥ `thresholds[i]`. */
  readonly truePositives: Float64Array;
  /** `falsePositives[i]`: negative rows scoring ≥ `thresholds[i]`. */
  readonly falsePositives: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

export interface RocCurve {
  /** False positive rates, non-decreasing from 0 to 1. */
  readonly fpr: Float64Array;
  /** True positive rates, non-decreasing from 0 to 1. */
  readonly tpr: Float64Array;
  /** Decreasing; `thresholds[0]` is +Infinity (nothing predicted positive). */
  readonly thresholds: Float64Array;
}

/**
 * Sorts once: positives' and negatives' scores are sorted separately (no comparator, no index array) and
 * merged from the top, grouping ties.
 */
export function thresholdCounts(labels: Int32Array, scores: ArrayLike<number>, positiveClass = 1): ThresholdCounts {
  const rows = labels.length;
  requireRows(rows);
  requireSameLength(rows, scores.length, 'Scores');
  requireFinitePredictions(scores);
  let positives = 0;
  for (let i = 0; i < rows; i++) if (labels[i] === positiveClass) positives++;
  const negatives = rows - positives;
  // Float32 scores stay Float32 (exact, and radix-sortable); anything else is held as Float64.
  const ScoreArray = scores instanceof Float32Array ? Float32Array : Float64Array;
  const positiveScores = new ScoreArray(positives);
  const negativeScores = new ScoreArray(negatives);
  for (let i = 0, p = 0, q = 0; i < rows; i++) {
    if (labels[i] === positiveClass) positiveScores[p++] = scores[i]!;
    else negativeScores[q++] = scores[i]!;
  }
  sortScores(positiveScores);
  sortScores(negativeScores);

  const thresholds = new Float64Array(rows);
  const truePositives = new Float64Array(rows);
  const falsePositives = new Float64Array(rows);
  let p = positives - 1;
  let q = negatives - 1;
  let tp = 0;
  let fp = 0;
  let count = 0;
  while (p >= 0 || q >= 0) {
    const threshold =
      p < 0 ? negativeScores[q]! : q < 0 ? positiveScores[p]! : Math.max(positiveScores[p]!, negativeScores[q]!);
    while (p >= 0 && positiveScores[p] === threshold) {
      tp++;
      p--;
    }
    while (q >= 0 && negativeScores[q] === threshold) {
      fp++;
      q--;
    }
    thresholds[count] = threshold;
    truePositives[count] = tp;
    falsePositives[count] = fp;
    count++;
  }
  return {
    thresholds: thresholds.slice(0, count),
    truePositives: truePositives.slice(0, count),
    falsePositives: falsePositives.slice(0, count),
    positives,
    negatives,
  };
}

/** Indices of the points where the curve bends (scikit-learn's second-difference test), ends included. */
function cornerIndices(counts: ThresholdCounts): number[] {
  const { truePositives: tp, falsePositives: fp } = counts;
  const n = tp.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const kept = [0];
  for (let i = 1; i < n - 1; i++) {
    const bendsInFp = fp[i + 1]! - 2 * fp[i]! + fp[i - 1]! !== 0;
    const bendsInTp = tp[i + 1]! - 2 * tp[i]! + tp[i - 1]! !== 0;
    if (bendsInFp || bendsInTp) kept.push(i);
  }
  kept.push(n - 1);
  return kept;
}

export function rocCurveFromCounts(counts: ThresholdCounts, dropIntermediate = true): RocCurve {
  const indices = dropIntermediate ? cornerIndices(counts) : Array.from(counts.thresholds.keys());
  const size = indices.length + 1;
  const fpr = new Float64Array(size);
  const tpr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  thresholds[0] = Infinity;
  const { positives, negatives } = counts;
  if (negatives === 0) fpr[0] = NaN;
  if (positives === 0) tpr[0] = NaN;
  indices.forEach((index, j) => {
    fpr[j + 1] = negatives === 0 ? NaN : counts.falsePositives[index]! / negatives;
    tpr[j + 1] = positives === 0 ? NaN : counts.truePositives[index]! / positives;
    thresholds[j + 1] = counts.thresholds[index]!;
  });
  return { fpr, tpr, thresholds };
}

/** ROC of a binary task: `labels` are 0/1, `scores` are P(class 1). */
export function rocCurve(labels: Int32Array, scores: ArrayLike<number>, options: { dropIntermediate?: boolean } = {}): RocCurve {
  requireTargetClasses(labels, 2);
  return rocCurveFromCounts(thresholdCounts(labels, scores), options.dropIntermediate ?? true);
}

/** Area by the trapezoidal rule over points ordered by increasing x. */
export function areaUnderCurve(x: ArrayLike<number>, y: ArrayLike<number>): number {
  requireSameLength(x.length, y.length, 'Curve y values');
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}

/**
 * ROC AUC from the counts, in integer arithmetic until the final division: the probability that a random
 * positive outscores a random negative, ties counting one half. NaN when either class is absent.
 */
export function aucFromCounts(counts: ThresholdCounts): number {
  const { positives, negatives, truePositives: tp, falsePositives: fp } = counts;
  if (positives === 0 || negatives === 0) return NaN;
  let doubledArea = 0;
  let previousTp = 0;
  let previousFp = 0;
  for (let i = 0; i < tp.length; i++) {
    doubledArea += (fp[i]! - previousFp) * (tp[i]! + previousTp);
    previousTp = tp[i]!;
    previousFp = fp[i]!;
  }
  return doubledArea / (2 * positives * negatives);
}

/** ROC AUC of a binary task (`labels` 0/1, `scores` P(class 1)); NaN when only one class is present. */
export function rocAuc(labels: Int32Array, scores: ArrayLike<number>): number {
  requireTargetClasses(labels, 2);
  return aucFromCounts(thresholdCounts(labels, scores));
}
