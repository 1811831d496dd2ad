/**
 * Tables, matrices and held-out predictions in SharedArrayBuffers: posted to another thread, a typed array over
 * shared memory is shared, not copied, so main and every engine worker read the same columns and the same
 * matrices (a million rows × 50 columns is 250–400 MB: it must exist once). Only small things are copied on
 * the way: names, reasons and a category column's levels.
 *
 * Nothing writes to a column, a matrix or a held-out prediction once made (the engine makes new arrays), so
 * sharing them needs no locks.
 */
import type { SplitEvaluation } from '../../../engine/pipeline/train-job.ts';
import type { DataSplit, Prepared } from '../../../engine/prep/types.ts';
import type { Column, Table } from '../../../engine/table/table.ts';

type SharableArray = Float64Array | Float32Array | Int32Array | Uint8Array;

export function isShared(array: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && array.buffer instanceof SharedArrayBuffer;
}

/** The same values in shared memory (the array itself when it is shared already). */
export function sharedCopy<A extends SharableArray>(array: A): A {
  if (isShared(array)) return array;
  const Kind = array.constructor as new (buffer: SharedArrayBuffer) => A;
  const copy = new Kind(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

export function shareColumn(column: Column): Column {
  return column.storage === 'number' ? { ...column, values: sharedCopy(column.values) } : { ...column, codes: sharedCopy(column.codes) };
}

/** The table with every column in shared memory. */
export function shareTable(table: Table): Table {
  return { rowCount: table.rowCount, columns: table.columns.map(shareColumn) };
}

/**
 * A table just loaded, which nothing else holds, moved into shared memory column by column: each column's
 * array is replaced in place and its original freed at once (`release`, main/io/release-buffer.ts), so a load
 * peaks near the table's size plus a column, not twice the table. Left to garbage collection, the originals
 * of a million rows all outlived the loop: 3.5× the file instead of under 2× (bench:memory's table).
 */
export function shareLoadedTable(table: Table, release?: (buffer: ArrayBuffer) => void): Table {
  const columns = table.columns as Column[];
  for (let i = 0; i < columns.length; i++) {
    const original = columns[i]!;
    columns[i] = shareColumn(original);
    const before = arrayOf(original).buffer;
    if (release && before !== arrayOf(columns[i]!).buffer) release(before as ArrayBuffer);
  }
  return table;
}

const arrayOf = (column: Column): Float64Array | Int32Array => (column.storage === 'number' ? column.values : column.codes);

function shareSplit(split: DataSplit): DataSplit {
  return { ...split, x: sharedCopy(split.x), y: sharedCopy(split.y), rowIndex: sharedCopy(split.rowIndex) };
}

/** The matrices in shared memory: a run's worker and the engine worker that keeps them read the same bytes. */
export function sharePrepared(prepared: Prepared): Prepared {
  return { ...prepared, train: shareSplit(prepared.train), validation: shareSplit(prepared.validation), test: shareSplit(prepared.test) };
}

export function shareEvaluation(evaluation: SplitEvaluation | null): SplitEvaluation | null {
  if (!evaluation) return null;
  return { ...evaluation, rowIndex: sharedCopy(evaluation.rowIndex), actual: sharedCopy(evaluation.actual), predicted: sharedCopy(evaluation.predicted) };
}
