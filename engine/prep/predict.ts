/**
 * New rows → the network's input, exactly as the training rows were prepared. Nothing is dropped silently:
 * a row that cannot be prepared (an unreadable cell, a value a step would remove, an empty cell no step
 * fills, an unseen category under the "error" policy) comes back in `rejected` with the column and the reason,
 * and the other rows go on.
 */
import type { Table } from '../table/table.ts';
import { alignToSchema, outOfRange, type ReadOptions } from './align.ts';
import { featureColumns, featureMatrix, rowsWithGaps, type FeatureProblem } from './matrix.ts';
import { executionOrder, transformStep } from './run-step.ts';
import { UserFacingError } from '../errors.ts';
import { allRows, categoryColumn, numberColumn, rowsWhere, takeRows } from './table-ops.ts';
import type { FittedRecipe, InputColumn, Rejection } from './types.ts';

export interface PredictionInput {
  /** rows × features, row-major, in `fitted.features` order. */
  readonly x: Float32Array;
  readonly rows: number;
  /** The row of the given table behind each row of `x`. */
  readonly rowIndex: Int32Array;
  /** Rows left out, by row of the given table, ascending. */
  readonly rejected: readonly Rejection[];
  /** Rows predicted despite something the user should hear of (an unseen category), by row, ascending. */
  readonly warnings: readonly Rejection[];
}

function gapReason(aligned: Table, schema: readonly InputColumn[], sourceRow: number, feature: string, kind: FeatureProblem): Rejection {
  if (kind === 'infinite') return { row: sourceRow, column: feature, reason: `"${feature}" is infinite, which the model cannot use.` };
  if (kind === 'too-large') {
    return { row: sourceRow, column: feature, reason: `"${feature}" is too large for the model after the recipe's steps (beyond ±3.4e38, what its 32-bit numbers hold).` };
  }
  const emptyInput = schema.find((spec, i) => !spec.missingAllowed && isEmpty(aligned, i, sourceRow));
  if (emptyInput) {
    return { row: sourceRow, column: emptyInput.name, reason: `"${emptyInput.name}" is empty, and the recipe has no value to fill in for it (no missing-values step covers it). Enter a value.` };
  }
  return { row: sourceRow, column: feature, reason: `"${feature}" is empty after the recipe's steps, and the model needs a value.` };
}

function isEmpty(table: Table, columnIndex: number, row: number): boolean {
  const column = table.columns[columnIndex]!;
  return column.storage === 'number' ? Number.isNaN(column.values[row]!) : column.codes[row]! < 0;
}

/** A recipe whose steps make other features than it lists cannot be one Layerlab wrote: said in one short line. */
function refuseOtherFeatures(made: readonly string[], listed: readonly string[]): void {
  const at = made.findIndex((name, i) => name !== listed[i]);
  if (at < 0 && made.length === listed.length) return;
  const where = at < 0 ? Math.min(made.length, listed.length) : at;
  const shown = (name: string | undefined) => (name === undefined ? 'nothing' : `"${name.length > 60 ? `${name.slice(0, 60)}…` : name}"`);
  throw new UserFacingError(
    'invalid-model',
    `Invalid model file: its recipe's steps make ${made.length.toLocaleString('en-US')} features, but "recipe.features" lists ${listed.length.toLocaleString('en-US')} ` +
      `(feature ${where + 1} is ${shown(made[where])} where the list has ${shown(listed[where])}). The file was not written by Layerlab as it is, or was edited; export the model again.`,
  );
}

/**
 * Checks, without any data, that a fitted recipe read from a file makes exactly the features it lists: before any
 * row is predicted, and bounded first by the list's own length (an encoding that claims two million levels for a
 * handful of features is refused at once, not built).
 */
export function checkFittedFeatures(fitted: FittedRecipe): void {
  for (const { state } of fitted.steps) {
    const encoding = state as { method?: unknown; levels?: readonly unknown[] };
    const levels = encoding.method === 'one-hot' && Array.isArray(encoding.levels) ? encoding.levels.length : 0;
    if (levels > fitted.features.length) {
      throw new UserFacingError(
        'invalid-model',
        `Invalid model file: an encoding in its recipe has ${levels.toLocaleString('en-US')} levels, but "recipe.features" lists only ${fitted.features.length.toLocaleString('en-US')} features. The file was not written by Layerlab as it is, or was edited; export the model again.`,
      );
    }
  }
  const empty: Table = {
    rowCount: 0,
    columns: fitted.inputSchema.map((input) =>
      input.storage === 'number' ? numberColumn(input.name, new Float64Array(0), input.type, 'model input') : categoryColumn(input.name, new Int32Array(0), input.categories ?? [], input.type, 'model input'),
    ),
  };
  transformForPrediction(fitted, empty);
}

export function transformForPrediction(fitted: FittedRecipe, table: Table, read: ReadOptions = {}): PredictionInput {
  const { table: aligned, rejected } = alignToSchema(table, fitted.inputSchema, read);
  const warnings = new Map<number, Rejection>();
  for (const note of outOfRange(aligned, fitted.inputSchema)) if (!warnings.has(note.row)) warnings.set(note.row, note);
  const states = new Map(fitted.steps.map((s) => [s.id, s.state]));
  let sourceRows = allRows(aligned.rowCount);
  let current = aligned;
  if (rejected.size > 0) {
    const keep = new Uint8Array(aligned.rowCount).map((_, row) => (rejected.has(row) ? 0 : 1));
    sourceRows = rowsWhere(keep);
    current = takeRows(aligned, sourceRows);
  }
  for (const step of executionOrder(fitted.recipe.steps)) {
    const output = transformStep(step, states.get(step.id), current, 'predict');
    if (output.keptRows && output.keptRows.length + (output.rejected?.length ?? 0) !== current.rowCount) {
      throw new Error(`step "${step.id}" removed rows without a reason at prediction`);
    }
    for (const r of output.rejected ?? []) rejected.set(sourceRows[r.row]!, { ...r, row: sourceRows[r.row]! });
    for (const r of output.notes ?? []) if (!warnings.has(sourceRows[r.row]!)) warnings.set(sourceRows[r.row]!, { ...r, row: sourceRows[r.row]! });
    if (output.keptRows) sourceRows = output.keptRows.map((r) => sourceRows[r]!);
    current = output.table;
  }
  const features = featureColumns(current, fitted.target.column);
  refuseOtherFeatures(features.map((c) => c.name), fitted.features);
  const gaps = rowsWithGaps(features, current.rowCount);
  for (const [row, gap] of gaps) rejected.set(sourceRows[row]!, gapReason(aligned, fitted.inputSchema, sourceRows[row]!, gap.feature, gap.kind));
  const keep = new Uint8Array(current.rowCount).map((_, row) => (gaps.has(row) ? 0 : 1));
  const rows = rowsWhere(keep);
  return {
    x: featureMatrix(features, rows).x,
    rows: rows.length,
    rowIndex: rows.map((r) => sourceRows[r]!),
    rejected: [...rejected.values()].sort((a, b) => a.row - b.row),
    warnings: [...warnings.values()].filter((w) => !rejected.has(w.row)).sort((a, b) => a.row - b.row),
  };
}
