/**
 * Number mode of a column: a Float64Array, NaN where missing. Texts that are not numbers are kept aside as
 * strays (text, rows) while they stay few (see `straysAreTolerable`); past that the column goes back to
 * dictionary mode with `toLevels`.
 */
import { fitted, type CellContext, type NumbersBody } from './column-draft.ts';
import { MAX_STRAY_TEXTS, straysAreTolerable } from './inference-rules.ts';
import { LevelCells } from './level-cells.ts';
import { isInfinityText, trimCell } from './missing.ts';
import { isCanonicalNumberBytes, parseNumberBytes } from './number-bytes.ts';
import { isCanonicalNumberText, parseCellNumber, parseGroupedNumberText, parseNumberText } from './number-text.ts';

const CODE_WITH_LEADING_ZERO = /^[+-]?0\d/;

export class NumberCells {
  values: Float64Array;
  /** False once a number was written so that `String(value)` would not give its text back (`41.0`). */
  exactText = true;
  private readonly context: CellContext;
  private readonly strayIndex = new Map<string, number>();
  private readonly strayTexts: string[] = [];
  private readonly strayCounts: number[] = [];
  private readonly strayFirstRows: number[] = [];
  /** Row and stray index of every stray cell, in row order. */
  private readonly strayRows: number[] = [];
  private readonly strayOf: number[] = [];
  private strayTextDistinct = 0;
  private strayTextCells = 0;
  private groupedCells = 0;
  private groupedExample = '';

  constructor(context: CellContext, values: Float64Array) {
    this.context = context;
    this.values = values;
  }

  /**
   * The numbers of a full dictionary, when its levels are numbers but for a few strays and none is a code with
   * leading zeros; otherwise null and the column stays text.
   */
  static fromLevels(levels: LevelCells, length: number, capacity: number, context: CellContext): NumberCells | null {
    const numbers = levels.levels.map((text) => parseCellNumber(text, context.decimalComma));
    const strays = levels.levels.filter((text, code) => numbers[code] !== numbers[code] && !isInfinityText(text));
    if (strays.length > MAX_STRAY_TEXTS || levels.levels.some((text, code) => numbers[code] === numbers[code] && CODE_WITH_LEADING_ZERO.test(text))) return null;
    const cells = new NumberCells(context, new Float64Array(capacity));
    cells.exactText = levels.levels.every((text, code) => numbers[code] !== numbers[code] || cells.isExact(text));
    const codes = levels.codes;
    for (let row = 0; row < length; row++) {
      const code = codes[row]!;
      const value = code < 0 ? NaN : numbers[code]!;
      cells.values[row] = value;
      if (code >= 0 && value !== value) cells.addStray(levels.levels[code]!, row);
      else if (code >= 0 && parseNumberText(levels.levels[code]!, context.decimalComma) !== value) cells.addGrouped(levels.levels[code]!);
    }
    return cells.dominate(length, false) ? cells : null;
  }

  add(raw: string, row: number): void {
    const text = trimCell(raw);
    // A user's marker may look like a number (`-999`): then markers are checked first.
    const marker = this.context.numericMarkers ? this.context.markerIndex.get(text) : undefined;
    const value = marker === undefined ? parseNumberText(text, this.context.decimalComma) : NaN;
    if (value === value) {
      this.values[row] = value;
      if (this.exactText && !this.isExact(text)) this.exactText = false;
      return;
    }
    const index = marker ?? this.context.markerIndex.get(text);
    const grouped = index === undefined ? parseGroupedNumberText(text, this.context.decimalComma) : NaN;
    this.values[row] = grouped;
    if (grouped === grouped) this.addGrouped(text);
    else if (index !== undefined) this.context.markerCounts[index]!++;
    else this.addStray(text, row);
  }

  /**
   * Cells k = offset, offset + stride, ... (n of them) of a byte batch, stored from `row` on. Stops right after
   * a stray text that makes numbers no longer dominate; returns how many cells it took.
   */
  addRun(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, offset: number, stride: number, n: number, row: number): number {
    const values = this.values;
    const separator = this.context.separator;
    const fast = !this.context.numericMarkers;
    for (let i = 0, k = offset; i < n; i++, k += stride) {
      const start = starts[k]!;
      const end = ends[k]!;
      const value = fast ? parseNumberBytes(bytes, start, end, separator) : NaN;
      if (value === value) {
        values[row + i] = value;
        if (this.exactText && !isCanonicalNumberBytes(bytes, start, end, separator)) this.exactText = false;
        continue;
      }
      const strays = this.strayRows.length;
      this.add(this.context.decode!(bytes, start, end), row + i);
      if (this.strayRows.length > strays && !this.dominate(row + i + 1, false)) return i + 1;
    }
    return n;
  }

  /** Whether the strays so far are few enough; their share is judged only from 1000 rows on, or at the end. */
  dominate(length: number, final: boolean): boolean {
    const cells = length < 1000 && !final ? 0 : this.strayTextCells;
    let missing = 0;
    for (let i = 0; i < this.context.markerCounts.length; i++) missing += this.context.markerCounts[i]!;
    return straysAreTolerable(this.strayTextDistinct, cells, length - missing);
  }

  /** Back to a dictionary; numbers become their shortest text (`rewrittenNumbers` when that loses how they were written). */
  toLevels(length: number, capacity: number): LevelCells {
    const levels = new LevelCells(this.context, capacity);
    levels.rewrittenNumbers = !this.exactText;
    const comma = this.context.decimalComma;
    let stray = 0;
    for (let row = 0; row < length; row++) {
      const value = this.values[row]!;
      if (value === value) levels.store(levels.codeOf(comma ? String(value).replace('.', ',') : String(value), row), row);
      else if (stray < this.strayRows.length && this.strayRows[stray] === row) levels.store(levels.codeOf(this.strayTexts[this.strayOf[stray++]!]!, row), row);
      else levels.codes[row] = -1;
    }
    return levels;
  }

  grow(capacity: number): void {
    const values = new Float64Array(capacity);
    values.set(this.values);
    this.values = values;
  }

  /** The collected column; this object lets go of it. */
  finish(length: number): NumbersBody {
    const values = fitted(this.values, length);
    this.values = new Float64Array(0);
    const strays = this.strayTexts.map((text, i) => ({ text, count: this.strayCounts[i]!, firstRow: this.strayFirstRows[i]! }));
    const grouped = this.groupedCells > 0 ? { cells: this.groupedCells, example: this.groupedExample } : null;
    return { kind: 'numbers', values, strays, exactText: this.exactText, grouped };
  }

  private isExact(text: string): boolean {
    return isCanonicalNumberText(this.context.decimalComma ? text.replace(',', '.') : text);
  }

  private addGrouped(text: string): void {
    if (this.groupedCells++ === 0) this.groupedExample = text;
    this.exactText = false;
  }

  private addStray(text: string, row: number): void {
    let i = this.strayIndex.get(text);
    if (i === undefined) {
      i = this.strayTexts.length;
      this.strayIndex.set(text, i);
      this.strayTexts.push(text);
      this.strayCounts.push(0);
      this.strayFirstRows.push(row);
      if (!isInfinityText(text)) this.strayTextDistinct++;
    }
    this.strayCounts[i]!++;
    this.strayRows.push(row);
    this.strayOf.push(i);
    if (!isInfinityText(text)) this.strayTextCells++;
  }
}
