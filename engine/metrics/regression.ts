/**
 * Regression metrics with scikit-learn's conventions. Sums run in float64 whatever the input type.
 * R² = 1 − SS_res / SS_tot; when the actual values are constant (SS_tot = 0) it is 1 for a perfect
 * prediction and 0 otherwise (scikit-learn's `force_finite=True`), and it is NaN below two rows, where
 * scikit-learn also returns NaN.
 */
import { requireFinitePredictions, requireFiniteTargets, requireRows, requireSameLength } from './validate.ts';

export interface RegressionReport {
  readonly rows: number;
  readonly mse: number;
  readonly rmse: number;
  readonly mae: number;
  /** null where R² is undefined (fewer than two rows); JSON has no NaN. */
  readonly r2: number | null;
}

function checkPair(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  requireRows(actual.length);
  requireSameLength(actual.length, predicted.length, 'Predicted values');
  requireFiniteTargets(actual);
  requireFinitePredictions(predicted);
}

export function meanSquaredError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = actual[i]! - predicted[i]!;
    sum += d * d;
  }
  return sum / actual.length;
}

export function rootMeanSquaredError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(actual, predicted));
}

export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - predicted[i]!);
  return sum / actual.length;
}

export function r2Score(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted);
  return r2OfRows(actual, predicted, actual.length);
}

/**
 * R² over the first `rows` values without input checks, shared with the fit-progress metric, which must not
 * throw mid-training: a diverged prediction gives NaN here.
 */
export function r2OfRows(actual: ArrayLike<number>, predicted: ArrayLike<number>, rows: number): number {
  if (rows < 2) return NaN;
  // Shifting by the first value keeps a constant column's spread exactly 0 (its float mean need not equal
  // the values) and keeps precision when the values are large and close together.
  const shift = actual[0]!;
  let shiftedMean = 0;
  for (let i = 0; i < rows; i++) shiftedMean += actual[i]! - shift;
  shiftedMean /= rows;
  let residualSum = 0;
  let totalSum = 0;
  for (let i = 0; i < rows; i++) {
    const residual = actual[i]! - predicted[i]!;
    const spread = actual[i]! - shift - shiftedMean;
    residualSum += residual * residual;
    totalSum += spread * spread;
  }
  if (Number.isNaN(residualSum)) return NaN;
  if (totalSum === 0) return residualSum === 0 ? 1 : 0;
  return 1 - residualSum / totalSum;
}

/** actual − predicted per row (positive where the model predicted too low), as scikit-learn plots them. */
export function residuals(actual: ArrayLike<number>, predicted: ArrayLike<number>): Float64Array {
  checkPair(actual, predicted);
  return Float64Array.from({ length: actual.length }, (_, i) => actual[i]! - predicted[i]!);
}

export function regressionReport(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionReport {
  const mse = meanSquaredError(actual, predicted);
  const r2 = r2Score(actual, predicted);
  return {
    rows: actual.length,
    mse,
    rmse: Math.sqrt(mse),
    mae: meanAbsoluteError(actual, predicted),
    r2: Number.isNaN(r2) ? null : r2,
  };
}
