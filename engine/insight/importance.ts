/**
 * Permutation importance (Breiman 2001; scikit-learn's `permutation_importance`): how much the test metric drops
 * when one raw input column's values are shuffled among the judged rows, which breaks that column's link with the
 * target and keeps everything else. Per raw column, not per one-hot feature: shuffling "Embarked" moves all of its
 * one-hot features together. Repeated `repeats` times; the importance is the mean drop, the spread its standard
 * deviation (population, as scikit-learn's). Pure and seeded: one call, plain data in, numbers out, so a worker
 * can run it.
 */
import { UserFacingError } from '../errors.ts';
import type { LoadedModel } from '../model/load-model.ts';
import { Rng } from '../nn/rng.ts';
import { takeRows } from '../prep/table-ops.ts';
import type { FittedRecipe } from '../prep/types.ts';
import type { Column, Table } from '../table/table.ts';
import { judgedRows, metricOf, scoreTable, withColumn, type InsightMetric, type JudgedRows } from './rows.ts';

export interface ImportanceOptions {
  readonly repeats: number;
  readonly seed: number;
  /** Judge an even sample of at most this many rows (every row when absent): the work grows with rows × columns × repeats. */
  readonly maxRows?: number;
}

export interface ColumnImportance {
  readonly column: string;
  /** Mean drop of the metric over the repeats; 0 for a column the model does not use. */
  readonly importance: number;
  /** Standard deviation of the drop over the repeats. */
  readonly std: number;
  readonly used: boolean;
  /** Why a column counts for nothing, or what to keep in mind; null otherwise. */
  readonly note: string | null;
}

export interface ImportanceResult {
  readonly metric: InsightMetric;
  /** The metric on the judged rows as they are. */
  readonly baseline: number;
  /** Rows judged. */
  readonly rows: number;
  /** The rows there were when an even sample of them was judged; null when every row was. */
  readonly sampledFrom: number | null;
  readonly repeats: number;
  readonly seed: number;
  /** Most important first (ties keep the table's column order). */
  readonly columns: readonly ColumnImportance[];
}

export const DEFAULT_REPEATS = 5;
/** The app and the CLI judge at most this many rows unless told otherwise: enough for stable ranks, quick on any table. */
export const DEFAULT_MAX_ROWS = 5000;
export const MAX_REPEATS = 100;

/**
 * The shuffles of column `k` (its position among the table's columns): an order of the `rows` judged rows per
 * repeat. Each column draws from its own generator, so columns can be computed apart (or in parallel) alike.
 */
export function shuffleOrders(seed: number, k: number, rows: number, repeats: number): Int32Array[] {
  const rng = new Rng((seed ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
  return Array.from({ length: repeats }, () => {
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    rng.shuffle(order);
    return order;
  });
}

/** The column with its cells reordered: cell i takes the value of cell order[i]. */
export function reorderedColumn(column: Column, order: Int32Array): Column {
  if (column.storage === 'number') return { ...column, values: Float64Array.from(order, (i) => column.values[i]!) };
  return { ...column, codes: Int32Array.from(order, (i) => column.codes[i]!) };
}

function isConstant(column: Column): boolean {
  const cells = column.storage === 'number' ? column.values : column.codes;
  for (let i = 1; i < cells.length; i++) if (!Object.is(cells[i], cells[0])) return false;
  return true;
}

/** Why the model never looks at a column of the file (it is not among the raw inputs the recipe needs). */
export function unusedReason(recipe: FittedRecipe, name: string): string {
  const drop = recipe.recipe.steps.find((s) => s.kind === 'drop-columns' && s.params.columns.includes(name));
  if (!drop) return 'Not used: the model does not read this column.';
  // A suggested drop's reason names each column: "\"Id\": it is an identifier; \"Notes\": it is free text".
  const own = drop.why?.split('; ').find((part) => part.startsWith(`"${name}": `));
  const why = own ? own.slice(name.length + 4) : drop.why && !drop.why.includes('": ') ? drop.why : null;
  return `Not used: the cleaning recipe drops it${why ? ` (${why.replace(/\.$/, '')})` : ''}, so the network never sees it.`;
}

/** Every (n / max)-th row, the same ones each time. */
function evenSample(judged: JudgedRows, max: number): JudgedRows {
  const picked = Int32Array.from({ length: max }, (_, k) => Math.floor((k * judged.table.rowCount) / max));
  return { table: takeRows(judged.table, picked), truth: Float64Array.from(picked, (r) => judged.truth[r]!) };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function populationStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) * (v - m), 0) / values.length);
}

function checkOptions(options: ImportanceOptions): void {
  if (!Number.isInteger(options.repeats) || options.repeats < 1 || options.repeats > MAX_REPEATS) {
    throw new UserFacingError('invalid-repeats', `The number of repeats must be a whole number from 1 to ${MAX_REPEATS}, got ${options.repeats}.`);
  }
  if (!Number.isInteger(options.seed)) throw new UserFacingError('invalid-seed', `The seed must be a whole number, got ${options.seed}.`);
  if (options.maxRows !== undefined && !(Number.isInteger(options.maxRows) && options.maxRows >= 2)) {
    throw new UserFacingError('invalid-max-rows', `The most rows to judge must be a whole number of at least 2, got ${options.maxRows}.`);
  }
}

function importanceOf(model: LoadedModel, judged: JudgedRows, baseline: number, column: Column, k: number, options: ImportanceOptions): ColumnImportance {
  if (isConstant(column)) {
    return { column: column.name, importance: 0, std: 0, used: true, note: `Every judged row holds the same value, so shuffling it changes nothing: this says nothing about the column.` };
  }
  const drops: number[] = [];
  let refused = 0;
  for (const order of shuffleOrders(options.seed, k, judged.table.rowCount, options.repeats)) {
    const scored = scoreTable(model, withColumn(judged.table, reorderedColumn(column, order)), judged.truth);
    drops.push(baseline - scored.score);
    refused += scored.refused;
  }
  const note = refused > 0 ? `Shuffled values made the recipe refuse ${Math.round(refused / options.repeats)} rows per repeat (a step removes such values); they are left out of the score.` : null;
  return { column: column.name, importance: mean(drops), std: populationStd(drops), used: true, note };
}

/**
 * The importance of every column of `table` but the target, judged on `rows` (e.g. the model's test rows). The
 * table must hold the target; rows whose target is empty or an unknown class are left out.
 */
export function permutationImportance(model: LoadedModel, table: Table, rows: Int32Array, options: ImportanceOptions): ImportanceResult {
  checkOptions(options);
  const all = judgedRows(model, table, rows);
  const judged = options.maxRows !== undefined && all.table.rowCount > options.maxRows ? evenSample(all, options.maxRows) : all;
  const baseline = scoreTable(model, judged.table, judged.truth).score;
  const inputs = new Set(model.recipe.inputSchema.map((c) => c.name));
  const targetName = model.recipe.target.column;
  const columns = judged.table.columns.flatMap((column, k): ColumnImportance[] => {
    if (column.name === targetName) return [];
    if (!inputs.has(column.name)) return [{ column: column.name, importance: 0, std: 0, used: false, note: unusedReason(model.recipe, column.name) }];
    return [importanceOf(model, judged, baseline, column, k, options)];
  });
  const ranked = columns.map((c, i) => ({ c, i })).sort((a, b) => b.c.importance - a.c.importance || a.i - b.i).map(({ c }) => c);
  const sampledFrom = judged === all ? null : all.table.rowCount;
  return { metric: metricOf(model), baseline, rows: judged.table.rowCount, sampledFrom, repeats: options.repeats, seed: options.seed, columns: ranked };
}
