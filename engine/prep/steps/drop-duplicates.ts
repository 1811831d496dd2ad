/**
 * Drop rows that repeat an earlier row (pandas' `drop_duplicates(keep='first')`; two empty cells count as
 * equal). Runs before the split so a row and its copy cannot land in training and test at once. New rows at
 * prediction time are never dropped: asking twice for the same prediction is legitimate.
 */
import type { Column, Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { plural, quoteList, requireColumn, rowsWhere, takeRows } from '../table-ops.ts';
import type { StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { DropDuplicatesParams } from './params.ts';

export interface DropDuplicatesState {
  /** Absent: the whole row is compared. */
  readonly columns?: readonly string[];
}

function cellKey(column: Column, row: number): string {
  return column.storage === 'number' ? String(column.values[row]) : String(column.codes[row]);
}

export const dropDuplicates: StepDefinition<DropDuplicatesParams, DropDuplicatesState> = {
  kind: 'drop-duplicates',
  beforeSplit: true,
  describeCells: (n) => `changed ${plural(n, 'cell')}`,
  learns: () => false,
  inputs: (params) => params.columns ?? [],

  fit(table: Table, _trainRows: Int32Array, params: DropDuplicatesParams): DropDuplicatesState {
    if (!params.columns) return {};
    for (const name of params.columns) requireColumn(table, name, 'Dropping duplicate rows');
    return { columns: [...params.columns] };
  },

  transform(table: Table, state: DropDuplicatesState, mode: TransformMode): StepOutput {
    if (mode === 'predict') return { table, cellsChanged: 0 };
    const compared = state.columns ? state.columns.map((name) => requireColumn(table, name, 'Dropping duplicate rows')) : table.columns;
    const seen = new Set<string>();
    const keep = new Uint8Array(table.rowCount);
    for (let row = 0; row < table.rowCount; row++) {
      const key = compared.map((c) => cellKey(c, row)).join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      keep[row] = 1;
    }
    if (seen.size === table.rowCount) return { table, cellsChanged: 0 };
    const keptRows = rowsWhere(keep);
    return { table: takeRows(table, keptRows), keptRows, cellsChanged: 0 };
  },

  describe: (params) =>
    params.columns ? `Drop rows that repeat an earlier row in ${quoteList(params.columns)}` : 'Drop rows that repeat an earlier row exactly',

  parseParams(json: unknown, at: string): DropDuplicatesParams {
    const r = JsonReader.object(json, at, 'recipe');
    const columns = r.optionalStrings('columns');
    return columns ? { columns } : {};
  },

  parseState(json: unknown, at: string): DropDuplicatesState {
    const r = JsonReader.object(json, at, 'fitted recipe');
    const columns = r.optionalStrings('columns');
    return columns ? { columns } : {};
  },
};
