/**
 * Splits the bytes of a delimited file that uses no quoting into records of field offsets, a chunk at a time,
 * without decoding: the fast lane for large plain files. Records end at LF, CRLF or a lone CR.
 * A field that starts with a quote needs RFC 4180 parsing: the splitter stops with `QuotedFieldError`
 * and the caller hands the file to papaparse instead. A quote inside a field is an ordinary character,
 * as in papaparse.
 */
import type { RecordBatch } from '../../engine/table/table-builder.ts';

const LF = 10;
const CR = 13;
const QUOTE = 34;

export class QuotedFieldError extends Error {
  override readonly name = 'QuotedFieldError';
}

export class ByteRecordSplitter {
  private carry: Uint8Array | null = null;
  private line = 1;
  private readonly delimiter: number;
  // Sized to the chunk: a chunk of n bytes has at most n + 1 fields and records, so the hot loop never checks.
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private firstField = new Int32Array(0);
  private fieldCounts = new Int32Array(0);
  private lines = new Int32Array(0);
  private records = 0;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The complete records of the next chunk; a record cut off at its end waits for the next chunk (or `end`). */
  push(chunk: Uint8Array): RecordBatch {
    const bytes = this.carry === null ? chunk : concat(this.carry, chunk);
    this.carry = null;
    const consumed = this.split(bytes, false);
    if (consumed < bytes.length) this.carry = bytes.slice(consumed);
    return this.batch(bytes);
  }

  /** The file is over: whatever is left is the last record. */
  end(): RecordBatch {
    const bytes = this.carry ?? new Uint8Array(0);
    this.carry = null;
    this.split(bytes, true);
    return this.batch(bytes);
  }

  private batch(bytes: Uint8Array): RecordBatch {
    const { starts, ends, firstField, fieldCounts, lines } = this;
    return { bytes, starts, ends, firstField, fieldCounts, lines, size: this.records };
  }

  private reserve(n: number): void {
    if (this.starts.length > n) return;
    const size = Math.max(n + 1, this.starts.length * 2);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.firstField = new Int32Array(size);
    this.fieldCounts = new Int32Array(size);
    this.lines = new Int32Array(size);
  }

  /** Collects the complete records of `bytes`; returns how many bytes they took. */
  private split(bytes: Uint8Array, final: boolean): number {
    const n = bytes.length;
    this.reserve(n + 1);
    const { delimiter, starts, ends, firstField, fieldCounts, lines } = this;
    let fields = 0;
    let records = 0;
    let line = this.line;
    let recordStart = 0;
    let fieldStart = 0;
    let first = 0;
    for (let i = 0; i < n; i++) {
      const c = bytes[i]!;
      if (c === delimiter) {
        starts[fields] = fieldStart;
        ends[fields++] = i;
        fieldStart = i + 1;
      } else if (c === LF || c === CR) {
        if (c === CR && i + 1 === n && !final) break;
        starts[fields] = fieldStart;
        ends[fields++] = i;
        firstField[records] = first;
        fieldCounts[records] = fields - first;
        lines[records++] = line++;
        first = fields;
        if (c === CR && bytes[i + 1] === LF) i++;
        recordStart = fieldStart = i + 1;
      } else if (c === QUOTE && i === fieldStart) {
        throw new QuotedFieldError(`line ${line} has a quoted field`);
      }
    }
    if (final && recordStart < n) {
      starts[fields] = fieldStart;
      ends[fields++] = n;
      firstField[records] = first;
      fieldCounts[records] = fields - first;
      lines[records++] = line++;
      recordStart = n;
    }
    this.records = records;
    this.line = line;
    return final ? n : recordStart;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
