/** Small immutable operations on Tables: steps build new tables and never write into the one they get. */
import { UserFacingError } from '../errors.ts';
import { takeDerived } from './derived-columns.ts';
import { MISSING_CODE, type CategoryColumn, type Column, type ColumnType, type NumberColumn, type Table } from '../table/table.ts';

export function numberColumn(name: string, values: Float64Array, type: ColumnType, reason: string): NumberColumn {
  return { name, type, reason, storage: 'number', values };
}

export function categoryColumn(name: string, codes: Int32Array, levels: readonly string[], type: ColumnType, reason: string): CategoryColumn {
  return { name, type, reason, storage: 'category', codes, levels };
}

function listNames(table: Table): string {
  const names = table.columns.map((c) => `"${c.name}"`);
  return names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', ');
}

/** The named column, or a message naming it, the step that needed it, and the columns that do exist. */
export function requireColumn(table: Table, name: string, purpose: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new UserFacingError(
      'missing-column',
      `${purpose} needs the column "${name}", which is not in the table (columns: ${listNames(table)}). Check the name, or remove it from the step.`,
    );
  }
  return column;
}

/** The column as numbers, or a message saying that `purpose` needs numbers and what to do instead. */
export function asNumberColumn(column: Column, purpose: string, instead: string): NumberColumn {
  if (column.storage !== 'number') {
    const sample = column.levels.slice(0, 3).map((l) => `"${l}"`).join(', ');
    throw new UserFacingError('not-numeric', `${purpose} needs numbers, but column "${column.name}" holds text (${sample}). ${instead}`);
  }
  return column;
}

export function requireNumberColumn(table: Table, name: string, purpose: string, instead: string): NumberColumn {
  return asNumberColumn(requireColumn(table, name, purpose), purpose, instead);
}

/** The table with `name` replaced by `replacements`, in its place (an empty list removes it). */
export function replaceColumn(table: Table, name: string, replacements: readonly Column[]): Table {
  const columns: Column[] = [];
  for (const c of table.columns) {
    if (c.name === name) columns.push(...replacements);
    else columns.push(c);
  }
  return { rowCount: table.rowCount, columns };
}

export function removeColumns(table: Table, names: ReadonlySet<string>): Table {
  return { rowCount: table.rowCount, columns: table.columns.filter((c) => !names.has(c.name)) };
}

export function takeRows(table: Table, rows: Int32Array): Table {
  const taken = new Map<object, Float64Array | Int32Array>();
  const columns = table.columns.map((c): Column => {
    if (c.storage === 'number') {
      const derived = takeDerived(c, rows, taken);
      if (derived) return derived;
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]!]!;
      return { ...c, values };
    }
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
    return { ...c, codes };
  });
  return { rowCount: rows.length, columns };
}

export function allRows(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}

/** The positions where `keep` is 1. */
export function rowsWhere(keep: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < keep.length; i++) count += keep[i]!;
  const rows = new Int32Array(count);
  let o = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) rows[o++] = i;
  return rows;
}

/** A number as a category label: the shortest text that reads back as the same number ("3", "2.5"). */
export function numberLabel(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** The cell as a label, whatever the storage; null when missing. */
export function labelAt(column: Column, row: number): string | null {
  if (column.storage === 'number') {
    const v = column.values[row]!;
    return Number.isNaN(v) ? null : numberLabel(v);
  }
  const code = column.codes[row]!;
  return code === MISSING_CODE ? null : column.levels[code]!;
}

/** A date as a person types it: `2024-03-15`, with the time when it has one (`2024-03-15 08:30:00`). */
export function dateLabel(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** A cell for a message: `"France"`, `140`, `2024-03-15`, or `empty`. */
export function showCell(column: Column, row: number): string {
  const label = labelAt(column, row);
  if (label === null) return 'empty';
  if (column.storage === 'number' && column.type === 'datetime') return dateLabel(column.values[row]!);
  return column.storage === 'number' ? label : `"${label}"`;
}

/** 8000 → "8,000", without depending on the platform's locale data. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function quoteList(names: readonly string[], max = 5): string {
  const quoted = names.slice(0, max).map((n) => `"${n}"`);
  return names.length > max ? `${quoted.join(', ')} and ${names.length - max} more` : quoted.join(', ');
}
