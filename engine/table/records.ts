/**
 * Tables from values already in memory: rows typed into a form, one record to predict, fixtures in tests.
 * They go through the same builder and inference as a loaded file, so a value reads the same either way.
 */
import { ownValue } from '../own.ts';
import { formatDate } from './date-text.ts';
import { TableBuilder, type BuiltTable, type TableBuilderOptions } from './table-builder.ts';

export type RecordValue = string | number | boolean | Date | null | undefined;

export type RecordsOptions = Partial<
  Pick<TableBuilderOptions, 'source' | 'missingMarkers' | 'columnTypes' | 'zeroMeansMissing' | 'decimalComma' | 'dayFirst'>
> & {
  /** Column order; by default the keys in order of first appearance. */
  readonly columns?: readonly string[];
};

/** The text a value would have in a file: numbers in shortest form, dates in ISO, booleans as TRUE/FALSE. */
export function recordText(value: RecordValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return Number.isNaN(value.getTime()) ? '' : formatDate(value.getTime());
}

export function tableFromRows(header: readonly string[], rows: readonly (readonly RecordValue[])[], options: RecordsOptions = {}): BuiltTable {
  const builder = new TableBuilder(header, 1, { ...options, source: options.source ?? 'the data', positionLabel: 'row', expectedRows: rows.length });
  rows.forEach((row, i) => builder.addRow(row.map(recordText), i + 2));
  return builder.finish();
}

export function tableFromRecords(records: readonly Readonly<Record<string, RecordValue>>[], options: RecordsOptions = {}): BuiltTable {
  const columns = options.columns ?? [...new Set(records.flatMap((record) => Object.keys(record)))];
  return tableFromRows(
    columns,
    records.map((record) => columns.map((name) => ownValue(record, name))),
    options,
  );
}
