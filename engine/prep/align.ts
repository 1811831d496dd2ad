/**
 * A table to predict, lined up with the columns the model was trained on: the same names, the same storage.
 * A file to predict is best read with every input column as text (main reads it so), so that each cell is
 * judged here exactly as written: numbers and dates are read as the loader reads them (thousands separators,
 * the file's decimal comma, its date order), numbers are read as labels where the training column was text, and
 * a cell that cannot be read is a rejected row naming the cell, never a guess or a silent gap. Extra columns
 * are ignored.
 */
import { UserFacingError } from '../errors.ts';
import { decideDateOrder, parseDateText } from '../table/date-text.ts';
import { isInfinityText } from '../table/missing.ts';
import { parseCellNumber, parseNumberText } from '../table/number-text.ts';
import { MISSING_CODE, type Column, type Table } from '../table/table.ts';
import { categoryColumn, numberColumn, numberLabel, quoteList } from './table-ops.ts';
import type { InputColumn, Rejection } from './types.ts';

/** How the file to predict writes its values (the loader found out): decimals with a comma, day-first dates. */
export interface ReadOptions {
  readonly decimalComma?: boolean;
  readonly dayFirst?: boolean;
}

/** Texts that are a gap rather than a value, whatever the loader was told: `NaN` as the loader reads it. */
function isGap(text: string): boolean {
  return text === '' || text.toLowerCase() === 'nan';
}

function unreadable(spec: InputColumn, label: string, row: number): Rejection {
  const what = spec.type === 'datetime' ? 'a date' : 'a number';
  const reason = isInfinityText(label)
    ? `"${spec.name}" is "${label}", an infinite value the model cannot use. Enter a finite number.`
    : `"${spec.name}" is "${label}", which is not ${what}. Enter ${what}${spec.type === 'datetime' ? '' : ' (such as 42 or 3.5)'}.`;
  return { row, column: spec.name, reason };
}

function asNumbers(column: Column, spec: InputColumn, read: ReadOptions, rejected: Map<number, Rejection>): Column {
  if (column.storage === 'number') return numberColumn(spec.name, column.values, spec.type, column.reason);
  const texts = column.levels.map((l) => l.trim());
  const comma = read.decimalComma ?? false;
  const byCode =
    spec.type === 'datetime'
      ? (() => {
          const order = decideDateOrder(texts, read.dayFirst ?? comma).order;
          return texts.map((t) => (isGap(t) ? NaN : parseDateText(t, order)));
        })()
      : texts.map((t) => (isGap(t) ? NaN : parseCellNumber(t, comma)));
  const values = new Float64Array(column.codes.length);
  column.codes.forEach((code, row) => {
    values[row] = code === MISSING_CODE ? NaN : byCode[code]!;
    if (code !== MISSING_CODE && Number.isNaN(values[row]) && !isGap(texts[code]!) && !rejected.has(row)) rejected.set(row, unreadable(spec, column.levels[code]!, row));
  });
  return numberColumn(spec.name, values, spec.type, column.reason);
}

/**
 * A label as the training rows wrote it: a number-looking cell that is not a training category but whose
 * shortest form is (`1.0` where training saw `1`, a code column read from text) is that category.
 */
function canonicalLabel(label: string, categories: ReadonlySet<string> | null): string {
  if (!categories || categories.has(label)) return label;
  const value = parseNumberText(label, false);
  return value === value && categories.has(numberLabel(value)) ? numberLabel(value) : label;
}

function asLabels(column: Column, spec: InputColumn): Column {
  const categories = spec.categories ? new Set(spec.categories) : null;
  const levels: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Int32Array(column.storage === 'number' ? column.values.length : column.codes.length);
  const labelCode = (label: string): number => {
    let code = codeOf.get(label);
    if (code === undefined) {
      code = levels.push(label) - 1;
      codeOf.set(label, code);
    }
    return code;
  };
  if (column.storage === 'number') {
    column.values.forEach((v, row) => (codes[row] = Number.isNaN(v) ? MISSING_CODE : labelCode(numberLabel(v))));
  } else {
    const byCode = column.levels.map((level) => labelCode(canonicalLabel(level.trim(), categories)));
    column.codes.forEach((code, row) => (codes[row] = code === MISSING_CODE ? MISSING_CODE : byCode[code]!));
  }
  return categoryColumn(spec.name, codes, levels, spec.type, column.reason);
}

const shortNumber = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6))));

/**
 * Rows with a number outside the range its column had in the training rows: predicted, but the model never saw
 * such a value, so the row says so (as the prediction form does). Dates are left alone: new rows are later.
 */
export function outOfRange(aligned: Table, schema: readonly InputColumn[]): Rejection[] {
  const notes: Rejection[] = [];
  schema.forEach((spec, i) => {
    const column = aligned.columns[i]!;
    if (column.storage !== 'number' || spec.type === 'datetime' || spec.min === undefined || spec.max === undefined) return;
    column.values.forEach((value, row) => {
      if (value < spec.min! || value > spec.max!) {
        notes.push({
          row,
          column: spec.name,
          reason: `"${spec.name}" is ${shortNumber(value)}, outside its training range (${shortNumber(spec.min!)} to ${shortNumber(spec.max!)}): the model never saw such a value. Treat this prediction with care.`,
        });
      }
    });
  });
  return notes;
}

export function alignToSchema(table: Table, schema: readonly InputColumn[], read: ReadOptions = {}): { table: Table; rejected: Map<number, Rejection> } {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const absent = schema.filter((spec) => !byName.has(spec.name)).map((spec) => spec.name);
  if (absent.length > 0) {
    throw new UserFacingError(
      'missing-column',
      `The rows to predict lack ${absent.length === 1 ? 'the column' : `${absent.length} columns`} the model needs: ${quoteList(absent, 8)}. Add ${absent.length === 1 ? 'it' : 'them'} with the same ${absent.length === 1 ? 'name' : 'names'} as in the training file.`,
    );
  }
  const rejected = new Map<number, Rejection>();
  const columns = schema.map((spec) => {
    const column = byName.get(spec.name)!;
    return spec.storage === 'number' ? asNumbers(column, spec, read, rejected) : asLabels(column, spec);
  });
  return { table: { rowCount: table.rowCount, columns }, rejected };
}
