/**
 * The cleaned dataset: the recipe applied to raw rows, exactly the matrix the network sees (float32, features in
 * network order), plus the target as the network learns it when the rows have one — 0/1 for binary, the class
 * index for multi-class, the standardized value for a scaled regression target. Rows the recipe cannot use are
 * left out and listed with their reason.
 */
import type { ReadOptions } from '../prep/align.ts';
import { transformForPrediction } from '../prep/predict.ts';
import { targetValues } from '../prep/target.ts';
import type { Rejection } from '../prep/types.ts';
import type { Table } from '../table/table.ts';
import type { LoadedModel } from './load-model.ts';

export interface CleanedData {
  readonly features: readonly string[];
  /** rows × features, row-major. */
  readonly x: Float32Array;
  readonly rows: number;
  readonly rowIndex: Int32Array;
  readonly rejected: readonly Rejection[];
  /** Absent when the rows have no target column. NaN where a row's target is empty (or an unknown class). */
  readonly target: { readonly name: string; readonly y: Float64Array } | null;
}

function targetOf(model: LoadedModel, table: Table, rowIndex: Int32Array): CleanedData['target'] {
  const target = model.recipe.target;
  const column = table.columns.find((c) => c.name === target.column);
  if (!column) return null;
  if (target.task === 'regression' && column.storage !== 'number') return null;
  // targetValues marks an empty cell or an unknown class as class −1.
  const y = Float64Array.from(targetValues(column, rowIndex, target), (v) => (target.task !== 'regression' && v < 0 ? NaN : v));
  return { name: target.column, y };
}

/** `read`: as for `predictTable`, when the input columns were read as text. */
export function cleanedData(model: LoadedModel, table: Table, read: ReadOptions = {}): CleanedData {
  const input = transformForPrediction(model.recipe, table, read);
  return { features: model.recipe.features, x: input.x, rows: input.rows, rowIndex: input.rowIndex, rejected: input.rejected, target: targetOf(model, table, input.rowIndex) };
}
