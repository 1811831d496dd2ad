/**
 * Drop rows that repeat an earlier row (pandas' `drop_duplicates(keep='first')`; two empty cells count as
 * equal). Runs before the split so a row and its copy cannot land in training and test at once. New rows at
 * prediction time are never dropped: asking twice for the same prediction is legitimate.
 */
import type { Column, Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { quoteList, requireColumn, rowsWhere, takeRows } from '../table-ops.ts';
import type { StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { DropDuplicatesParams } from './params.ts';

export interface DropDuplicatesState {
  /** Absent: the whole row is compared. */
  readonly columns?: readonly string[];
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A 32-bit hash of the row's cells (all NaNs hash alike, as do 0 and -0). */
function rowHash(columns: readonly Column[], row: number): number {
  let h = 0x811c9dc5;
  for (const column of columns) {
    if (column.storage === 'category') {
      h = Math.imul(h ^ column.codes[row]!, 0x01000193);
      continue;
    }
    const v = column.values[row]!;
    bits[0] = Number.isNaN(v) ? NaN : v + 0;
    h = Math.imul(h ^ words[0]!, 0x01000193);
    h = Math.imul(h ^ words[1]!, 0x01000193);
  }
  return h;
}

function sameRow(columns: readonly Column[], a: number, b: number): boolean {
  return columns.every((c) => {
    if (c.storage === 'category') return c.codes[a] === c.codes[b];
    const x = c.values[a]!;
    const y = c.values[b]!;
    return x === y || (Number.isNaN(x) && Number.isNaN(y));
  });
}

export const dropDuplicates: StepDefinition<DropDuplicatesParams, DropDuplicatesState> = {
  kind: 'drop-duplicates',
  beforeSplit: true,
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
    const firstByHash = new Map<number, number[]>();
    const keep = new Uint8Array(table.rowCount);
    let kept = 0;
    for (let row = 0; row < table.rowCount; row++) {
      const hash = rowHash(compared, row);
      const earlier = firstByHash.get(hash);
      if (earlier?.some((e) => sameRow(compared, e, row))) continue;
      if (earlier) earlier.push(row);
      else firstByHash.set(hash, [row]);
      keep[row] = 1;
      kept++;
    }
    if (kept === table.rowCount) return { table, cellsChanged: 0 };
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
