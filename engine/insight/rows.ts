/**
 * The rows the insight tools judge a model on (usually its test rows) and the one way they are scored: the model
 * file's own predict path (recipe transform, then the network), then the test metric — accuracy at the decision
 * threshold for classification, R² in the target's units for regression. Importance and partial dependence
 * change a column of these rows and score or average again.
 */
import { accuracy } from '../metrics/index.ts';
import { r2Score } from '../metrics/regression.ts';
import type { LoadedModel } from '../model/load-model.ts';
import { predictTable } from '../model/predict.ts';
import { classIndices } from '../prep/target.ts';
import { takeRows } from '../prep/table-ops.ts';
import { findColumn, type Column, type Table } from '../table/table.ts';
import { UserFacingError } from '../errors.ts';

export type InsightMetric = 'accuracy' | 'r2';

/** Rows with a known target, taken out of their table, and that target: a class index, or a value in the target's units. */
export interface JudgedRows {
  readonly table: Table;
  readonly truth: Float64Array;
}

export function metricOf(model: LoadedModel): InsightMetric {
  return model.recipe.target.task === 'regression' ? 'r2' : 'accuracy';
}

/** `rows` of `table` whose target the model can be judged against (an empty or unknown target is left out). */
export function judgedRows(model: LoadedModel, table: Table, rows: Int32Array): JudgedRows {
  const target = model.recipe.target;
  const column = findColumn(table, target.column);
  if (!column) {
    throw new UserFacingError('no-target-column', `The rows have no "${target.column}" column, the target the model predicts: importance compares predictions with the true values, so the file must hold them.`);
  }
  const truthOfAll = truthOf(model, column);
  const kept = rows.filter((r) => !Number.isNaN(truthOfAll[r]!));
  if (kept.length < 2) {
    throw new UserFacingError('too-few-rows', `Only ${kept.length} of the rows ${kept.length === 1 ? 'has' : 'have'} a known "${target.column}"; judging a model needs at least 2.`);
  }
  return { table: takeRows(table, kept), truth: Float64Array.from(kept, (r) => truthOfAll[r]!) };
}

function truthOf(model: LoadedModel, column: Column): Float64Array {
  const target = model.recipe.target;
  if (target.task === 'regression') {
    if (column.storage !== 'number') throw new UserFacingError('target-not-numeric', `"${column.name}" holds text, but the model predicts it as a number.`);
    return Float64Array.from(column.values);
  }
  return Float64Array.from(classIndices(column, target.classLabels!), (c) => (c < 0 ? NaN : c));
}

export interface RowScore {
  readonly score: number;
  /** Rows the recipe refused (a changed value a step removes); they are left out of the score. */
  readonly refused: number;
}

/** The test metric of the model's predictions for `table`'s rows against `truth`. */
export function scoreTable(model: LoadedModel, table: Table, truth: Float64Array, threshold = model.threshold): RowScore {
  const predictions = predictTable(model, table, threshold);
  const rows = predictions.rowIndex;
  if (rows.length === 0) return { score: NaN, refused: table.rowCount };
  if (predictions.values) {
    return { score: r2Score(Float64Array.from(rows, (r) => truth[r]!), predictions.values), refused: table.rowCount - rows.length };
  }
  const classLabels = model.recipe.target.classLabels!;
  const predicted = Int32Array.from(predictions.labels!, (label) => classLabels.indexOf(label));
  return { score: accuracy(Int32Array.from(rows, (r) => truth[r]!), predicted), refused: table.rowCount - rows.length };
}

/** `table` with `name`'s cells replaced by `column` (same name, same row count). */
export function withColumn(table: Table, column: Column): Table {
  return { rowCount: table.rowCount, columns: table.columns.map((c) => (c.name === column.name ? column : c)) };
}
