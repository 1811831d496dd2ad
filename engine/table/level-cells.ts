/**
 * Dictionary mode of a column: each distinct text gets a code, counted as it arrives. Missing markers never
 * become levels: they map to -(2 + marker index) in the lookups, store -1 and count per marker.
 */
import { ByteDictionary } from './byte-dictionary.ts';
import { fitted, type CellContext, type LevelsBody } from './column-draft.ts';
import { trimCell } from './missing.ts';

export const LEVELS_BEFORE_NUMBERS = 4096;
/** Rows after which cells arriving as bytes are looked up by their bytes (see `addRun`). */
const BYTE_LOOKUP_AFTER_ROWS = 64;
/** Levels a dictionary searches in order before it takes a Map. */
const SMALL_LOOKUP = 8;

export class LevelCells {
  codes: Int32Array;
  levels: string[] = [];
  firstRows: number[] = [];
  /** Cells per level. A plain list: a typed array costs ~200 bytes of bookkeeping, times 200,000 columns. */
  counts: number[] = [];
  /** Set when this dictionary was rebuilt from numbers written otherwise than in shortest form. */
  rewrittenNumbers = false;
  private readonly context: CellContext;
  /**
   * Raw and trimmed texts → code, or -(2 + marker index) for missing markers. Made once the column has more than
   * SMALL_LOOKUP levels or has seen BYTE_LOOKUP_AFTER_ROWS rows; before that the few levels are searched in
   * order (the columns of a wide file of few rows never need one).
   */
  private lookup: Map<string, number> | null = null;
  /** In front of `lookup` when cells arrive as bytes. */
  private byteLookup: ByteDictionary | null = null;
  private lastRaw: string | null = null;
  private lastCode = 0;

  constructor(context: CellContext, capacity: number) {
    this.context = context;
    this.codes = new Int32Array(capacity);
  }

  get full(): boolean {
    return this.levels.length >= LEVELS_BEFORE_NUMBERS;
  }

  add(raw: string, row: number): void {
    let code: number;
    if (raw === this.lastRaw) code = this.lastCode;
    else {
      code = this.find(raw) ?? this.newKey(raw, row);
      this.lastRaw = raw;
      this.lastCode = code;
    }
    this.store(code, row);
  }

  /**
   * Cells k = offset, offset + stride, ... (n of them) of a byte batch, stored from `row` on. Stops early, right
   * after the cell that fills the dictionary when `stopWhenFull`; returns how many cells it took.
   */
  addRun(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, offset: number, stride: number, n: number, row: number, stopWhenFull: boolean): number {
    // The byte dictionary pays for itself over many rows; a column of a few rows (a wide file of 200,000
    // columns and one row) reads its cells as text instead of holding one per column.
    if (row + n <= BYTE_LOOKUP_AFTER_ROWS && this.byteLookup === null) {
      for (let i = 0, k = offset; i < n; i++, k += stride) {
        this.add(this.context.decode!(bytes, starts[k]!, ends[k]!), row + i);
        if (stopWhenFull && this.full) return i + 1;
      }
      return n;
    }
    const codes = this.codes;
    const lookup = (this.byteLookup ??= new ByteDictionary());
    const markerCounts = this.context.markerCounts;
    let counts = this.counts;
    let previousStart = 0;
    let previousLength = -1;
    let code = 0;
    for (let i = 0, k = offset; i < n; i++, k += stride) {
      const start = starts[k]!;
      const length = ends[k]! - start;
      if (length !== previousLength || !sameBytes(bytes, start, previousStart, length)) {
        code = lookup.get(bytes, start, start + length);
        if (code === -1) {
          const raw = this.context.decode!(bytes, start, start + length);
          code = this.find(raw) ?? this.newKey(raw, row + i);
          lookup.set(bytes, start, start + length, code);
          counts = this.counts;
          if (stopWhenFull && this.full) {
            this.store(code, row + i);
            return i + 1;
          }
        }
        previousStart = start;
        previousLength = length;
      }
      if (code >= 0) {
        codes[row + i] = code;
        counts[code]!++;
      } else {
        codes[row + i] = -1;
        markerCounts[-code - 2]!++;
      }
    }
    return n;
  }

  /** The code of a text, making it a level if new (for rebuilding from numbers). */
  codeOf(text: string, row: number): number {
    return this.find(text) ?? this.newKey(text, row);
  }

  store(code: number, row: number): void {
    if (code >= 0) {
      this.codes[row] = code;
      this.counts[code]!++;
    } else {
      this.codes[row] = -1;
      this.context.markerCounts[-code - 2]!++;
    }
  }

  grow(capacity: number): void {
    const codes = new Int32Array(capacity);
    codes.set(this.codes);
    this.codes = codes;
  }

  /** The collected column; this object lets go of it. */
  finish(length: number): LevelsBody {
    const codes = fitted(this.codes, length);
    this.codes = new Int32Array(0);
    this.byteLookup = null;
    this.lookup = null;
    return { kind: 'levels', codes, levels: this.levels, counts: this.counts, firstRows: this.firstRows, rewrittenNumbers: this.rewrittenNumbers };
  }

  private find(key: string): number | undefined {
    if (this.lookup) return this.lookup.get(key);
    const i = this.levels.indexOf(key);
    return i < 0 ? undefined : i;
  }

  private remember(key: string, code: number): void {
    this.lookup?.set(key, code);
  }

  private newKey(raw: string, row: number): number {
    if (this.lookup === null && (this.levels.length >= SMALL_LOOKUP || row >= BYTE_LOOKUP_AFTER_ROWS)) {
      this.lookup = new Map(this.levels.map((level, code) => [level, code]));
    }
    const text = trimCell(raw);
    let code = text === raw ? undefined : this.find(text);
    if (code === undefined) {
      const marker = this.context.markerIndex.get(text);
      if (marker !== undefined) code = -2 - marker;
      else {
        code = this.levels.length;
        if (code === 0) {
          // Literals of one: a first push would reserve 17 slots in each list (~130 bytes), per column.
          this.levels = [text];
          this.firstRows = [row];
          this.counts = [0];
        } else {
          this.levels.push(text);
          this.firstRows.push(row);
          this.counts.push(0);
        }
      }
      this.remember(text, code);
    }
    if (text !== raw) this.remember(raw, code);
    return code;
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}
