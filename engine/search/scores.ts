/**
 * How a trial is judged on rows it did not train on: the user's metric (accuracy, or R²) and the loss
 * (log-loss, or mean squared error in the target's standardized units). The metric ranks trials; the loss,
 * finer-grained on small validation sets, breaks ties.
 */
import { progressMetrics } from '../metrics/index.ts';
import type { FittedTarget } from '../prep/types.ts';

export interface Score {
  /** Accuracy (classification) or R² (regression): higher is better. */
  readonly metric: number;
  /** Log-loss or mean squared error: lower is better. */
  readonly loss: number;
}

const EPSILON = 1e-7;

export function scorePredictions(target: FittedTarget, y: Float32Array, predicted: Float32Array, rows: number): Score {
  if (rows === 0) return { metric: NaN, loss: NaN };
  if (target.task === 'regression') {
    let squared = 0;
    for (let i = 0; i < rows; i++) squared += (y[i]! - predicted[i]!) ** 2;
    return { metric: progressMetrics.r2(y, predicted, rows), loss: squared / rows };
  }
  let loss = 0;
  if (target.task === 'binary') {
    for (let i = 0; i < rows; i++) {
      const p = Math.min(1 - EPSILON, Math.max(EPSILON, predicted[i]!));
      loss -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    return { metric: progressMetrics.binaryAccuracy(y, predicted, rows), loss: loss / rows };
  }
  const k = target.outputWidth;
  for (let i = 0; i < rows; i++) loss -= Math.log(Math.max(EPSILON, predicted[i * k + y[i]!]!));
  return { metric: progressMetrics.sparseAccuracy(y, predicted, rows), loss: loss / rows };
}
