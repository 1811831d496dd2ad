/**
 * Dates → numbers a network can use: year, month (1–12), day of the month (1–31) and day of week (0 = Monday …
 * 6 = Sunday, as pandas' `dayofweek`), read in UTC as the table stores dates. The date column is replaced by its
 * parts, named `Date (year)`, `Date (month)`, `Date (day of month)`, `Date (day of week)`. Without a choice of
 * parts a step takes year, month and day of week (recipes saved before the day of the month existed mean that).
 * Learns nothing; an empty date gives empty parts.
 */
import { UserFacingError } from '../../errors.ts';
import type { Column, Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { numberColumn, replaceColumn, requireColumn } from '../table-ops.ts';
import type { StepDefinition, StepOutput } from '../types.ts';
import type { DatePart, DatePartsParams } from './params.ts';

export interface DatePartsState {
  readonly column: string;
  readonly parts: readonly DatePart[];
}

/** Every part, in the order a step lists them. */
export const DATE_PARTS: readonly DatePart[] = ['year', 'month', 'day', 'day-of-week'];
/** The parts of a step that names none. */
export const DEFAULT_DATE_PARTS: readonly DatePart[] = ['year', 'month', 'day-of-week'];
export const DATE_PART_LABEL: Readonly<Record<DatePart, string>> = { year: 'year', month: 'month', day: 'day of month', 'day-of-week': 'day of week' };

const PART_VALUE: Record<DatePart, (date: Date) => number> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  'day-of-week': (d) => (d.getUTCDay() + 6) % 7,
};

/** One part of a date stored as epoch milliseconds; NaN for an empty date. */
export function datePartValue(part: DatePart, ms: number): number {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? NaN : PART_VALUE[part](date);
}

export function datePartName(column: string, part: DatePart): string {
  return `${column} (${DATE_PART_LABEL[part]})`;
}

function requireDateColumn(table: Table, name: string): Column & { storage: 'number' } {
  const column = requireColumn(table, name, 'Splitting a date into parts');
  if (column.storage !== 'number' || column.type !== 'datetime') {
    throw new UserFacingError('not-a-date', `Column "${name}" is not a date column (its type is ${column.type}). Set its type to date first, or remove the date-parts step.`);
  }
  return column;
}

function parse(json: unknown, at: string, document: 'recipe' | 'fitted recipe'): DatePartsParams {
  const r = JsonReader.object(json, at, document);
  const parts = r.has('parts') || document === 'fitted recipe' ? r.strings('parts') : undefined;
  const unknown = parts?.find((p) => !(DATE_PARTS as readonly string[]).includes(p));
  if (unknown !== undefined || (parts && new Set(parts).size !== parts.length)) r.fail('parts', `a list of distinct parts among ${DATE_PARTS.join(', ')}`);
  return { column: r.string('column'), ...(parts ? { parts: parts as DatePart[] } : {}) };
}

export const dateParts: StepDefinition<DatePartsParams, DatePartsState> = {
  kind: 'date-parts',
  beforeSplit: false,
  learns: () => false,
  inputs: (params) => [params.column],

  fit(table: Table, _trainRows: Int32Array, params: DatePartsParams): DatePartsState {
    requireDateColumn(table, params.column);
    return { column: params.column, parts: [...(params.parts ?? DEFAULT_DATE_PARTS)] };
  },

  transform(table: Table, state: DatePartsState): StepOutput {
    const source = requireDateColumn(table, state.column);
    const outputs = state.parts.map((part) => ({ part, values: new Float64Array(table.rowCount) }));
    const date = new Date(0);
    for (let row = 0; row < table.rowCount; row++) {
      const ms = source.values[row]!;
      date.setTime(ms);
      for (const { part, values } of outputs) values[row] = Number.isNaN(date.getTime()) ? NaN : PART_VALUE[part](date);
    }
    const columns = outputs.map(({ part, values }) => numberColumn(datePartName(state.column, part), values, 'integer', `${DATE_PART_LABEL[part]} of "${state.column}"`));
    return { table: replaceColumn(table, state.column, columns), cellsChanged: 0 };
  },

  describe: (params) => `Split the date "${params.column}" into ${(params.parts ?? DEFAULT_DATE_PARTS).map((p) => DATE_PART_LABEL[p]).join(', ')}`,
  parseParams: (json, at) => parse(json, at, 'recipe'),
  parseState: (json, at) => parse(json, at, 'fitted recipe') as DatePartsState, // parse requires `parts` in a fitted recipe
};
