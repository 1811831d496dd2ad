/**
 * Metrics the fit loop reports after each epoch, with the fit loop's own layout: `y` is rows × 1 (0/1 for
 * binary, the class index for multi-class, the value for regression) and `yPred` is the network's output,
 * rows × outputs. They never throw on diverged (NaN) outputs — a NaN prediction simply counts as wrong, or
 * makes R² NaN — because the loss already tells the loop that training broke.
 */
import { argmaxRow } from './confusion.ts';
import { r2OfRows } from './regression.ts';
import { requireRows, requireSameLength } from './validate.ts';

export type ProgressMetric = (y: Float32Array, yPred: Float32Array, rows: number) => number;

function checkLayout(y: Float32Array, yPred: Float32Array, rows: number, outputs: number): void {
  requireRows(rows);
  requireSameLength(rows, y.length, 'Targets');
  requireSameLength(rows * outputs, yPred.length, 'Predictions');
}

/** Share of rows where (P(class 1) ≥ 0.5) matches a 0/1 target. */
const binaryAccuracy: ProgressMetric = (y, yPred, rows) => {
  checkLayout(y, yPred, rows, 1);
  let correct = 0;
  for (let r = 0; r < rows; r++) if ((yPred[r]! >= 0.5 ? 1 : 0) === y[r]) correct++;
  return correct / rows;
};

/** Share of rows whose argmax (ties to the lowest index) equals the class index in `y`. */
const sparseAccuracy: ProgressMetric = (y, yPred, rows) => {
  requireRows(rows);
  const classCount = yPred.length / rows;
  if (!Number.isInteger(classCount) || classCount < 2) {
    throw new RangeError(`Sparse accuracy needs rows × K predictions with K ≥ 2; got ${yPred.length} for ${rows} rows.`);
  }
  checkLayout(y, yPred, rows, classCount);
  let correct = 0;
  for (let r = 0; r < rows; r++) if (argmaxRow(yPred, r * classCount, classCount) === y[r]) correct++;
  return correct / rows;
};

/** Coefficient of determination of a single regression output (see `r2Score` for the conventions). */
const r2: ProgressMetric = (y, yPred, rows) => {
  checkLayout(y, yPred, rows, 1);
  return r2OfRows(y, yPred, rows);
};

export const progressMetrics = { binaryAccuracy, sparseAccuracy, r2 } as const satisfies Record<string, ProgressMetric>;
