/**
 * A table to predict, lined up with the columns the model was trained on: the same names, the same storage.
 * A file read on its own can come out typed differently (one row of "42" is text to nobody, but a blank
 * column is), so numbers written as text are parsed, numbers are read as labels where the training column was
 * text, and a cell that cannot be read is a rejected row, never a guess. Extra columns are ignored.
 */
import { UserFacingError } from '../errors.ts';
import { MISSING_CODE, type Column, type Table } from '../table/table.ts';
import { categoryColumn, numberColumn, numberLabel, quoteList } from './table-ops.ts';
import type { InputColumn, Rejection } from './types.ts';

function parseCell(label: string, asDate: boolean): number {
  const text = label.trim();
  if (text === '' || text.toLowerCase() === 'nan') return NaN;
  return asDate ? Date.parse(text) : Number(text);
}

function asNumbers(column: Column, spec: InputColumn, rejected: Map<number, Rejection>): Column {
  if (column.storage === 'number') return numberColumn(spec.name, column.values, spec.type, column.reason);
  const asDate = spec.type === 'datetime';
  const byCode = column.levels.map((l) => parseCell(l, asDate));
  const values = new Float64Array(column.codes.length);
  column.codes.forEach((code, row) => {
    if (code === MISSING_CODE) {
      values[row] = NaN;
      return;
    }
    const label = column.levels[code]!;
    const value = byCode[code]!;
    values[row] = value;
    if (Number.isNaN(value) && label.trim() !== '' && label.trim().toLowerCase() !== 'nan' && !rejected.has(row)) {
      rejected.set(row, { row, column: spec.name, reason: `"${spec.name}" is "${label}", which is not ${asDate ? 'a date' : 'a number'}.` });
    }
  });
  return numberColumn(spec.name, values, spec.type, column.reason);
}

function asLabels(column: Column, spec: InputColumn): Column {
  if (column.storage === 'category') return categoryColumn(spec.name, column.codes, column.levels, spec.type, column.reason);
  const levels: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Int32Array(column.values.length);
  column.values.forEach((v, row) => {
    if (Number.isNaN(v)) {
      codes[row] = MISSING_CODE;
      return;
    }
    const label = numberLabel(v);
    let code = codeOf.get(label);
    if (code === undefined) {
      code = levels.push(label) - 1;
      codeOf.set(label, code);
    }
    codes[row] = code;
  });
  return categoryColumn(spec.name, codes, levels, spec.type, column.reason);
}

export function alignToSchema(table: Table, schema: readonly InputColumn[]): { table: Table; rejected: Map<number, Rejection> } {
  const absent = schema.filter((spec) => !table.columns.some((c) => c.name === spec.name)).map((spec) => spec.name);
  if (absent.length > 0) {
    throw new UserFacingError(
      'missing-column',
      `The rows to predict lack ${absent.length === 1 ? 'the column' : `${absent.length} columns`} the model needs: ${quoteList(absent, 8)}. Add ${absent.length === 1 ? 'it' : 'them'} with the same ${absent.length === 1 ? 'name' : 'names'} as in the training file.`,
    );
  }
  const rejected = new Map<number, Rejection>();
  const columns = schema.map((spec) => {
    const column = table.columns.find((c) => c.name === spec.name)!;
    return spec.storage === 'number' ? asNumbers(column, spec, rejected) : asLabels(column, spec);
  });
  return { table: { rowCount: table.rowCount, columns }, rejected };
}
