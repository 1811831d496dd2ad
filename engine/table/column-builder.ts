/**
 * Collects one column's cells as rows stream in, straight into typed arrays (never an array of strings).
 *
 * A column starts dictionary-encoded: each distinct text gets a code, which is exact and cheap for the usual
 * few-valued columns. Once it has seen LEVELS_BEFORE_NUMBERS distinct texts that are (nearly) all numbers, it
 * switches to a Float64Array, so a million distinct measurements never sit in a dictionary. Should text
 * outgrow the tolerated strays later, it switches back (see `toLevels`). Type inference runs on the result.
 */
import { ByteDictionary } from './byte-dictionary.ts';
import { isInfinityText, trimCell } from './missing.ts';
import { isCanonicalNumberBytes, parseNumberBytes } from './number-bytes.ts';
import { isCanonicalNumberText, parseNumberText } from './number-text.ts';
import { MAX_STRAY_TEXTS, straysAreTolerable } from './inference-rules.ts';

export const LEVELS_BEFORE_NUMBERS = 4096;

/** A text found in a column of numbers. */
export interface StrayText {
  readonly text: string;
  readonly count: number;
  readonly firstRow: number;
}

export interface LevelsBody {
  readonly kind: 'levels';
  /** Index into `levels`, -1 when missing. */
  readonly codes: Int32Array;
  /** Distinct trimmed texts in order of first appearance; missing markers excluded. */
  readonly levels: readonly string[];
  readonly counts: readonly number[];
  readonly firstRows: readonly number[];
  /** Numbers went back to text in shortest form, and some had been written otherwise (`41.0` → `41`). */
  readonly rewrittenNumbers: boolean;
}

export interface NumbersBody {
  readonly kind: 'numbers';
  /** NaN for missing cells and for stray texts. */
  readonly values: Float64Array;
  readonly strays: readonly StrayText[];
  /** False when some number was written so that `String(value)` would not give the text back (`41.0`). */
  readonly exactText: boolean;
}

export interface ColumnDraft {
  readonly length: number;
  /** How many cells each missing marker accounted for (`'' → 177`); only markers that occurred. */
  readonly missingByMarker: ReadonlyMap<string, number>;
  readonly body: LevelsBody | NumbersBody;
}

export interface ColumnBuilderOptions {
  /** Missing markers, already trimmed (see `missingMarkerList`). */
  readonly markers: readonly string[];
  readonly decimalComma: boolean;
  /** Expected row count, so arrays are allocated once in the common case. */
  readonly capacity?: number;
  /** False when the user fixed a text type: the column then keeps its exact texts. */
  readonly mayBecomeNumbers?: boolean;
  /** Turns a cell's bytes into text, for `addBytes` (the file's encoding lives outside the engine). */
  readonly decode?: (bytes: Uint8Array, start: number, end: number) => string;
}

export class ColumnBuilder {
  length = 0;
  private capacity: number;
  private readonly markerIndex: Map<string, number>;
  private readonly markerCounts: number[];
  private readonly decimalComma: boolean;
  private readonly separator: number;
  private readonly mayBecomeNumbers: boolean;
  private readonly decode: ((bytes: Uint8Array, start: number, end: number) => string) | undefined;

  // Dictionary mode. Marker texts are levels too, flagged in `levelMarker`, and folded into -1 by `finish`.
  private codes: Int32Array | null;
  private lookup = new Map<string, number>();
  private levels: string[] = [];
  private levelMarker: number[] = [];
  private firstRows: number[] = [];
  private lastRaw: string | null = null;
  private lastCode = 0;
  /** In front of `lookup` when cells arrive as bytes; keyed by the raw bytes, so reset whenever codes change. */
  private byteLookup: ByteDictionary | null = null;
  private triedNumbers = false;
  private rewrittenNumbers = false;
  private switchDue = false;

  // Number mode.
  private values: Float64Array | null = null;
  private exactText = true;
  private strayIndex = new Map<string, number>();
  private strayTexts: string[] = [];
  private strayCounts: number[] = [];
  private strayFirstRows: number[] = [];
  private strayCells: number[] = [];
  private strayOf: number[] = [];
  private strayTextDistinct = 0;
  private strayTextCells = 0;

  constructor(options: ColumnBuilderOptions) {
    this.capacity = Math.max(16, options.capacity ?? 1024);
    this.codes = new Int32Array(this.capacity);
    this.markerIndex = new Map(options.markers.map((m, i) => [m, i]));
    this.markerCounts = options.markers.map(() => 0);
    this.decimalComma = options.decimalComma;
    this.separator = options.decimalComma ? 44 : 46;
    this.decode = options.decode;
    this.mayBecomeNumbers = options.mayBecomeNumbers ?? true;
  }

  add(raw: string): void {
    const row = this.length;
    if (row === this.capacity) this.grow();
    const codes = this.codes;
    if (codes === null) return this.addNumber(raw, row);
    let code: number;
    if (raw === this.lastRaw) code = this.lastCode;
    else {
      code = this.lookup.get(raw) ?? this.newLevel(raw, row);
      this.lastRaw = raw;
      this.lastCode = code;
    }
    codes[row] = code;
    this.length = row + 1;
    if (this.switchDue) this.tryNumbers();
  }

  /**
   * The same as `add(decode(bytes[starts[k], ends[k])))` for the n cells k = offset, offset + stride, ...:
   * cells seen before and plain numbers never become strings.
   */
  addByteRun(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, offset: number, stride: number, n: number): void {
    while (this.capacity < this.length + n) this.grow();
    let done = 0;
    while (done < n) {
      const k = offset + done * stride;
      done += this.codes !== null ? this.levelRun(bytes, starts, ends, k, stride, n - done) : this.numberRun(bytes, starts, ends, k, stride, n - done);
    }
  }

  /** Dictionary mode over a run; returns how many cells it took (fewer if the column switched to numbers). */
  private levelRun(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, offset: number, stride: number, n: number): number {
    const codes = this.codes!;
    const lookup = (this.byteLookup ??= new ByteDictionary());
    let row = this.length;
    let previousStart = 0;
    let previousLength = -1;
    let previousCode = 0;
    for (let i = 0, k = offset; i < n; i++, k += stride) {
      const start = starts[k]!;
      const length = ends[k]! - start;
      let code = previousCode;
      if (length !== previousLength || !sameBytes(bytes, start, previousStart, length)) {
        code = lookup.get(bytes, start, start + length);
        if (code < 0) {
          const raw = this.decode!(bytes, start, start + length);
          code = this.lookup.get(raw) ?? this.newLevel(raw, row);
          lookup.set(bytes, start, start + length, code);
        }
        previousStart = start;
        previousLength = length;
        previousCode = code;
      }
      codes[row++] = code;
      if (this.switchDue) {
        this.length = row;
        this.tryNumbers();
        return i + 1;
      }
    }
    this.length = row;
    return n;
  }

  /** Number mode over a run; returns how many cells it took (fewer if the column switched back to levels). */
  private numberRun(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, offset: number, stride: number, n: number): number {
    const separator = this.separator;
    for (let i = 0, k = offset; i < n; i++, k += stride) {
      const row = this.length;
      const start = starts[k]!;
      const end = ends[k]!;
      const value = parseNumberBytes(bytes, start, end, separator);
      if (value === value) {
        this.values![row] = value;
        this.length = row + 1;
        if (this.exactText && !isCanonicalNumberBytes(bytes, start, end, separator)) this.exactText = false;
      } else {
        this.addNumber(this.decode!(bytes, start, end), row);
        if (this.codes !== null) return i + 1;
      }
    }
    return n;
  }

  private addNumber(raw: string, row: number): void {
    const text = trimCell(raw);
    const value = parseNumberText(text, this.decimalComma);
    this.length = row + 1;
    if (value === value) {
      this.values![row] = value;
      if (this.exactText && !this.isExact(text)) this.exactText = false;
    } else {
      this.values![row] = NaN;
      this.addNonNumber(text, row);
      if (!this.numbersStillDominate()) this.toLevels();
    }
  }

  finish(): ColumnDraft {
    const missingByMarker = new Map<string, number>();
    if (this.codes === null && !this.numbersStillDominate(true)) this.toLevels();
    if (this.codes !== null) return this.finishLevels(missingByMarker);
    const values = this.values!.length === this.length ? this.values! : this.values!.slice(0, this.length);
    this.values = null;
    this.markerIndex.forEach((i, marker) => {
      if (this.markerCounts[i]! > 0) missingByMarker.set(marker, this.markerCounts[i]!);
    });
    const strays = this.strayTexts.map((text, i) => ({ text, count: this.strayCounts[i]!, firstRow: this.strayFirstRows[i]! }));
    return { length: this.length, missingByMarker, body: { kind: 'numbers', values, strays, exactText: this.exactText } };
  }

  private newLevel(raw: string, row: number): number {
    const text = trimCell(raw);
    let code = text === raw ? undefined : this.lookup.get(text);
    if (code === undefined) {
      code = this.levels.length;
      this.levels.push(text);
      this.levelMarker.push(this.markerIndex.get(text) ?? -1);
      this.firstRows.push(row);
      this.lookup.set(text, code);
      if (this.levels.length === LEVELS_BEFORE_NUMBERS && !this.triedNumbers && this.mayBecomeNumbers) this.switchDue = true;
    }
    this.lookup.set(raw, code);
    return code;
  }

  private finishLevels(missingByMarker: Map<string, number>): ColumnDraft {
    const codes = this.codes!.length === this.length ? this.codes! : this.codes!.slice(0, this.length);
    this.codes = null;
    const remap = new Int32Array(this.levels.length);
    const levels: string[] = [];
    const firstRows: number[] = [];
    for (let code = 0; code < this.levels.length; code++) {
      if (this.levelMarker[code]! >= 0) remap[code] = -1;
      else {
        remap[code] = levels.length;
        levels.push(this.levels[code]!);
        firstRows.push(this.firstRows[code]!);
      }
    }
    const cellsPerCode = new Float64Array(this.levels.length);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      cellsPerCode[code]!++;
      codes[i] = remap[code]!;
    }
    const counts: number[] = [];
    for (let code = 0; code < this.levels.length; code++) {
      const marker = this.levelMarker[code]!;
      if (marker >= 0) this.markerCounts[marker]! += cellsPerCode[code]!;
      else counts.push(cellsPerCode[code]!);
    }
    this.markerIndex.forEach((i, marker) => {
      if (this.markerCounts[i]! > 0) missingByMarker.set(marker, this.markerCounts[i]!);
    });
    this.lookup.clear();
    const rewrittenNumbers = this.rewrittenNumbers;
    return { length: this.length, missingByMarker, body: { kind: 'levels', codes, levels, counts, firstRows, rewrittenNumbers } };
  }

  private addNonNumber(text: string, row: number): void {
    const marker = this.markerIndex.get(text);
    if (marker !== undefined) {
      this.markerCounts[marker]!++;
      return;
    }
    let i = this.strayIndex.get(text);
    if (i === undefined) {
      i = this.strayTexts.length;
      this.strayIndex.set(text, i);
      this.strayTexts.push(text);
      this.strayCounts.push(0);
      this.strayFirstRows.push(row);
    }
    this.strayCounts[i]!++;
    this.strayCells.push(row);
    this.strayOf.push(i);
    if (!isInfinityText(text)) {
      if (this.strayCounts[i] === 1) this.strayTextDistinct++;
      this.strayTextCells++;
    }
  }

  private numbersStillDominate(final = false): boolean {
    // Judge the share only once enough rows are in: 1 stray among the first 10 rows says little.
    const cells = this.length < 1000 && !final ? 0 : this.strayTextCells;
    const missing = this.markerCounts.reduce((a, b) => a + b, 0);
    return straysAreTolerable(this.strayTextDistinct, cells, this.length - missing);
  }

  private isExact(text: string): boolean {
    return isCanonicalNumberText(this.decimalComma ? text.replace(',', '.') : text);
  }

  private numberText(value: number): string {
    return this.decimalComma ? String(value).replace('.', ',') : String(value);
  }

  /** Dictionary → numbers, when the first LEVELS_BEFORE_NUMBERS distinct texts are numbers or a few strays. */
  private tryNumbers(): void {
    this.triedNumbers = true;
    this.switchDue = false;
    let strayLevels = 0;
    let leadingZeros = false;
    let exact = true;
    const numbers = this.levels.map((text, code) => {
      if (this.levelMarker[code]! >= 0) return NaN;
      const v = parseNumberText(text, this.decimalComma);
      if (v !== v) {
        if (!isInfinityText(text)) strayLevels++;
      } else if (/^[+-]?0\d/.test(text)) leadingZeros = true;
      else if (exact && !this.isExact(text)) exact = false;
      return v;
    });
    // Leading zeros (`02134`) mark codes, whose exact text matters.
    if (leadingZeros || strayLevels > MAX_STRAY_TEXTS) return;
    const codes = this.codes!;
    const values = new Float64Array(this.capacity);
    this.exactText = exact;
    for (let row = 0; row < this.length; row++) {
      const code = codes[row]!;
      const v = numbers[code]!;
      values[row] = v;
      if (v !== v) {
        const marker = this.levelMarker[code]!;
        if (marker >= 0) this.markerCounts[marker]!++;
        else this.addNonNumber(this.levels[code]!, row);
      }
    }
    this.values = values;
    this.codes = null;
    this.byteLookup = null;
    this.lookup = new Map();
    this.levels = [];
    this.levelMarker = [];
    this.firstRows = [];
    this.lastRaw = null;
    if (!this.numbersStillDominate()) this.toLevels();
  }

  /**
   * Numbers → dictionary, when text turned out to be more than a few strays. Numbers become their shortest
   * text (`String(v)`); when some were written otherwise (`41.0`, `1,5`) `exactText` is false and the
   * inferred reason says so. Missing cells keep their count per marker but all take the first marker's code.
   */
  private toLevels(): void {
    const values = this.values!;
    this.rewrittenNumbers = !this.exactText;
    const codes = new Int32Array(this.capacity);
    this.codes = codes;
    this.values = null;
    this.byteLookup = null;
    const carriedMissing = this.markerCounts.slice();
    this.markerCounts.fill(0);
    const missingCode = this.newLevel(this.markerIndex.keys().next().value ?? '', 0);
    let stray = 0;
    for (let row = 0; row < this.length; row++) {
      const v = values[row]!;
      let code: number;
      if (v === v) code = this.levelOf(this.numberText(v), row);
      else if (stray < this.strayCells.length && this.strayCells[stray] === row) code = this.levelOf(this.strayTexts[this.strayOf[stray++]!]!, row);
      else code = missingCode;
      codes[row] = code;
    }
    // finishLevels counts marker cells from the codes; pre-subtract what the shared missing code over-counts.
    const marker = this.levelMarker[missingCode]!;
    const carriedTotal = carriedMissing.reduce((a, b) => a + b, 0);
    for (let i = 0; i < carriedMissing.length; i++) this.markerCounts[i] = carriedMissing[i]!;
    this.markerCounts[marker]! -= carriedTotal;
    this.strayIndex.clear();
    this.strayTexts = [];
    this.strayCounts = [];
    this.strayFirstRows = [];
    this.strayCells = [];
    this.strayOf = [];
    this.strayTextDistinct = 0;
    this.strayTextCells = 0;
    this.lastRaw = null;
  }

  private levelOf(text: string, row: number): number {
    return this.lookup.get(text) ?? this.newLevel(text, row);
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5);
    if (this.codes !== null) {
      const next = new Int32Array(this.capacity);
      next.set(this.codes);
      this.codes = next;
    } else {
      const next = new Float64Array(this.capacity);
      next.set(this.values!);
      this.values = next;
    }
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}
