/**
 * Steps that refuse rows or blank cells by a rule: row filters, invalid values; and the two that only reshape
 * the table (dropped columns; duplicate rows, which are never dropped at prediction).
 */
import { describeFilter } from '../../../../engine/prep/steps/filter-rows.ts';
import { describeAllowed } from '../../../../engine/prep/steps/invalid-values.ts';
import type { StepStateByKind } from '../../../../engine/prep/steps/registry.ts';
import { numberLabel } from '../../../../engine/prep/table-ops.ts';
import { codeTable, MISSING, type ColumnValue } from '../columns.ts';
import type { GraphBuilder } from '../graph-builder.ts';
import { reasons } from '../messages.ts';
import { and, anyOf, atLeast, atMost, equal, isInfinite, isNaN, member, not, where } from '../ops.ts';
import { bound, isDateColumn, missing, type StepEmitter } from './context.ts';

type Values = readonly (string | number)[];

/** Per-row: the cell is one of `values` (numbers compare as numbers, "3" equals 3.0; labels as exact text). */
function isOneOf(g: GraphBuilder, column: ColumnValue, values: Values, hint: string): string {
  if (column.kind === 'labels') {
    const wanted = new Set(values.map((v) => (typeof v === 'number' ? numberLabel(v) : v)));
    return member(g, column.tensor, codeTable(column.vocabulary, (label) => wanted.has(label), false, false), hint);
  }
  const numbers = values.map((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v))).filter(Number.isFinite);
  // With no number to match, Equal with NaN is false on every row, as the empty set matches nothing.
  if (numbers.length === 0) return equal(g, column.tensor, g.double(NaN));
  return anyOf(g, numbers.map((n) => equal(g, column.tensor, bound(g, column, n))));
}

function numbers(column: ColumnValue, name: string): Extract<ColumnValue, { kind: 'number' }> {
  if (column.kind !== 'number') throw new Error(`ONNX export: a range rule on "${name}", which holds labels`);
  return column;
}

/** Per-row: min ≤ x ≤ max (an absent bound is infinite); false for an empty cell. */
function inRange(g: GraphBuilder, column: ColumnValue, name: string, min: number | undefined, max: number | undefined): string {
  const x = numbers(column, name);
  return and(g, atLeast(g, x.tensor, bound(g, x, min ?? -Infinity)), atMost(g, x.tensor, bound(g, x, max ?? Infinity)));
}

export const filterRows: StepEmitter<'filter-rows'> = ({ g, columns, rejections, recipe }, s) => {
  // Only the target can be absent at prediction; the filter then has nothing to look at, as in Layerlab.
  if (!columns.has(s.column)) return;
  const column = columns.get(s.column);
  const matches = s.rule === 'is-missing' ? missing(g, column) : s.rule === 'equals' ? isOneOf(g, column, s.values ?? [], `${s.column}/filter`) : inRange(g, column, s.column, s.min, s.max);
  const rule = describeFilter(s, isDateColumn(recipe, s.column));
  if (s.action === 'keep') rejections.add(not(g, matches), reasons.filterKeep(s.column, rule));
  else rejections.add(matches, reasons.filterRemove(s.column, rule));
};

function invalidCells(g: GraphBuilder, column: ColumnValue, s: StepStateByKind['invalid-values']): string {
  if (s.rule === 'set') {
    if (column.kind === 'labels') {
      const allowed = new Set((s.values ?? []).map((v) => (typeof v === 'number' ? numberLabel(v) : v)));
      return member(g, column.tensor, codeTable(column.vocabulary, (label) => !allowed.has(label), true, false), `${s.column}/invalid`);
    }
    return and(g, not(g, isNaN(g, column.tensor)), not(g, isOneOf(g, column, s.values ?? [], `${s.column}/allowed`)));
  }
  const x = numbers(column, s.column);
  if (s.rule === 'finite') return isInfinite(g, x.tensor);
  const allowed = and(g, inRange(g, x, s.column, s.min, s.max), not(g, isInfinite(g, x.tensor)));
  return and(g, not(g, isNaN(g, x.tensor)), not(g, allowed));
}

export const invalidValues: StepEmitter<'invalid-values'> = ({ g, columns, rejections }, s) => {
  const column = columns.get(s.column);
  const invalid = invalidCells(g, column, s);
  if (s.action === 'drop-row') {
    rejections.add(invalid, reasons.notAllowed(s.column, describeAllowed(s)));
    return;
  }
  const blank = column.kind === 'number' ? g.double(NaN) : g.int64(MISSING);
  columns.set(s.column, { ...column, tensor: where(g, invalid, blank, column.tensor, `${s.column}/valid`) });
};

export const dropColumns: StepEmitter<'drop-columns'> = ({ columns }, s) => columns.remove(s.columns);

/** New rows to predict are never dropped as duplicates: asking twice for the same prediction is legitimate. */
export const dropDuplicates: StepEmitter<'drop-duplicates'> = () => undefined;
