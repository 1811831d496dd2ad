/**
 * Splits the bytes of a delimited file that uses no quoting into records of field offsets, without decoding:
 * the fast lane for large plain files. Records end at LF, CRLF or a lone CR.
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

export interface SplitBatch extends RecordBatch {
  /** Bytes taken by the complete records; the rest starts a record the next chunk completes. */
  readonly consumed: number;
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

export class ByteRecordSplitter {
  private line = 1;
  private readonly delimiter: number;
  // Reused from chunk to chunk; the batch a call returns is valid until the next call.
  private starts = new Int32Array(1 << 16);
  private ends = new Int32Array(1 << 16);
  private firstField = new Int32Array(1 << 12);
  private fieldCounts = new Int32Array(1 << 12);
  private lines = new Int32Array(1 << 12);

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * The complete records in `bytes`. Unless `final`, a record cut off at the end is left out (see `consumed`):
   * the caller puts those bytes in front of the next chunk.
   */
  split(bytes: Uint8Array, final: boolean): SplitBatch {
    const n = bytes.length;
    const delimiter = this.delimiter;
    let { starts, ends } = this;
    let fields = 0;
    let records = 0;
    let first = 0;
    let recordStart = 0;
    let fieldStart = 0;
    for (let i = 0; i < n; i++) {
      const c = bytes[i]!;
      if (c !== delimiter && c !== LF && c !== CR) {
        if (c === QUOTE && i === fieldStart) throw new QuotedFieldError(`line ${this.line} has a quoted field`);
        continue;
      }
      if (c === CR && i + 1 === n && !final) break;
      if (fields === starts.length) [starts, ends] = this.growFields();
      starts[fields] = fieldStart;
      ends[fields++] = i;
      fieldStart = i + 1;
      if (c === delimiter) continue;
      if (c === CR && bytes[i + 1] === LF) fieldStart = ++i + 1;
      this.record(records++, first, fields);
      first = fields;
      recordStart = fieldStart;
    }
    if (final && recordStart < n) {
      if (fields === starts.length) [starts, ends] = this.growFields();
      starts[fields] = fieldStart;
      ends[fields++] = n;
      this.record(records++, first, fields);
      recordStart = n;
    }
    const { firstField, fieldCounts, lines } = this;
    return { bytes, starts, ends, firstField, fieldCounts, lines, size: records, consumed: final ? n : recordStart };
  }

  private record(index: number, first: number, fields: number): void {
    if (index === this.lines.length) this.growRecords();
    this.firstField[index] = first;
    this.fieldCounts[index] = fields - first;
    this.lines[index] = this.line++;
  }

  private growFields(): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] {
    this.starts = grown(this.starts, this.starts.length * 2);
    this.ends = grown(this.ends, this.ends.length * 2);
    return [this.starts, this.ends];
  }

  private growRecords(): void {
    const size = this.lines.length * 2;
    this.firstField = grown(this.firstField, size);
    this.fieldCounts = grown(this.fieldCounts, size);
    this.lines = grown(this.lines, size);
  }
}
