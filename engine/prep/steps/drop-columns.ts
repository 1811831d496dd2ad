/** Drop columns: IDs, free text, leaks. Learns nothing; columns already absent at prediction are fine. */
import type { Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { quoteList, removeColumns, requireColumn } from '../table-ops.ts';
import type { StepDefinition } from '../types.ts';
import type { DropColumnsParams } from './params.ts';

export interface DropColumnsState {
  readonly columns: readonly string[];
}

export const dropColumns: StepDefinition<DropColumnsParams, DropColumnsState> = {
  kind: 'drop-columns',
  beforeSplit: false,
  learns: () => false,
  inputs: (params) => params.columns,

  fit(table: Table, _trainRows: Int32Array, params: DropColumnsParams): DropColumnsState {
    for (const name of params.columns) requireColumn(table, name, 'Dropping columns');
    return { columns: [...params.columns] };
  },

  transform(table: Table, state: DropColumnsState): { table: Table; cellsChanged: number } {
    return { table: removeColumns(table, new Set(state.columns)), cellsChanged: 0 };
  },

  describe: (params) => `Drop ${params.columns.length === 1 ? 'column' : 'columns'} ${quoteList(params.columns)}`,

  parseParams(json: unknown, at: string): DropColumnsParams {
    const r = JsonReader.object(json, at, 'recipe');
    return { columns: r.strings('columns') };
  },

  parseState(json: unknown, at: string): DropColumnsState {
    const r = JsonReader.object(json, at, 'fitted recipe');
    return { columns: r.strings('columns') };
  },
};
