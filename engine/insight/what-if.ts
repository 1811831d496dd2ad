/**
 * What-if curves: the model's answer for one row as one input moves across its values, everything else held —
 * numbers across the training range (and a margin beyond it, where the model extrapolates), categories through the
 * levels seen in training — and the same averaged over many rows (partial dependence, Friedman 2001), which says
 * what the input does on average rather than for this row. Every point goes through the model file's own predict
 * path. Pure: one call, plain data in, numbers out.
 */
import { UserFacingError } from '../errors.ts';
import type { LoadedModel } from '../model/load-model.ts';
import { predictTable } from '../model/predict.ts';
import { categoryColumn, numberColumn, takeRows } from '../prep/table-ops.ts';
import type { InputColumn } from '../prep/types.ts';
import { tableFromRecords, type RecordValue } from '../table/records.ts';
import { findColumn, type Table } from '../table/table.ts';
import { withColumn } from './rows.ts';

/** Points across a number's range. */
export const WHAT_IF_POINTS = 41;
/** Share of the training range tried beyond each end. */
export const WHAT_IF_MARGIN = 0.15;
/** Categories tried at most (the training order's first). */
export const WHAT_IF_MAX_LEVELS = 60;
/** Rows averaged for partial dependence at most (an even sample of the rows given). */
export const PARTIAL_DEPENDENCE_ROWS = 500;

export interface WhatIfGrid {
  readonly column: string;
  readonly kind: 'number' | 'date' | 'category';
  /** Numbers (dates as milliseconds since 1970, UTC) or category labels, in order. */
  readonly values: readonly (number | string)[];
  /** The training rows' range of a number; null for categories. */
  readonly training: { readonly min: number; readonly max: number } | null;
  /** Levels seen in training but not tried (beyond WHAT_IF_MAX_LEVELS). */
  readonly levelsLeftOut: number;
}

/**
 * Per tried value, the model's answer: one probability per class in the model's class order (binary: both), or
 * the predicted value in the target's units; null where the recipe refuses such a row (a step removes the value).
 */
export type Outputs = readonly (readonly number[] | null)[];

export interface WhatIfResult {
  readonly grid: WhatIfGrid;
  /** The row as given, then with each tried value. */
  readonly row: { readonly current: readonly number[] | null; readonly outputs: Outputs; readonly error: string | null };
  /** The average over `rows` rows (null when no rows were given). */
  readonly average: { readonly outputs: Outputs; readonly rows: number; readonly of: number } | null;
  /** Class labels in output order; null for regression. */
  readonly classLabels: readonly string[] | null;
}

function inputOf(model: LoadedModel, column: string): InputColumn {
  const input = model.recipe.inputSchema.find((c) => c.name === column);
  if (!input) throw new UserFacingError('unknown-column', `The model has no input named "${column}". Pick one of its inputs.`);
  return input;
}

function numberGrid(input: InputColumn, points: number): number[] {
  const { min, max } = input as Required<Pick<InputColumn, 'min' | 'max'>>;
  const span = max - min || Math.max(1, Math.abs(min) * 0.1);
  // A column that is never negative in training (ages, prices, counts) is not tried below 0.
  const low = min >= 0 ? Math.max(0, min - WHAT_IF_MARGIN * span) : min - WHAT_IF_MARGIN * span;
  const high = max + WHAT_IF_MARGIN * span;
  const values = Array.from({ length: points }, (_, i) => low + ((high - low) * i) / (points - 1));
  if (input.type !== 'integer' && input.type !== 'boolean') return values;
  return [...new Set(values.map((v) => (input.type === 'boolean' ? Math.min(1, Math.max(0, Math.round(v))) : Math.round(v))))];
}

export function whatIfGrid(model: LoadedModel, column: string, points = WHAT_IF_POINTS): WhatIfGrid {
  const input = inputOf(model, column);
  if (input.storage === 'category') {
    const levels = input.categories ?? [];
    return { column, kind: 'category', values: levels.slice(0, WHAT_IF_MAX_LEVELS), training: null, levelsLeftOut: Math.max(0, levels.length - WHAT_IF_MAX_LEVELS) };
  }
  if (input.min === undefined || input.max === undefined) {
    throw new UserFacingError('no-range', `"${column}" had no value in the training rows, so there is no range to try.`);
  }
  return { column, kind: input.type === 'datetime' ? 'date' : 'number', values: numberGrid(input, points), training: { min: input.min, max: input.max }, levelsLeftOut: 0 };
}

/** Outputs of `rows` predicted rows laid out per class (binary: [P(negative), P(positive)]) or as [value]. */
function outputsOf(model: LoadedModel, table: Table): { byRow: (number[] | null)[]; firstError: string | null } {
  const predictions = predictTable(model, table);
  const byRow: (number[] | null)[] = Array.from({ length: table.rowCount }, () => null);
  const width = model.recipe.target.outputWidth;
  predictions.rowIndex.forEach((source, i) => {
    if (predictions.values) byRow[source] = [predictions.values[i]!];
    else if (width === 1) byRow[source] = [1 - predictions.probabilities![i]!, predictions.probabilities![i]!];
    else byRow[source] = Array.from(predictions.probabilities!.subarray(i * width, (i + 1) * width));
  });
  return { byRow, firstError: predictions.rejected[0]?.reason ?? null };
}

function recordValue(grid: WhatIfGrid, value: number | string): RecordValue {
  return grid.kind === 'date' ? new Date(value as number) : value;
}

/** One row (as typed into a form: text or numbers) with each value of the grid, read as predictRecords reads rows. */
export function whatIfRow(model: LoadedModel, record: Readonly<Record<string, RecordValue>>, grid: WhatIfGrid): WhatIfResult['row'] {
  const records = [record, ...grid.values.map((value) => ({ ...record, [grid.column]: recordValue(grid, value) }))];
  const columns = [...new Set([...model.recipe.inputSchema.map((c) => c.name), ...Object.keys(record)])];
  const { byRow, firstError } = outputsOf(model, tableFromRecords(records, { columns }).table);
  return { current: byRow[0]!, outputs: byRow.slice(1), error: byRow[0] ? null : firstError };
}

function evenSample(rows: Int32Array, max: number): Int32Array {
  if (rows.length <= max) return rows;
  return Int32Array.from({ length: max }, (_, k) => rows[Math.floor((k * rows.length) / max)]!);
}

/** `table`'s column set to one value in every row, stored as the model's input schema stores it. */
function constantColumn(table: Table, grid: WhatIfGrid, value: number | string): Table {
  const source = findColumn(table, grid.column);
  if (!source) throw new UserFacingError('missing-column', `The rows lack the column "${grid.column}" the model needs.`);
  const n = table.rowCount;
  const column =
    typeof value === 'number'
      ? numberColumn(grid.column, new Float64Array(n).fill(value), source.type, source.reason)
      : categoryColumn(grid.column, new Int32Array(n), [value], source.type, source.reason);
  return withColumn(table, column);
}

/** Partial dependence: for each value of the grid, the model's outputs averaged over `rows` of `table` (an even sample of at most `maxRows`). */
export function partialDependence(model: LoadedModel, table: Table, rows: Int32Array, grid: WhatIfGrid, maxRows = PARTIAL_DEPENDENCE_ROWS): NonNullable<WhatIfResult['average']> {
  const sample = takeRows(table, evenSample(rows, maxRows));
  const outputs = grid.values.map((value) => {
    const present = outputsOf(model, constantColumn(sample, grid, value)).byRow.filter((o): o is number[] => o !== null);
    if (present.length === 0) return null;
    return present[0]!.map((_, k) => present.reduce((sum, o) => sum + o[k]!, 0) / present.length);
  });
  return { outputs, rows: sample.rowCount, of: rows.length };
}

export interface WhatIfRequest {
  readonly column: string;
  /** The row to vary, as the form holds it. */
  readonly record: Readonly<Record<string, RecordValue>>;
  /** Rows to average over (e.g. the test rows) and their table; absent when none are at hand. */
  readonly rows?: { readonly table: Table; readonly rows: Int32Array };
  readonly points?: number;
}

export function whatIf(model: LoadedModel, request: WhatIfRequest): WhatIfResult {
  const grid = whatIfGrid(model, request.column, request.points);
  return {
    grid,
    row: whatIfRow(model, request.record, grid),
    average: request.rows ? partialDependence(model, request.rows.table, request.rows.rows, grid) : null,
    classLabels: model.recipe.target.classLabels ?? null,
  };
}
