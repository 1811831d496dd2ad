/**
 * Builds a Table from a header and rows of text fields as a reader streams them (CSV lines, sheet rows,
 * records from a form). Rows go straight into column builders; nothing keeps the rows themselves.
 * It checks the shape as it goes: empty and duplicate header names, blank rows, repeated headers, several
 * tables in one file, rows with the wrong number of fields, and the cell budget.
 */
import type { ColumnBuilder } from './column-builder.ts';
import type { CellDecoder } from './column-draft.ts';
import { HeaderBytes } from './header-bytes.ts';
import { columnBuilderFor, inferContextFor, inferDraft, storeRunInto, type ColumnSetup, type ColumnSink, type ReleaseBuffer } from './column-sink.ts';
import { RowShape, uniqueNames } from './row-shape.ts';
import type { InferredColumn } from './infer.ts';
import { errors, listedWarnings, MAX_LISTED_WARNINGS, warnings as messages } from './messages.ts';
import { parseNumberText } from './number-text.ts';
import { isBlank, missingMarkerList, trimCell } from './missing.ts';
import type { Column, ColumnType, Table } from './table.ts';

export interface TableBuilderOptions {
  /** The file (or form) name that messages mention. */
  readonly source: string;
  /** What a position is called in messages: `line` in a text file, `row` in a spreadsheet. */
  readonly positionLabel?: 'line' | 'row';
  /** Extra missing markers besides the defaults (`missing.ts`). */
  readonly missingMarkers?: readonly string[];
  readonly decimalComma?: boolean;
  readonly dayFirst?: boolean;
  /** Leave out rows whose field count differs from the header instead of failing. */
  readonly skipRaggedRows?: boolean;
  /** Columns in which a zero means "unknown". */
  readonly zeroMeansMissing?: readonly string[];
  /** The user's types, by column name, overriding inference. */
  readonly columnTypes?: Readonly<Record<string, ColumnType>>;
  /** Columns read as exact text when present (a file to predict: the model reads each cell itself). */
  readonly keepText?: readonly string[];
  /** A row-count guess, so columns allocate once. */
  readonly expectedRows?: number;
  /** Rows × columns beyond which loading stops with `too-large`. */
  readonly maxCells?: number;
  /** Turns a cell's bytes into text, for `addByteBatch` (the encoding is the reader's business). */
  readonly decode?: CellDecoder;
  /**
   * Lets columns be collected elsewhere (a worker thread): called once with the table's setup, it returns the
   * sink that takes the columns from `sink.first` on, or null to keep them all here. Needs `finishPausing`.
   */
  readonly columnSink?: (setup: ColumnSetup) => ColumnSink | null;
  /** Frees a column's draft array that inference left unused at once (a file reader passes one; see inferDraft). */
  readonly releaseBuffer?: ReleaseBuffer;
}

/** Records of a chunk as byte ranges, from the byte lane of the text reader. Field f is `bytes[starts[f], ends[f])`. */
export interface RecordBatch {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Record r's fields are `firstField[r]` to `firstField[r] + fieldCounts[r] - 1`. */
  readonly firstField: Int32Array;
  readonly fieldCounts: Int32Array;
  /** The line each record is on. */
  readonly lines: Int32Array;
  /** How many records the batch holds (the arrays may be longer). */
  readonly size: number;
}

export interface BuiltTable {
  readonly table: Table;
  readonly warnings: readonly string[];
}

export class TableBuilder {
  readonly names: readonly string[];
  rowCount = 0;
  private readonly options: TableBuilderOptions;
  private readonly width: number;
  private readonly header: readonly string[];
  private readonly headerBytes: HeaderBytes;
  private columns: ColumnBuilder[];
  /** Column warnings beyond MAX_LISTED_WARNINGS: counted, not kept. */
  private unlisted = 0;
  private lines: Int32Array;
  private readonly notes: string[] = [];
  private readonly shape: RowShape;
  private readonly setup: ColumnSetup;
  private readonly sink: ColumnSink | null;

  constructor(header: readonly string[], headerLine: number, options: TableBuilderOptions) {
    this.options = options;
    this.header = header.map((h) => h.trim());
    this.headerBytes = new HeaderBytes(this.header, options.decode);
    this.width = header.length;
    this.names = uniqueNames(this.header, this.notes);
    const numericNames = this.header.filter((h) => !Number.isNaN(parseNumberText(h, options.decimalComma ?? false)));
    if (numericNames.length > 0 && numericNames.length * 2 >= this.header.length) this.notes.unshift(messages.headerLooksLikeData(this.header));
    this.shape = new RowShape(this.header, headerLine, (line) => this.position(line));
    for (const [what, names] of [
      ['"Zero means missing"', options.zeroMeansMissing ?? []],
      ['A type choice', Object.keys(options.columnTypes ?? {})],
    ] as const) {
      const unknown = names.find((name) => !this.names.includes(name));
      if (unknown !== undefined) throw errors.unknownColumn(what, unknown, this.names);
    }
    this.setup = {
      names: this.names,
      markers: missingMarkerList(options.missingMarkers),
      decimalComma: options.decimalComma ?? false,
      dayFirst: options.dayFirst,
      capacity: options.expectedRows,
      columnTypes: options.columnTypes,
      ...(options.keepText ? { keepText: options.keepText } : {}),
      zeroMeansMissing: options.zeroMeansMissing,
      positionLabel: options.positionLabel ?? 'line',
    };
    this.sink = options.columnSink?.(this.setup) ?? null;
    this.columns = this.names.slice(0, this.sink?.first ?? this.width).map((name) => columnBuilderFor(name, this.setup, options.decode));
    this.lines = new Int32Array(Math.max(16, options.expectedRows ?? 1024));
  }

  /** One record as read, with the line (or sheet row) it starts on. */
  addRow(fields: readonly string[], line: number): void {
    if (!this.isPlainRow(fields) && !this.shape.isData(fields, line)) return;
    // After a ragged row the load will fail unless such rows are skipped: no use storing more.
    if (this.shape.raggedCount > 0 && !this.options.skipRaggedRows) return;
    this.store(fields, line);
  }

  /**
   * Records given as byte ranges (see RecordBatch), from record `from` on: the same as `addRow` on the decoded
   * fields, but runs of ordinary rows go to the columns a column at a time and never become strings.
   */
  addByteBatch(batch: RecordBatch, from = 0): void {
    let r = from;
    while (r < batch.size) {
      let end = r;
      while (end < batch.size && this.isPlainRecord(batch, end)) end++;
      if (end > r) {
        this.storeRun(batch, r, end);
        r = end;
        continue;
      }
      const decode = this.options.decode!;
      const fields: string[] = [];
      for (let f = batch.firstField[r]!, last = f + batch.fieldCounts[r]!; f < last; f++) fields.push(decode(batch.bytes, batch.starts[f]!, batch.ends[f]!));
      this.addRow(fields, batch.lines[r]!);
      r++;
    }
  }

  finish(): BuiltTable {
    if (this.sink) throw new Error('a table builder with a column sink finishes with finishPausing');
    const warnings = this.finishChecks();
    const builders = this.release();
    const columns = this.names.map((_, j) => this.inferAt(j, builders, warnings));
    return { table: { rowCount: this.rowCount, columns }, warnings: listedWarnings(warnings, this.unlisted) };
  }

  /**
   * `finish`, calling `pause` after each column so a large table (a second or more of inference) does not hold
   * the event loop: the reader passes a `setImmediate` promise.
   */
  async finishPausing(pause: () => Promise<void>): Promise<BuiltTable> {
    const warnings = this.finishChecks();
    // The sink's columns are inferred there while these are inferred here.
    const elsewhere = this.sink?.finish(this.lines.subarray(0, this.rowCount));
    elsewhere?.catch(() => undefined); // awaited below; not unhandled if a column here fails first
    const columns: Column[] = [];
    const builders = this.release();
    // A pause costs a turn of the event loop: after enough work, not after each of 200,000 tiny columns.
    let since = Date.now();
    for (let j = 0; j < builders.length; j++) {
      columns.push(this.inferAt(j, builders, warnings));
      if (Date.now() - since < PAUSE_AFTER_MS) continue;
      await pause();
      since = Date.now();
    }
    for (const inferred of (await elsewhere) ?? ([] as InferredColumn[])) {
      columns.push(inferred.column);
      this.keep(warnings, inferred.warnings);
    }
    return { table: { rowCount: this.rowCount, columns }, warnings: listedWarnings(warnings, this.unlisted) };
  }

  /** Right width, nothing pending, first cell neither blank nor the header's: the row cannot be special. */
  private isPlainRow(fields: readonly string[]): boolean {
    const first = fields[0];
    if (fields.length !== this.width || this.shape.afterBlank || this.shape.raggedCount !== 0 || first === undefined) return false;
    return this.header[0] !== '' && trimCell(first) !== this.header[0] && !isBlank(first);
  }

  private store(fields: readonly string[], line: number): void {
    const row = this.reserveRow(line);
    const columns = this.columns;
    for (let j = 0; j < columns.length; j++) columns[j]!.add(fields[j] ?? '');
    this.sink?.storeRow(fields.slice(columns.length));
    this.rowCount = row + 1;
  }

  /** Right width, nothing pending, and neither blank nor a repeated header (see HeaderBytes): the row cannot be special. */
  private isPlainRecord(batch: RecordBatch, r: number): boolean {
    if (batch.fieldCounts[r] !== this.width || this.shape.afterBlank || this.shape.raggedCount !== 0) return false;
    return this.headerBytes.isPlainRecord(batch.bytes, batch.starts, batch.ends, batch.firstField[r]!);
  }

  private storeRun(batch: RecordBatch, from: number, to: number): void {
    const n = to - from;
    const row = this.rowCount;
    if (this.options.maxCells !== undefined && (row + n) * this.width > this.options.maxCells) {
      throw errors.tooManyCells(this.options.source, this.options.maxCells);
    }
    while (row + n > this.lines.length) this.lines = grow(this.lines);
    this.lines.set(batch.lines.subarray(from, to), row);
    // Plain records lie one after another, `width` fields each.
    const first = batch.firstField[from]!;
    const run = { bytes: batch.bytes, starts: batch.starts.subarray(first, first + n * this.width), ends: batch.ends.subarray(first, first + n * this.width), size: n };
    storeRunInto(this.columns, 0, this.width, run);
    this.sink?.storeRun(run);
    this.rowCount = row + n;
  }

  private reserveRow(line: number): number {
    const row = this.rowCount;
    if (this.options.maxCells !== undefined && (row + 1) * this.width > this.options.maxCells) {
      throw errors.tooManyCells(this.options.source, this.options.maxCells);
    }
    if (row === this.lines.length) this.lines = grow(this.lines);
    this.lines[row] = line;
    return row;
  }

  /** Throws for what makes the file no table; returns the warnings about its shape. */
  private finishChecks(): string[] {
    this.shape.check(this.options.source, this.options.skipRaggedRows ?? false);
    if (this.rowCount === 0) throw errors.headerOnly(this.options.source);
    return [...this.notes, ...this.shape.warnings()];
  }

  /** The column builders, handed over for inference: each is let go once its column is made (see `inferAt`). */
  private release(): (ColumnBuilder | null)[] {
    const builders: (ColumnBuilder | null)[] = this.columns;
    this.columns = [];
    return builders;
  }

  /** Column j, inferred; its builder is dropped at once, so a wide table never holds all builders and all columns. */
  private inferAt(j: number, builders: (ColumnBuilder | null)[], warnings: string[]): Column {
    const name = this.names[j]!;
    const draft = builders[j]!.finish();
    builders[j] = null;
    const inferred = inferDraft(name, draft, inferContextFor(name, this.setup, this.lines), this.options.releaseBuffer);
    this.keep(warnings, inferred.warnings);
    return inferred.column;
  }

  /** Column warnings past what the report lists are only counted (see `listedWarnings`). */
  private keep(warnings: string[], more: readonly string[]): void {
    for (const warning of more) {
      if (warnings.length < MAX_LISTED_WARNINGS) warnings.push(warning);
      else this.unlisted++;
    }
  }

  private position(line: number): string {
    return `${this.options.positionLabel ?? 'line'} ${line}`;
  }
}

/** Inference of a wide table yields the event loop this often (a progress event, a cancel). */
const PAUSE_AFTER_MS = 8;

function grow(array: Int32Array): Int32Array {
  const next = new Int32Array(Math.ceil(array.length * 1.5));
  next.set(array);
  return next;
}
