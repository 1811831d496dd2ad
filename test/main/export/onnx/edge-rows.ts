/**
 * Rows the training file never shows a model: copies of a few real rows with one input cell changed at a time
 * to an empty cell, a label never seen in training, a number far outside the training range or infinite, the
 * training range's ends, and dates that test the calendar (leap days, century years, before 1970, beyond the
 * range JavaScript's Date can hold).
 */
import type { InputColumn } from '../../../../engine/prep/types.ts';
import { MISSING_CODE, type Column, type Table } from '../../../../engine/table/table.ts';

export const UNSEEN_LABEL = 'a level never seen in training';

const DATES = [
  NaN,
  Date.UTC(2000, 1, 29),
  Date.UTC(1900, 2, 1) - 1,
  Date.UTC(2100, 2, 1),
  Date.UTC(1600, 1, 29, 12),
  Date.UTC(1969, 11, 31, 23, 59, 59, 999),
  -0.5,
  Date.UTC(-40, 0, 1),
  8.64e15,
  8.64e15 + 1,
];

function numberVariants(spec: InputColumn): number[] {
  if (spec.type === 'datetime') return DATES;
  return [NaN, 1e9, -1e9, Infinity, -Infinity, 0, spec.min ?? 1, spec.max ?? -1, 0.1];
}

/** `table` plus, per input column, each of the first `count` rows with that column's cell set to each variant. */
export function withEdgeRows(table: Table, schema: readonly InputColumn[], count = 2): Table {
  const sources = Array.from({ length: Math.min(count, table.rowCount) }, (_, i) => i);
  const edits: { row: number; column: string; value: number | string | null }[] = [];
  for (const spec of schema) {
    const column = table.columns.find((c) => c.name === spec.name)!;
    const variants: (number | string | null)[] =
      column.storage === 'number' ? numberVariants(spec) : [null, UNSEEN_LABEL, ...(spec.categories?.slice(0, 1) ?? []), ...(spec.categories?.slice(-1) ?? [])];
    for (const row of sources) for (const value of variants) edits.push({ row, column: spec.name, value });
  }
  const n = table.rowCount + edits.length;
  const columns = table.columns.map((column): Column => {
    if (column.storage === 'number') {
      const values = new Float64Array(n);
      values.set(column.values);
      edits.forEach((e, i) => (values[table.rowCount + i] = e.column === column.name ? (e.value as number) : column.values[e.row]!));
      return { ...column, values };
    }
    const levels = [...column.levels, UNSEEN_LABEL];
    const codes = new Int32Array(n);
    codes.set(column.codes);
    edits.forEach((e, i) => {
      if (e.column !== column.name) codes[table.rowCount + i] = column.codes[e.row]!;
      else codes[table.rowCount + i] = e.value === null ? MISSING_CODE : levels.indexOf(e.value as string);
    });
    return { ...column, codes, levels };
  });
  return { rowCount: n, columns };
}
