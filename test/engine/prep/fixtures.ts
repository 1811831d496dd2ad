/**
 * Tables for the recipe tests, built by hand or read from the shared datasets. The file loader of `main/io`
 * is someone else's work in progress; this reader is deliberately plain (numbers, ISO dates, else text) so
 * the tests do not depend on its type inference.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { MISSING_CODE, type CategoryColumn, type Column, type ColumnType, type NumberColumn, type Table } from '../../../engine/table/table.ts';
import { isUserFacingError } from '../../../engine/errors.ts';

/** Beside the checkout, as in CI: ../shared/datasets. */
export const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');

export function num(name: string, values: readonly (number | null)[], type: ColumnType = 'numeric'): NumberColumn {
  return { name, type, reason: 'test fixture', storage: 'number', values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

export function cat(name: string, values: readonly (string | null)[], type: ColumnType = 'categorical'): CategoryColumn {
  const levels: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return MISSING_CODE;
    let code = codeOf.get(v);
    if (code === undefined) {
      code = levels.push(v) - 1;
      codeOf.set(v, code);
    }
    return code;
  });
  return { name, type, reason: 'test fixture', storage: 'category', codes, levels };
}

export function dates(name: string, isoDates: readonly (string | null)[]): NumberColumn {
  return num(name, isoDates.map((d) => (d === null ? null : Date.parse(d))), 'datetime');
}

export function tableOf(...columns: Column[]): Table {
  const rowCount = columns[0]!.storage === 'number' ? columns[0]!.values.length : columns[0]!.codes.length;
  return { rowCount, columns };
}

export function numbersIn(table: Table, name: string): (number | null)[] {
  const column = table.columns.find((c) => c.name === name);
  if (!column || column.storage !== 'number') throw new Error(`no number column ${name}`);
  return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
}

export function labelsIn(table: Table, name: string): (string | null)[] {
  const column = table.columns.find((c) => c.name === name);
  if (!column || column.storage !== 'category') throw new Error(`no text column ${name}`);
  return Array.from(column.codes, (c) => (c === MISSING_CODE ? null : column.levels[c]!));
}

export function columnNames(table: Table): string[] {
  return table.columns.map((c) => c.name);
}

/** The code of the UserFacingError `action` throws, or a description of what it did instead. */
export function errorOf(action: () => unknown): { code: string; message: string; stepId: string | null } {
  try {
    action();
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message, stepId: error.stepId };
    return { code: `not user-facing: ${String(error)}`, message: '', stepId: null };
  }
  return { code: 'no error', message: '', stepId: null };
}

export function rows(...positions: number[]): Int32Array {
  return Int32Array.from(positions);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function columnFrom(name: string, cells: readonly string[], missing: ReadonlySet<string>): Column {
  const present = cells.filter((c) => !missing.has(c));
  if (present.length > 0 && present.every((c) => ISO_DATE.test(c))) return dates(name, cells.map((c) => (missing.has(c) ? null : c)));
  const asNumbers = cells.map((c) => (missing.has(c) ? null : Number(c)));
  if (present.length > 0 && asNumbers.every((v) => v === null || !Number.isNaN(v))) {
    const values = asNumbers.filter((v): v is number => v !== null);
    const type: ColumnType = values.every((v) => v === 0 || v === 1) ? 'boolean' : values.every(Number.isInteger) ? 'integer' : 'numeric';
    return num(name, asNumbers, type);
  }
  return cat(name, cells.map((c) => (missing.has(c) ? null : c)));
}

/** A dataset from ../shared/datasets; cells are trimmed, "" and `missing` markers are empty cells. */
export function loadDataset(file: string, options: { missing?: readonly string[]; delimiter?: string } = {}): Table {
  return tableFromCsv(readFileSync(join(DATASETS, file), 'utf8'), options);
}

/** A table from CSV text, read as `loadDataset` reads a file. */
export function tableFromCsv(text: string, options: { missing?: readonly string[]; delimiter?: string } = {}): Table {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true, ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
  const [header, ...body] = parsed.data;
  const missing = new Set(['', ...(options.missing ?? [])]);
  const columns = header!.map((name, j) => columnFrom(name.trim(), body.map((r) => (r[j] ?? '').trim()), missing));
  return { rowCount: body.length, columns };
}
