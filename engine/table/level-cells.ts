/**
 * Dictionary mode of a column: each distinct text gets a code, counted as it arrives. Missing markers never
 * become levels: they map to -(2 + marker index) in the lookups, store -1 and count per marker.
 */
import { ByteDictionary } from './byte-dictionary.ts';
import { fitted, type CellContext, type LevelsBody } from './column-draft.ts';
import { trimCell } from './missing.ts';

export const LEVELS_BEFORE_NUMBERS = 4096;

export class LevelCells {
  codes: Int32Array;
  readonly levels: string[] = [];
  readonly firstRows: number[] = [];
  counts = new Int32Array(64);
  /** Set when this dictionary was rebuilt from numbers written otherwise than in shortest form. */
  rewrittenNumbers = false;
  private readonly context: CellContext;
  /** Raw and trimmed texts → code, or -(2 + marker index) for missing markers. */
  private readonly lookup = new Map<string, number>();
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
      code = this.lookup.get(raw) ?? this.newKey(raw, row);
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
          code = this.lookup.get(raw) ?? this.newKey(raw, row + i);
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
    return this.lookup.get(text) ?? this.newKey(text, row);
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
    this.lookup.clear();
    const counts = Array.from(this.counts.subarray(0, this.levels.length));
    return { kind: 'levels', codes, levels: this.levels, counts, firstRows: this.firstRows, rewrittenNumbers: this.rewrittenNumbers };
  }

  private newKey(raw: string, row: number): number {
    const text = trimCell(raw);
    let code = text === raw ? undefined : this.lookup.get(text);
    if (code === undefined) {
      const marker = this.context.markerIndex.get(text);
      if (marker !== undefined) code = -2 - marker;
      else {
        code = this.levels.length;
        this.levels.push(text);
        this.firstRows.push(row);
        if (code === this.counts.length) {
          const counts = new Int32Array(code * 2);
          counts.set(this.counts);
          this.counts = counts;
        }
      }
      this.lookup.set(text, code);
    }
    this.lookup.set(raw, code);
    return code;
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}
