/**
 * Log transform for skewed number columns: x' = sign(x) · ln(1 + |x|). For the usual non-negative skewed
 * columns (counts, amounts, durations) this is exactly log1p, and it is also defined for 0 and for negative
 * values (mirrored), so no cell ever becomes NaN and no row is lost to a log of a non-positive number.
 * Learns nothing; empty cells stay empty.
 */
import type { Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { numberColumn, plural, quoteList, replaceColumn, requireNumberColumn } from '../table-ops.ts';
import type { StepDefinition, StepOutput } from '../types.ts';
import type { LogTransformParams } from './params.ts';

export interface LogTransformState {
  readonly columns: readonly string[];
}

const PURPOSE = 'A log transform';
const INSTEAD = 'Remove it from the log transform step.';

export function signedLog1p(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

function parse(json: unknown, at: string, document: 'recipe' | 'fitted recipe'): LogTransformParams {
  return { columns: JsonReader.object(json, at, document).strings('columns') };
}

export const logTransform: StepDefinition<LogTransformParams, LogTransformState> = {
  kind: 'log-transform',
  beforeSplit: false,
  learns: () => false,
  inputs: (params) => params.columns,

  fit(table: Table, _trainRows: Int32Array, params: LogTransformParams): LogTransformState {
    for (const column of params.columns) requireNumberColumn(table, column, PURPOSE, INSTEAD);
    return { columns: [...params.columns] };
  },

  transform(table: Table, state: LogTransformState): StepOutput {
    let out = table;
    for (const column of state.columns) {
      const source = requireNumberColumn(out, column, PURPOSE, INSTEAD);
      const values = source.values.map(signedLog1p);
      out = replaceColumn(out, column, [numberColumn(column, values, 'numeric', `${source.reason}; log-transformed`)]);
    }
    return { table: out, cellsChanged: 0, note: `log-transformed ${plural(state.columns.length, 'column')}` };
  },

  describe: (params) => `Log-transform ${quoteList(params.columns)} (ln(1 + x), mirrored for negative values)`,
  parseParams: (json, at) => parse(json, at, 'recipe'),
  parseState: (json, at) => parse(json, at, 'fitted recipe'),
};
