/**
 * Log transform for skewed number columns: x' = sign(x) · ln(1 + |x|). For the usual non-negative skewed
 * columns (counts, amounts, durations) this is exactly log1p, and it is also defined for 0 and for negative
 * values (mirrored), so no cell ever becomes NaN and no row is lost to a log of a non-positive number.
 * Learns nothing; empty cells stay empty. Preparing, the note says how the skewness of the first columns changed.
 */
import type { Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { numberColumn, plural, quoteList, replaceColumn, requireNumberColumn } from '../table-ops.ts';
import { skewness } from '../stats.ts';
import type { StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { LogTransformParams } from './params.ts';

export interface LogTransformState {
  readonly columns: readonly string[];
}

const PURPOSE = 'A log transform';
const INSTEAD = 'Remove it from the log transform step.';
/** Columns whose skewness the note spells out. */
const SHOWN = 3;

/** Two decimals, and never "-0.00". */
function skewText(value: number): string {
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

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

  transform(table: Table, state: LogTransformState, mode: TransformMode): StepOutput {
    let out = table;
    const changes: string[] = [];
    for (const column of state.columns) {
      const source = requireNumberColumn(out, column, PURPOSE, INSTEAD);
      const values = source.values.map(signedLog1p);
      if (mode === 'prepare' && changes.length < SHOWN) changes.push(`"${column}" ${skewText(skewness(source.values))} → ${skewText(skewness(values))}`);
      out = replaceColumn(out, column, [numberColumn(column, values, 'numeric', `${source.reason}; log-transformed`)]);
    }
    const more = state.columns.length > SHOWN ? ` and ${state.columns.length - SHOWN} more` : '';
    const skew = changes.length > 0 ? ` (skewness ${changes.join(', ')}${more})` : '';
    return { table: out, cellsChanged: 0, note: `log-transformed ${plural(state.columns.length, 'column')}${skew}` };
  },

  describe: (params) => `Log-transform ${quoteList(params.columns)} (ln(1 + x), mirrored for negative values)`,
  parseParams: (json, at) => parse(json, at, 'recipe'),
  parseState: (json, at) => parse(json, at, 'fitted recipe'),
};
