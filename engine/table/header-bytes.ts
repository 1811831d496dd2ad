/**
 * Tells, on a record's bytes, that it is an ordinary row: neither blank nor a repeat of the header. The byte
 * lane asks for every record, so the answer must come from a cell or two, never from decoding the row.
 */
import type { CellDecoder } from './column-draft.ts';

/** What a cell in a named column says about its row. */
const BLANK = 0;
const HEADER = 1;
const DATA = 2;

export class HeaderBytes {
  /** The columns with a header name, in order: a cell in one of them tells a record apart from a header. */
  private readonly named: Int32Array;
  private readonly namedAscii: boolean[];

  /** `header`: the trimmed header names. */
  constructor(
    private readonly header: readonly string[],
    private readonly decode: CellDecoder | undefined,
  ) {
    this.named = Int32Array.from(header.flatMap((h, j) => (h === '' ? [] : [j])));
    this.namedAscii = Array.from(this.named, (j) => /^[\x20-\x7e]*$/.test(header[j]!));
  }

  /**
   * The record whose fields start at `first` is neither blank nor a repeated header: the first cell that is
   * not blank in a named column differs from its name. Blank cells before it are looked past, so gaps in the
   * first column (or an unnamed index column) keep rows on the fast path; anything else is left to RowShape.
   */
  isPlainRecord(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, first: number): boolean {
    for (let k = 0; k < this.named.length; k++) {
      const j = this.named[k]!;
      const verdict = this.cellAgainstHeader(k, bytes, starts[first + j]!, ends[first + j]!);
      if (verdict !== BLANK) return verdict === DATA;
    }
    return false;
  }

  /** Cell `bytes[start, end)` of the k-th named column: blank, its header name, or anything else (data). */
  private cellAgainstHeader(k: number, bytes: Uint8Array, start: number, end: number): number {
    while (start < end && bytes[start]! <= 32) start++;
    while (end > start && bytes[end - 1]! <= 32) end--;
    if (start === end) return BLANK;
    const name = this.header[this.named[k]!]!;
    if (!this.namedAscii[k]) {
      const length = end - start;
      return length < name.length || length > name.length * 3 || this.decode!(bytes, start, end) !== name ? DATA : HEADER;
    }
    if (end - start !== name.length) return DATA;
    for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return DATA;
    return HEADER;
  }
}
