/**
 * Keep or remove the rows matching a rule. Learns nothing, so it runs on the whole table before the split.
 * At prediction a row the filter would remove is rejected with the rule as the reason: the model never saw
 * such rows.
 */
import { UserFacingError } from '../../errors.ts';
import { isMissing, type Column, type Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { dateLabel, labelAt, numberLabel, requireColumn, rowsWhere, showCell, takeRows } from '../table-ops.ts';
import type { Rejection, StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { FilterRowsParams } from './params.ts';

export type FilterRowsState = FilterRowsParams;

const PURPOSE = 'Filtering rows';
const DAY_MS = 86_400_000;

function showValue(value: string | number): string {
  return typeof value === 'number' ? numberLabel(value) : `"${value}"`;
}

/** The rule in words; the bounds of a date column (`dates`) read as dates rather than milliseconds. */
function describeRule(rule: Pick<FilterRowsParams, 'column' | 'rule' | 'min' | 'max' | 'values'>, dates = false): string {
  const { column } = rule;
  if (rule.rule === 'is-missing') return `"${column}" is empty`;
  if (rule.rule === 'equals') return `"${column}" is ${(rule.values ?? []).map(showValue).join(' or ')}`;
  const bound = (value: number): string => (dates ? dateLabel(value) : numberLabel(value));
  // A highest date at the last millisecond of its day (a whole day kept) reads as that day.
  const upper = (value: number): string => (dates && (value + 1) % DAY_MS === 0 ? dateLabel(value + 1 - DAY_MS) : bound(value));
  if (rule.min !== undefined && rule.max !== undefined) return `"${column}" is from ${bound(rule.min)} to ${upper(rule.max)}`;
  if (rule.min !== undefined) return `"${column}" is ${dates ? 'on or after' : 'at least'} ${bound(rule.min)}`;
  return `"${column}" is ${dates ? 'on or before' : 'at most'} ${upper(rule.max!)}`;
}

/** The filter in words, as `describe` says it; with `dates`, its column holds dates and its bounds read as such. */
export function describeFilter(params: FilterRowsParams, dates = false): string {
  return `${params.action === 'keep' ? 'Keep only' : 'Remove'} rows where ${describeRule(params, dates)}`;
}

/** Numbers compare as numbers ("3" equals 3.0), labels as exact text. */
export function valueMatcher(column: Column, values: readonly (string | number)[]): (row: number) => boolean {
  if (column.storage === 'number') {
    const wanted = new Set<number>();
    for (const v of values) {
      const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
      if (Number.isFinite(n)) wanted.add(n);
    }
    return (row) => wanted.has(column.values[row]!);
  }
  const wanted = new Set(values.map((v) => (typeof v === 'number' ? numberLabel(v) : v)));
  return (row) => {
    const label = labelAt(column, row);
    return label !== null && wanted.has(label);
  };
}

function matcher(column: Column, params: FilterRowsParams): (row: number) => boolean {
  if (params.rule === 'is-missing') return (row) => isMissing(column, row);
  if (params.rule === 'equals') return valueMatcher(column, params.values ?? []);
  if (column.storage !== 'number') {
    throw new UserFacingError('not-numeric', `A range filter needs numbers, but column "${column.name}" holds text. Filter it with "equals" instead.`);
  }
  const min = params.min ?? -Infinity;
  const max = params.max ?? Infinity;
  return (row) => {
    const v = column.values[row]!;
    return v >= min && v <= max;
  };
}

function parse(json: unknown, at: string, document: 'recipe' | 'fitted recipe'): FilterRowsParams {
  const r = JsonReader.object(json, at, document);
  const rule = r.oneOf('rule', ['range', 'equals', 'is-missing'] as const);
  const params: FilterRowsParams = {
    column: r.string('column'),
    rule,
    action: r.oneOf('action', ['keep', 'remove'] as const),
    ...(rule === 'range' && r.has('min') ? { min: r.number('min') } : {}),
    ...(rule === 'range' && r.has('max') ? { max: r.number('max') } : {}),
    ...(rule === 'equals' ? { values: r.values('values') } : {}),
  };
  if (rule === 'range' && params.min === undefined && params.max === undefined) r.fail('min', 'a number (a range filter needs "min", "max" or both)');
  if (params.min !== undefined && params.max !== undefined && params.min > params.max) r.fail('max', `at least min (${params.min})`);
  return params;
}

export const filterRows: StepDefinition<FilterRowsParams, FilterRowsState> = {
  kind: 'filter-rows',
  beforeSplit: true,
  learns: () => false,
  inputs: (params) => [params.column],

  fit(table: Table, _trainRows: Int32Array, params: FilterRowsParams): FilterRowsState {
    matcher(requireColumn(table, params.column, PURPOSE), params);
    return { ...params };
  },

  transform(table: Table, state: FilterRowsState, mode: TransformMode): StepOutput {
    const column = table.columns.find((c) => c.name === state.column);
    // Only the target may be absent at prediction (the input schema requires every other column).
    if (!column && mode === 'predict') return { table, cellsChanged: 0 };
    const matches = matcher(requireColumn(table, state.column, PURPOSE), state);
    const keep = new Uint8Array(table.rowCount);
    const rejected: Rejection[] = [];
    for (let row = 0; row < table.rowCount; row++) {
      const kept = matches(row) === (state.action === 'keep');
      if (kept) keep[row] = 1;
      else if (mode === 'predict') {
        const rule = describeRule(state, column!.type === 'datetime');
        const why = state.action === 'keep' ? `the model was trained only on rows where ${rule}` : `the recipe removes rows where ${rule}`;
        rejected.push({ row, column: state.column, reason: `"${state.column}" is ${showCell(column!, row)}, and ${why}.` });
      }
    }
    const keptRows = rowsWhere(keep);
    if (keptRows.length === table.rowCount) return { table, cellsChanged: 0 };
    return { table: takeRows(table, keptRows), keptRows, rejected, cellsChanged: 0 };
  },

  describe: (params) => describeFilter(params),
  parseParams: (json, at) => parse(json, at, 'recipe'),
  parseState: (json, at) => parse(json, at, 'fitted recipe'),
};
