/**
 * Mean log-loss (cross-entropy) of the true classes, natural log. Probabilities are clipped to
 * [1e-15, 1 − 1e-15] first, as scikit-learn's `log_loss(eps=1e-15)` does, so one confident mistake costs
 * −ln(1e-15) ≈ 34.5 instead of Infinity. Rows are not renormalised (scikit-learn 1.2 did, later versions
 * stopped): softmax rows already sum to 1.
 */
import { probabilityWidth, requireTargetClasses, requireFinitePredictions, requireProbabilityShape, requireRows } from './validate.ts';

export const LOG_LOSS_EPSILON = 1e-15;

function clippedLog(p: number): number {
  return Math.log(Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON));
}

/** `probabilities`: rows × 1 holding P(class 1) when K = 2, rows × K otherwise. */
export function logLoss(labels: Int32Array, probabilities: Float32Array, classCount: number): number {
  const rows = labels.length;
  requireRows(rows);
  requireProbabilityShape(probabilities, rows, classCount);
  requireTargetClasses(labels, classCount);
  requireFinitePredictions(probabilities, probabilityWidth(classCount));
  let total = 0;
  if (classCount === 2) {
    for (let r = 0; r < rows; r++) {
      const p1 = probabilities[r]!;
      total -= labels[r] === 1 ? clippedLog(p1) : clippedLog(1 - p1);
    }
  } else {
    for (let r = 0; r < rows; r++) total -= clippedLog(probabilities[r * classCount + labels[r]!]!);
  }
  return total / rows;
}
