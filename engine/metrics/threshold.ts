/**
 * Binary metrics at a chosen decision threshold, for the app's threshold slider. A row is predicted positive
 * when P(class 1) ≥ threshold, the rule `predictClasses` and the ROC thresholds use.
 *
 * `thresholdSweep` sorts once (O(n log n)); each `at(threshold)` is then a binary search over the distinct
 * scores (O(log n)), cheap enough for every slider move. `thresholdMetrics` is the one-off form: a single
 * O(n) pass, no sort. Precision, recall and F1 follow scikit-learn's zero-division convention (0, never NaN).
 */
import { ratio } from './class-scores.ts';
import { thresholdCounts, type ThresholdCounts } from './roc.ts';
import { requireTargetClasses, requireFinitePredictions, requireRows, requireSameLength } from './validate.ts';

export interface ThresholdMetrics {
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** True negative rate: the share of negatives kept negative. */
  readonly specificity: number;
}

export interface ThresholdSweep {
  readonly positives: number;
  readonly negatives: number;
  at(threshold: number): ThresholdMetrics;
}

function metricsFromCounts(
  threshold: number,
  truePositives: number,
  falsePositives: number,
  positives: number,
  negatives: number,
): ThresholdMetrics {
  const falseNegatives = positives - truePositives;
  const trueNegatives = negatives - falsePositives;
  return {
    threshold,
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    accuracy: (truePositives + trueNegatives) / (positives + negatives),
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, positives),
    f1: ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
    specificity: ratio(trueNegatives, negatives),
  };
}

/** How many distinct thresholds (sorted decreasing) are ≥ `threshold`. */
function countAtOrAbove(thresholds: Float64Array, threshold: number): number {
  let low = 0;
  let high = thresholds.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (thresholds[mid]! >= threshold) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function sweepFromCounts(counts: ThresholdCounts): ThresholdSweep {
  const { thresholds, truePositives, falsePositives, positives, negatives } = counts;
  return {
    positives,
    negatives,
    at(threshold: number): ThresholdMetrics {
      if (Number.isNaN(threshold)) throw new RangeError('The decision threshold is NaN.');
      const above = countAtOrAbove(thresholds, threshold);
      const tp = above === 0 ? 0 : truePositives[above - 1]!;
      const fp = above === 0 ? 0 : falsePositives[above - 1]!;
      return metricsFromCounts(threshold, tp, fp, positives, negatives);
    },
  };
}

/** `labels` are 0/1, `p1` is P(class 1) per row. Keep the sweep while the slider is on screen. */
export function thresholdSweep(labels: Int32Array, p1: ArrayLike<number>): ThresholdSweep {
  requireTargetClasses(labels, 2);
  return sweepFromCounts(thresholdCounts(labels, p1));
}

export function thresholdMetrics(labels: Int32Array, p1: ArrayLike<number>, threshold: number): ThresholdMetrics {
  requireRows(labels.length);
  requireSameLength(labels.length, p1.length, 'Probabilities');
  requireTargetClasses(labels, 2);
  requireFinitePredictions(p1);
  if (Number.isNaN(threshold)) throw new RangeError('The decision threshold is NaN.');
  let positives = 0;
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < labels.length; i++) {
    const predictedPositive = p1[i]! >= threshold;
    if (labels[i] === 1) {
      positives++;
      if (predictedPositive) truePositives++;
    } else if (predictedPositive) {
      falsePositives++;
    }
  }
  return metricsFromCounts(threshold, truePositives, falsePositives, positives, labels.length - positives);
}
