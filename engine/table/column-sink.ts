/**
 * Columns collected somewhere else (another thread), in step with the table builder. A column's builder only
 * ever sees its own cells, in row order, so a column collected elsewhere is exactly the column the builder
 * would have made itself: the builder still decides which records are rows (blank lines, repeated headers,
 * ragged rows) and tells the sink what to store, in order.
 *
 * `ColumnSetup` is plain data, so it can cross to a worker; `ColumnCollector` is the side that does the work
 * (engine code, no threads in it: the worker around it lives in main/io).
 */
import { ColumnBuilder } from './column-builder.ts';
import type { CellDecoder } from './column-draft.ts';
import type { ColumnDraft } from './column-draft.ts';
import { inferColumn, type InferContext, type InferredColumn } from './infer.ts';
import type { Column, ColumnType } from './table.ts';
import { ownValue } from '../own.ts';

/** Everything that shapes a column's cells and inference, for every column of the table. */
export interface ColumnSetup {
  /** All column names (unique), in file order. */
  readonly names: readonly string[];
  /** Missing markers in force, trimmed (`missingMarkerList`). */
  readonly markers: readonly string[];
  readonly decimalComma: boolean;
  readonly dayFirst?: boolean;
  readonly capacity?: number;
  readonly columnTypes?: Readonly<Record<string, ColumnType>>;
  /** Columns read as exact text when present (see TableBuilderOptions). */
  readonly keepText?: readonly string[];
  readonly zeroMeansMissing?: readonly string[];
  readonly positionLabel: 'line' | 'row';
}

/** Plain records as byte ranges: record i's fields are `starts/ends[i * width + j]` (see RecordBatch). */
export interface PlainRun {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly size: number;
}

/** What the table builder tells a sink, in row order. */
export interface ColumnSink {
  /** Columns from this index on are the sink's; the builder keeps those before it. */
  readonly first: number;
  /** Plain records (every one `width` fields): `run` is only valid during the call. */
  storeRun(run: PlainRun): void;
  /** One row as texts, the sink's columns only (missing trailing fields are empty). */
  storeRow(fields: readonly string[]): void;
  /** The sink's columns, inferred; one entry of `lines` per row: where it was read, for messages. */
  finish(lines: Int32Array): Promise<readonly InferredColumn[]>;
}

const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['categorical', 'text', 'id']);
/** Records per slice when storing a run column by column: small enough that offsets and bytes stay in cache. */
export const RUN_SLICE = 256;

/** The type the user (or the reader) fixed for a column; an own key only, so a column named `constructor` has none. */
function fixedType(name: string, setup: ColumnSetup): ColumnType | undefined {
  return ownValue(setup.columnTypes, name) ?? (setup.keepText?.includes(name) ? 'text' : undefined);
}

export function columnBuilderFor(name: string, setup: ColumnSetup, decode: CellDecoder | undefined): ColumnBuilder {
  const type = fixedType(name, setup);
  return new ColumnBuilder({
    markers: setup.markers,
    decimalComma: setup.decimalComma,
    capacity: setup.capacity,
    mayBecomeNumbers: !(type && TEXT_TYPES.has(type)),
    decode,
  });
}

export function inferContextFor(name: string, setup: ColumnSetup, lines: Int32Array): InferContext {
  return {
    decimalComma: setup.decimalComma,
    dayFirst: setup.dayFirst,
    zeroMeansMissing: setup.zeroMeansMissing?.includes(name) ?? false,
    type: fixedType(name, setup),
    describeRow: (row) => `${setup.positionLabel} ${lines[row]!}`,
  };
}

/** Stores `run` into `columns`, which are the table's columns `first`, `first + 1`, ... of `width`. */
export function storeRunInto(columns: readonly ColumnBuilder[], first: number, width: number, run: PlainRun, offset = 0): void {
  for (let slice = 0; slice < run.size; slice += RUN_SLICE) {
    const size = Math.min(RUN_SLICE, run.size - slice);
    const base = offset + slice * width + first;
    for (let j = 0; j < columns.length; j++) columns[j]!.addByteRun(run.bytes, run.starts, run.ends, base + j, width, size);
  }
}

/** Frees a buffer nothing uses any more at once, instead of at the next garbage collection (main/io/release-buffer.ts). */
export type ReleaseBuffer = (buffer: ArrayBuffer) => void;

/**
 * Column `name` inferred from its builder's draft; the draft's array is released when the column does not keep
 * it. A column of numbers collected as a dictionary becomes a new Float64Array, and its codes (4 bytes a row)
 * are garbage at once: on a million rows, a few dozen such columns are more garbage than V8 lets build up
 * before it collects, and they would count in the load's peak memory.
 */
export function inferDraft(name: string, draft: ColumnDraft, ctx: InferContext, release: ReleaseBuffer | undefined): InferredColumn {
  const inferred = inferColumn(name, draft, ctx);
  const drafted = (draft.body.kind === 'levels' ? draft.body.codes : draft.body.values).buffer;
  const column: Column = inferred.column;
  const kept = (column.storage === 'number' ? column.values : column.codes).buffer;
  if (release && kept !== drafted && drafted.byteLength > 0) release(drafted as ArrayBuffer);
  return inferred;
}

/** The columns from `first` on, built from what a table builder sends. */
export class ColumnCollector {
  private readonly names: readonly string[];
  private columns: (ColumnBuilder | null)[];

  constructor(
    private readonly setup: ColumnSetup,
    private readonly first: number,
    decode: CellDecoder | undefined,
    private readonly release?: ReleaseBuffer,
  ) {
    this.names = setup.names.slice(first);
    this.columns = this.names.map((name) => columnBuilderFor(name, setup, decode));
  }

  storeRun(run: PlainRun): void {
    storeRunInto(this.columns as ColumnBuilder[], this.first, this.setup.names.length, run);
  }

  storeRow(fields: readonly string[]): void {
    for (let j = 0; j < this.columns.length; j++) this.columns[j]!.add(fields[j] ?? '');
  }

  /**
   * Each builder is let go as soon as its column is inferred, as the table builder does (`inferAt`): a column
   * of numbers collected as codes becomes a Float64Array here, and holding every builder until the last column
   * was made kept all those codes alive at once (4 bytes a cell per column, on top of the finished columns).
   */
  finish(lines: Int32Array): InferredColumn[] {
    const builders = this.columns;
    this.columns = [];
    return this.names.map((name, j) => {
      const draft = builders[j]!.finish();
      builders[j] = null;
      return inferDraft(name, draft, inferContextFor(name, this.setup, lines), this.release);
    });
  }
}
