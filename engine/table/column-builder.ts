/**
 * Collects one column's cells as rows stream in, straight into typed arrays (never an array of strings).
 *
 * A column starts dictionary-encoded (LevelCells): exact and cheap for the usual few-valued columns. Once it
 * holds LEVELS_BEFORE_NUMBERS distinct texts that are (nearly) all numbers, it switches to a Float64Array
 * (NumberCells), so a million distinct measurements never sit in a dictionary; should text outgrow the
 * tolerated strays later, it switches back. Type inference runs on the result.
 */
import type { CellContext, CellDecoder, ColumnDraft } from './column-draft.ts';
import { LevelCells } from './level-cells.ts';
import { NumberCells } from './number-cells.ts';
import { parseNumberText } from './number-text.ts';

export { LEVELS_BEFORE_NUMBERS } from './level-cells.ts';
export type { ColumnDraft, LevelsBody, NumbersBody, StrayText } from './column-draft.ts';

export interface ColumnBuilderOptions {
  /** Missing markers, already trimmed (see `missingMarkerList`). */
  readonly markers: readonly string[];
  readonly decimalComma: boolean;
  /** Expected row count, so arrays are allocated once in the common case. */
  readonly capacity?: number;
  /** False when the user fixed a text type: the column then keeps its exact texts. */
  readonly mayBecomeNumbers?: boolean;
  /** Needed for `addByteRun`. */
  readonly decode?: CellDecoder;
}

/** What a list of markers means for every column that uses it: built once per list, not once per column. */
const markerFacts = new WeakMap<readonly string[], { index: ReadonlyMap<string, number>; numeric: readonly [point: boolean, comma: boolean] }>();

/** The markers' index, and whether one of them reads as a number (`-999`) with this decimal mark. */
function factsOf(markers: readonly string[], decimalComma: boolean): { index: ReadonlyMap<string, number>; numeric: boolean } {
  let facts = markerFacts.get(markers);
  if (!facts) {
    const numeric = (comma: boolean) => markers.some((m) => !Number.isNaN(parseNumberText(m, comma)));
    facts = { index: new Map(markers.map((m, i) => [m, i])), numeric: [numeric(false), numeric(true)] };
    markerFacts.set(markers, facts);
  }
  return { index: facts.index, numeric: facts.numeric[decimalComma ? 1 : 0] };
}

export class ColumnBuilder {
  length = 0;
  private capacity: number;
  private cells: LevelCells | NumberCells;
  private readonly context: CellContext;
  private readonly markers: readonly string[];
  /** Whether a full dictionary may still become numbers (once per column, and not for a user's text type). */
  private mayTryNumbers: boolean;

  constructor(options: ColumnBuilderOptions) {
    this.capacity = Math.max(16, options.capacity ?? 1024);
    this.markers = options.markers;
    // The same list for every column of a table, so its facts are shared.
    const facts = factsOf(options.markers, options.decimalComma);
    this.context = {
      markerIndex: facts.index,
      // A plain list: a typed array's bookkeeping (~200 bytes) would cost more than its counts, per column.
      markerCounts: new Array<number>(options.markers.length).fill(0),
      numericMarkers: facts.numeric,
      decimalComma: options.decimalComma,
      separator: options.decimalComma ? 44 : 46,
      decode: options.decode,
    };
    this.cells = new LevelCells(this.context, this.capacity);
    this.mayTryNumbers = options.mayBecomeNumbers ?? true;
  }

  add(raw: string): void {
    if (this.length === this.capacity) this.grow(this.length + 1);
    this.cells.add(raw, this.length++);
    this.afterCells();
  }

  /** The same as `add(decode(bytes[starts[k], ends[k])))` for the n cells k = offset, offset + stride, ... */
  addByteRun(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, offset: number, stride: number, n: number): void {
    if (this.length + n > this.capacity) this.grow(this.length + n);
    for (let done = 0; done < n; ) {
      const cells = this.cells;
      const k = offset + done * stride;
      const taken =
        cells instanceof LevelCells
          ? cells.addRun(bytes, starts, ends, k, stride, n - done, this.length, this.mayTryNumbers)
          : cells.addRun(bytes, starts, ends, k, stride, n - done, this.length);
      this.length += taken;
      done += taken;
      this.afterCells();
    }
  }

  finish(): ColumnDraft {
    if (this.cells instanceof NumberCells && !this.cells.dominate(this.length, true)) this.cells = this.cells.toLevels(this.length, this.capacity);
    const missingByMarker = new Map<string, number>();
    this.markers.forEach((marker, i) => {
      const count = this.context.markerCounts[i]!;
      if (count > 0) missingByMarker.set(marker, count);
    });
    return { length: this.length, missingByMarker, body: this.cells.finish(this.length) };
  }

  /** Switches storage when the cells just added call for it. */
  private afterCells(): void {
    const cells = this.cells;
    if (cells instanceof LevelCells) {
      if (!this.mayTryNumbers || !cells.full) return;
      this.mayTryNumbers = false;
      this.cells = NumberCells.fromLevels(cells, this.length, this.capacity, this.context) ?? cells;
    } else if (!cells.dominate(this.length, false)) {
      this.cells = cells.toLevels(this.length, this.capacity);
    }
  }

  private grow(needed: number): void {
    this.capacity = Math.max(needed, Math.ceil(this.capacity * 1.5));
    this.cells.grow(this.capacity);
  }
}
