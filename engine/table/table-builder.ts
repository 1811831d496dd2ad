/**
 * Builds a Table from a header and rows of text fields as a reader streams them (CSV lines, sheet rows,
 * records from a form). Rows go straight into column builders; nothing keeps the rows themselves.
 * It checks the shape as it goes: empty and duplicate header names, blank rows, repeated headers, several
 * tables in one file, rows with the wrong number of fields, and the cell budget.
 */
import { ColumnBuilder } from './column-builder.ts';
import { inferColumn } from './infer.ts';
import { errors, warnings as messages } from './messages.ts';
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
  /** A row-count guess, so columns allocate once. */
  readonly expectedRows?: number;
  /** Rows × columns beyond which loading stops with `too-large`. */
  readonly maxCells?: number;
  /** Turns a cell's bytes into text, for `addByteRow` (the encoding is the reader's business). */
  readonly decode?: (bytes: Uint8Array, start: number, end: number) => string;
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

const LISTED_POSITIONS = 1000;
const RUN_SLICE = 256;
const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['categorical', 'text', 'id']);

export class TableBuilder {
  readonly names: readonly string[];
  rowCount = 0;
  private readonly options: TableBuilderOptions;
  private readonly width: number;
  private readonly header: readonly string[];
  private readonly headerLine: number;
  private readonly firstNameAscii: boolean;
  private columns: ColumnBuilder[];
  private lines: Int32Array;
  private readonly notes: string[] = [];
  private readonly blankLines: number[] = [];
  private readonly pendingBlankLines: number[] = [];
  private readonly repeatedHeaderLines: number[] = [];
  private readonly blockStarts: number[] = [];
  private readonly raggedLines: string[] = [];
  private raggedCount = 0;
  private trailingEmpty = 0;
  private afterBlank = false;

  constructor(header: readonly string[], headerLine: number, options: TableBuilderOptions) {
    this.options = options;
    this.header = header.map((h) => h.trim());
    this.headerLine = headerLine;
    this.firstNameAscii = /^[\x20-\x7e]*$/.test(this.header[0] ?? '');
    this.width = header.length;
    this.names = uniqueNames(this.header, this.notes);
    for (const [what, names] of [
      ['"Zero means missing"', options.zeroMeansMissing ?? []],
      ['A type choice', Object.keys(options.columnTypes ?? {})],
    ] as const) {
      const unknown = names.find((name) => !this.names.includes(name));
      if (unknown !== undefined) throw errors.unknownColumn(what, unknown, this.names);
    }
    const markers = missingMarkerList(options.missingMarkers);
    const capacity = options.expectedRows;
    this.columns = this.names.map((name) => {
      const type = options.columnTypes?.[name];
      return new ColumnBuilder({
        markers,
        decimalComma: options.decimalComma ?? false,
        capacity,
        mayBecomeNumbers: !(type && TEXT_TYPES.has(type)),
        decode: options.decode,
      });
    });
    this.lines = new Int32Array(Math.max(16, capacity ?? 1024));
  }

  /** One record as read, with the line (or sheet row) it starts on. */
  addRow(fields: readonly string[], line: number): void {
    // Fast path for the ordinary row: right width, first cell present and not the header's.
    const first = fields[0];
    if (
      fields.length === this.width &&
      !this.afterBlank &&
      first !== undefined &&
      this.header[0] !== '' &&
      trimCell(first) !== this.header[0] &&
      !isBlank(first) &&
      this.raggedCount === 0
    ) {
      return this.store(fields, line);
    }
    if (fields.every(isBlank)) {
      // Reported only once data follows: blank lines at the end of a file are normal.
      if (this.pendingBlankLines.length < LISTED_POSITIONS) this.pendingBlankLines.push(line);
      this.afterBlank = true;
      return;
    }
    if (this.repeatsHeader(fields)) return this.skipHeaderLike(line);
    this.afterBlank = false;
    this.blankLines.push(...this.pendingBlankLines.splice(0, LISTED_POSITIONS - this.blankLines.length));
    this.pendingBlankLines.length = 0;
    if (fields.length !== this.width && !this.acceptsWidth(fields)) {
      this.raggedCount++;
      if (this.raggedLines.length < LISTED_POSITIONS) this.raggedLines.push(`${this.position(line)} has ${fields.length}`);
      return;
    }
    if (this.raggedCount > 0 && !this.options.skipRaggedRows) return;
    this.store(fields, line);
  }

  private store(fields: readonly string[], line: number): void {
    const row = this.reserveRow(line);
    const columns = this.columns;
    for (let j = 0; j < columns.length; j++) columns[j]!.add(fields[j] ?? '');
    this.rowCount = row + 1;
  }

  /** Right width, nothing pending, first cell neither blank nor the header's: the row cannot be special. */
  private isPlainRecord(batch: RecordBatch, r: number): boolean {
    if (batch.fieldCounts[r] !== this.width || this.afterBlank || this.raggedCount !== 0) return false;
    const f = batch.firstField[r]!;
    return this.isPlainFirstCell(batch.bytes, batch.starts[f]!, batch.ends[f]!);
  }

  private storeRun(batch: RecordBatch, from: number, to: number): void {
    const n = to - from;
    const row = this.rowCount;
    if (this.options.maxCells !== undefined && (row + n) * this.width > this.options.maxCells) {
      throw errors.tooManyCells(this.options.source, this.options.maxCells);
    }
    while (row + n > this.lines.length) this.lines = grow(this.lines);
    this.lines.set(batch.lines.subarray(from, to), row);
    const columns = this.columns;
    // Column by column over a slice small enough that its offsets and bytes stay in the CPU cache.
    for (let slice = from; slice < to; slice += RUN_SLICE) {
      const size = Math.min(RUN_SLICE, to - slice);
      const offset = batch.firstField[slice]!;
      for (let j = 0; j < columns.length; j++) columns[j]!.addByteRun(batch.bytes, batch.starts, batch.ends, offset + j, this.width, size);
    }
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

  /** Not blank and not the header's first name: the row cannot be blank, a repeated header or a new table. */
  private isPlainFirstCell(bytes: Uint8Array, start: number, end: number): boolean {
    while (start < end && bytes[start]! <= 32) start++;
    while (end > start && bytes[end - 1]! <= 32) end--;
    if (start === end) return false;
    const first = this.header[0]!;
    if (first === '') return false;
    if (!this.firstNameAscii) {
      const length = end - start;
      return length < first.length || length > first.length * 3 || this.options.decode!(bytes, start, end) !== first;
    }
    if (end - start !== first.length) return true;
    for (let k = 0; k < first.length; k++) if (bytes[start + k] !== first.charCodeAt(k)) return true;
    return false;
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
    const warnings = this.finishChecks();
    const columns = this.names.map((_, j) => this.inferAt(j, warnings));
    this.columns = [];
    return { table: { rowCount: this.rowCount, columns }, warnings };
  }

  /**
   * `finish`, calling `pause` after each column so a large table (a second or more of inference) does not hold
   * the event loop: the reader passes a `setImmediate` promise.
   */
  async finishPausing(pause: () => Promise<void>): Promise<BuiltTable> {
    const warnings = this.finishChecks();
    const columns: Column[] = [];
    for (let j = 0; j < this.names.length; j++) {
      columns.push(this.inferAt(j, warnings));
      await pause();
    }
    this.columns = [];
    return { table: { rowCount: this.rowCount, columns }, warnings };
  }

  /** Throws for what makes the file no table; returns the warnings about its shape. */
  private finishChecks(): string[] {
    const { source } = this.options;
    if (this.blockStarts.length > 0) {
      throw errors.multipleTables(source, [this.headerLine, ...this.blockStarts].map((line) => this.position(line)));
    }
    if (this.raggedCount > 0 && !this.options.skipRaggedRows) {
      throw errors.ragged(source, this.width, this.raggedCount, this.raggedLines);
    }
    if (this.rowCount === 0) throw errors.headerOnly(source);
    return [...this.notes, ...this.shapeWarnings()];
  }

  private inferAt(j: number, warnings: string[]): Column {
    const name = this.names[j]!;
    const draft = this.columns[j]!.finish();
    const inferred = inferColumn(name, draft, {
      decimalComma: this.options.decimalComma ?? false,
      dayFirst: this.options.dayFirst,
      zeroMeansMissing: this.options.zeroMeansMissing?.includes(name) ?? false,
      type: this.options.columnTypes?.[name],
      describeRow: (row) => this.position(this.lines[row]!),
    });
    warnings.push(...inferred.warnings);
    return inferred.column;
  }

  private position(line: number): string {
    return `${this.options.positionLabel ?? 'line'} ${line}`;
  }

  /** Extra trailing fields are fine when empty (`a,b,c,` from some exporters). */
  private acceptsWidth(fields: readonly string[]): boolean {
    if (fields.length < this.width) return false;
    for (let j = this.width; j < fields.length; j++) if (!isBlank(fields[j]!)) return false;
    this.trailingEmpty++;
    return true;
  }

  private repeatsHeader(fields: readonly string[]): boolean {
    const matches = (j: number) => fields[j] !== undefined && this.header[j] !== '' && trimCell(fields[j]!) === this.header[j];
    if (this.afterBlank) return this.header.some((_, j) => matches(j));
    return fields.length >= this.width && this.header.every((h, j) => h === '' || matches(j));
  }

  /** After an empty row, a header-like row starts another table; elsewhere it is a pasted-in repeat. */
  private skipHeaderLike(line: number): void {
    if (this.afterBlank) this.blockStarts.push(line);
    else if (this.repeatedHeaderLines.length < LISTED_POSITIONS) this.repeatedHeaderLines.push(line);
    this.afterBlank = false;
  }

  private shapeWarnings(): string[] {
    const out: string[] = [];
    const positions = (lines: readonly number[]) => lines.map((line) => this.position(line));
    if (this.blankLines.length > 0) out.push(messages.blankRows(this.blankLines.length, positions(this.blankLines)));
    if (this.repeatedHeaderLines.length > 0) out.push(messages.repeatedHeader(this.repeatedHeaderLines.length, positions(this.repeatedHeaderLines)));
    if (this.trailingEmpty > 0) out.push(messages.trailingEmptyFields(this.trailingEmpty));
    if (this.raggedCount > 0) out.push(messages.raggedSkipped(this.raggedCount, this.width, this.raggedLines));
    return out;
  }
}

/** Header names made usable: trimmed, empty ones named `column_N`, repeats suffixed `_2`, `_3`. */
function uniqueNames(header: readonly string[], notes: string[]): string[] {
  const taken = new Set(header.filter((h) => h !== ''));
  const seen = new Set<string>();
  return header.map((original, i) => {
    if (original !== '' && !seen.has(original)) {
      seen.add(original);
      return original;
    }
    const stem = original === '' ? `column_${i + 1}` : original;
    let name = stem;
    for (let k = 2; taken.has(name) || seen.has(name); k++) name = `${stem}_${k}`;
    seen.add(name);
    taken.add(name);
    notes.push(original === '' ? messages.renamedEmpty(i + 1, name) : messages.renamedDuplicate(i + 1, original, name));
    return name;
  });
}

function grow(array: Int32Array): Int32Array {
  const next = new Int32Array(Math.ceil(array.length * 1.5));
  next.set(array);
  return next;
}
