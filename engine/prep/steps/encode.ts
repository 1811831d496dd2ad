/**
 * Categorical encoding, levels learned from the training rows:
 * - one-hot: one 0/1 column per level, sorted; past `maxLevels` outputs the rarest training levels share an
 *   "(other)" column (scikit-learn's `max_categories`, which counts the other bucket);
 * - ordinal: the user's order, 0 for the first level;
 * - binary: one 0/1 column, `Gender=Male`, for a column with exactly two training levels.
 * Empty cells stay empty (NaN) for a fill step to handle. Works on number columns too, reading each value as
 * a label ("1", "2"), for codes stored as numbers.
 */
import { UserFacingError } from '../../errors.ts';
import type { Column, Table } from '../../table/table.ts';
import { derivedColumn } from '../derived-columns.ts';
import { JsonReader } from '../json-reader.ts';
import { countLabels, labelLookup, orderBinaryLabels, sortLabels } from '../labels.ts';
import { noTrainingValues } from '../stats.ts';
import { labelAt, numberColumn, plural, quoteList, replaceColumn, requireColumn, rowsWhere, takeRows } from '../table-ops.ts';
import type { Rejection, StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { EncodeParams } from './params.ts';

export type EncodeState =
  | { readonly column: string; readonly method: 'one-hot'; readonly levels: readonly string[]; readonly otherLevels: readonly string[]; readonly unseen: 'zeros' | 'error' }
  | { readonly column: string; readonly method: 'ordinal'; readonly order: readonly string[] }
  | { readonly column: string; readonly method: 'binary'; readonly negative: string; readonly positive: string };

export const DEFAULT_MAX_LEVELS = 20;
export const OTHER_LEVEL = '(other)';
const PURPOSE = 'Encoding categories';
const UNSEEN = -1;
const MISSING = -2;

function levelFeature(column: string, level: string): string {
  return `${column}=${level}`;
}

function fitOneHot(counts: Map<string, number>, params: EncodeParams): EncodeState {
  const maxLevels = params.maxLevels ?? DEFAULT_MAX_LEVELS;
  const sorted = sortLabels(counts.keys());
  if (sorted.length <= maxLevels) return { column: params.column, method: 'one-hot', levels: sorted, otherLevels: [], unseen: params.unseen ?? 'zeros' };
  const rank = new Map(sorted.map((label, i) => [label, i]));
  const byFrequency = [...sorted].sort((a, b) => counts.get(b)! - counts.get(a)! || rank.get(a)! - rank.get(b)!);
  const kept = new Set(byFrequency.slice(0, maxLevels - 1));
  return {
    column: params.column,
    method: 'one-hot',
    levels: sorted.filter((l) => kept.has(l)),
    otherLevels: sorted.filter((l) => !kept.has(l)),
    unseen: params.unseen ?? 'zeros',
  };
}

function fitOrdinal(counts: Map<string, number>, params: EncodeParams): EncodeState {
  const order = params.order ?? [];
  const missing = [...counts.keys()].filter((l) => !order.includes(l));
  if (missing.length > 0) {
    throw new UserFacingError(
      'ordinal-order-incomplete',
      `The order for column "${params.column}" does not list ${quoteList(sortLabels(missing))}, seen in the training rows. Add ${missing.length === 1 ? 'it' : 'them'} to the order.`,
    );
  }
  return { column: params.column, method: 'ordinal', order: [...order] };
}

function fitBinary(counts: Map<string, number>, params: EncodeParams): EncodeState {
  const levels = sortLabels(counts.keys());
  if (levels.length !== 2) {
    const what = levels.length === 1 ? `only one value ("${levels[0]}")` : `${levels.length} values (${quoteList(levels, 4)})`;
    const instead = levels.length === 1 ? 'Drop the column: a constant tells the model nothing.' : 'Use a one-hot encoding instead.';
    throw new UserFacingError('binary-needs-two-levels', `A binary encoding needs exactly two values, but column "${params.column}" has ${what} in the training rows. ${instead}`);
  }
  let [negative, positive] = orderBinaryLabels(levels[0]!, levels[1]!);
  if (params.positive !== undefined) {
    if (!levels.includes(params.positive)) {
      throw new UserFacingError('unknown-label', `"${params.positive}" is not a value of column "${params.column}" in the training rows (values: ${quoteList(levels)}). Choose one of them as the positive value.`);
    }
    [negative, positive] = params.positive === positive ? [negative, positive] : [positive, negative];
  }
  return { column: params.column, method: 'binary', negative, positive };
}

function encodedFeatures(state: EncodeState): string[] {
  if (state.method === 'binary') return [levelFeature(state.column, state.positive)];
  if (state.method === 'ordinal') return [state.column];
  return [...state.levels, ...(state.otherLevels.length > 0 ? [OTHER_LEVEL] : [])].map((l) => levelFeature(state.column, l));
}

/** Each row's output: a one-hot column index, an ordinal code or a 0/1, or UNSEEN / MISSING. */
function rowCodes(column: Column, state: EncodeState): (row: number) => number {
  if (state.method === 'binary') return labelLookup(column, (l) => (l === state.positive ? 1 : l === state.negative ? 0 : UNSEEN), MISSING);
  if (state.method === 'ordinal') {
    const index = new Map(state.order.map((l, i) => [l, i]));
    return labelLookup(column, (l) => index.get(l) ?? UNSEEN, MISSING);
  }
  const index = new Map(state.levels.map((l, i) => [l, i]));
  const other = new Set(state.otherLevels);
  return labelLookup(column, (l) => index.get(l) ?? (other.has(l) ? state.levels.length : UNSEEN), MISSING);
}

function unseenPolicy(state: EncodeState): 'zeros' | 'error' {
  return state.method === 'one-hot' ? state.unseen : 'error';
}

function outputColumns(state: EncodeState, names: readonly string[], codes: Int32Array, source: Column): Column[] {
  const rows = codes.length;
  if (state.method !== 'one-hot') {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) values[r] = codes[r]! < 0 ? NaN : codes[r]!;
    const type = state.method === 'binary' ? 'boolean' : 'integer';
    return [numberColumn(names[0]!, values, type, `${state.method} encoding of "${source.name}"`)];
  }
  // Categories stay codes until the matrix is built (derived-columns.ts): no array of zeros and ones per level.
  return names.map((name, k) => derivedColumn(name, 'boolean', `one-hot encoding of "${source.name}"`, { kind: 'one-hot', codes, code: k, missing: MISSING }));
}

function transform(table: Table, state: EncodeState, mode: TransformMode): StepOutput {
  const source = requireColumn(table, state.column, PURPOSE);
  const code = rowCodes(source, state);
  const codes = new Int32Array(table.rowCount);
  const keep = new Uint8Array(table.rowCount).fill(1);
  const rejected: Rejection[] = [];
  const notes: Rejection[] = [];
  let unseen = 0;
  let firstUnseen = '';
  const policy = unseenPolicy(state);
  for (let row = 0; row < table.rowCount; row++) {
    codes[row] = code(row);
    if (codes[row] !== UNSEEN) continue;
    if (unseen++ === 0) firstUnseen = labelAt(source, row)!;
    if (policy === 'error' && mode === 'predict') {
      keep[row] = 0;
      rejected.push({ row, column: source.name, reason: `"${source.name}" is "${labelAt(source, row)}", a value never seen in the training rows.` });
    } else if (mode === 'predict') {
      notes.push({
        row,
        column: source.name,
        reason: `"${source.name}" is "${labelAt(source, row)}", a value never seen in the training rows: encoded as all zeros, as the recipe says for unseen values. Treat this prediction with care.`,
      });
    }
  }
  if (unseen > 0 && policy === 'error' && mode === 'prepare') {
    throw new UserFacingError(
      'unseen-category',
      `Column "${source.name}" has ${plural(unseen, 'row')} with values never seen in the training rows (first: "${firstUnseen}"), and its encoding treats unseen values as an error. ` +
        (state.method === 'one-hot' ? 'Let unseen values become all zeros, or filter those rows out.' : 'Use a one-hot encoding, or filter those rows out.'),
    );
  }
  const replaced = replaceColumn(table, source.name, outputColumns(state, encodedFeatures(state), codes, source));
  const cellsChanged = policy === 'zeros' ? unseen : 0;
  if (rejected.length === 0) return { table: replaced, cellsChanged, ...(notes.length > 0 ? { notes } : {}) };
  const keptRows = rowsWhere(keep);
  return { table: takeRows(replaced, keptRows), keptRows, rejected, cellsChanged };
}

function parseParams(json: unknown, at: string): EncodeParams {
  const r = JsonReader.object(json, at, 'recipe');
  const method = r.oneOf('method', ['one-hot', 'ordinal', 'binary'] as const);
  const unseen = r.optionalOneOf('unseen', ['zeros', 'error'] as const);
  if (method !== 'one-hot' && unseen === 'zeros') r.fail('unseen', `"error" for a ${method} encoding (it has no all-zeros code)`);
  const order = method === 'ordinal' ? r.strings('order') : undefined;
  if (order && new Set(order).size !== order.length) r.fail('order', 'a list without repeated levels');
  return {
    column: r.string('column'),
    method,
    ...(method === 'one-hot' && r.has('maxLevels') ? { maxLevels: r.number('maxLevels', 'a whole number of at least 2', (n) => Number.isInteger(n) && n >= 2) } : {}),
    ...(order ? { order } : {}),
    ...(method === 'binary' && r.has('positive') ? { positive: r.string('positive') } : {}),
    ...(unseen ? { unseen } : {}),
  };
}

function parseState(json: unknown, at: string): EncodeState {
  const r = JsonReader.object(json, at, 'fitted recipe');
  const column = r.string('column');
  const method = r.oneOf('method', ['one-hot', 'ordinal', 'binary'] as const);
  if (method === 'binary') return { column, method, negative: r.string('negative'), positive: r.string('positive') };
  if (method === 'ordinal') return { column, method, order: r.strings('order') };
  return { column, method, levels: r.strings('levels'), otherLevels: r.strings('otherLevels', false), unseen: r.oneOf('unseen', ['zeros', 'error'] as const) };
}

export const encode: StepDefinition<EncodeParams, EncodeState> = {
  kind: 'encode',
  beforeSplit: false,
  describeCells: (n) => `encoded ${plural(n, 'unseen value')} as zeros`,
  learns: () => true,
  inputs: (params) => [params.column],

  fit(table: Table, trainRows: Int32Array, params: EncodeParams): EncodeState {
    const counts = countLabels(requireColumn(table, params.column, PURPOSE), trainRows);
    if (counts.size === 0) noTrainingValues(params.column, trainRows.length, 'the encoding');
    if (params.method === 'ordinal') return fitOrdinal(counts, params);
    if (params.method === 'binary') return fitBinary(counts, params);
    return fitOneHot(counts, params);
  },

  transform,

  describe(params: EncodeParams): string {
    if (params.method === 'binary') return `Encode "${params.column}" as one 0/1 column${params.positive ? ` (1 = "${params.positive}")` : ''}`;
    if (params.method === 'ordinal') return `Encode "${params.column}" as numbers in the order ${quoteList(params.order ?? [], 6)}`;
    return `One-hot encode "${params.column}" (at most ${params.maxLevels ?? DEFAULT_MAX_LEVELS} columns, rarer values grouped as "${OTHER_LEVEL}")`;
  },

  parseParams,
  parseState,
};
