/** Where the shared real datasets are (beside the checkout, as in CI), and table helpers for comparing loads. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { cellValue, type CategoryColumn, type Column, type Table } from '../../../engine/table/table.ts';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const datasets = path.resolve(repoRoot, '../shared/datasets');
export const dataset = (name: string) => path.join(datasets, name);

export function column(table: Table, name: string): Column {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${table.columns.map((c) => c.name).join(', ')}`);
  return found;
}

export function missingCount(c: Column): number {
  let missing = 0;
  for (let row = 0; row < (c.storage === 'number' ? c.values.length : c.codes.length); row++) if (cellValue(c, row) === null) missing++;
  return missing;
}

export const levelsOf = (c: Column) => (c as CategoryColumn).levels;

/** Every cell as a person reads it, column by column: equal tables give equal snapshots. */
export function cells(table: Table, rows = table.rowCount): Record<string, (number | string | null)[]> {
  return Object.fromEntries(table.columns.map((c) => [c.name, Array.from({ length: rows }, (_, row) => cellValue(c, row))]));
}

export const typesOf = (table: Table) => Object.fromEntries(table.columns.map((c) => [c.name, c.type]));

/** The first difference between two tables (names, types, storage, every cell), or null when they are equal. */
export function tableDifference(a: Table, b: Table): string | null {
  if (a.rowCount !== b.rowCount) return `rows ${a.rowCount} ≠ ${b.rowCount}`;
  if (a.columns.length !== b.columns.length) return `columns ${a.columns.length} ≠ ${b.columns.length}`;
  for (let j = 0; j < a.columns.length; j++) {
    const x = a.columns[j]!;
    const y = b.columns[j]!;
    const head = `${x.name}/${y.name}`;
    if (x.name !== y.name || x.type !== y.type || x.storage !== y.storage) return `${head}: ${x.type} ${x.storage} ≠ ${y.type} ${y.storage}`;
    if (x.storage === 'number' && y.storage === 'number') {
      const row = x.values.findIndex((v, i) => !Object.is(v, y.values[i]) && !(Number.isNaN(v) && Number.isNaN(y.values[i]!)));
      if (row >= 0) return `${head} row ${row}: ${x.values[row]} ≠ ${y.values[row]}`;
    } else if (x.storage === 'category' && y.storage === 'category') {
      if (x.levels.join('\u0000') !== y.levels.join('\u0000')) return `${head}: levels differ`;
      const row = x.codes.findIndex((c, i) => c !== y.codes[i]);
      if (row >= 0) return `${head} row ${row}: ${cellValue(x, row)} ≠ ${cellValue(y, row)}`;
    }
  }
  return null;
}
