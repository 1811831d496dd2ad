/** What a column builder hands to type inference, and what its two storage modes share while collecting. */

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
  /** Numbers written with thousands separators (`1,234`), read as numbers: how many, and the first one. */
  readonly grouped: { readonly cells: number; readonly example: string } | null;
}

export interface ColumnDraft {
  readonly length: number;
  /** How many cells each missing marker accounted for (`'' → 177`); only markers that occurred. */
  readonly missingByMarker: ReadonlyMap<string, number>;
  readonly body: LevelsBody | NumbersBody;
}

/** Turns a cell's bytes into text (the file's encoding lives outside the engine). */
export type CellDecoder = (bytes: Uint8Array, start: number, end: number) => string;

/** Settings and counters both storage modes of a column use. */
export interface CellContext {
  /** Missing marker → its index in `markerCounts`. */
  readonly markerIndex: ReadonlyMap<string, number>;
  /** Missing cells per marker, counted as cells arrive. */
  readonly markerCounts: number[];
  /** Some marker reads as a number (`-999`), so number cells must be checked against markers first. */
  readonly numericMarkers: boolean;
  readonly decimalComma: boolean;
  /** The decimal mark's byte: 46 (`.`) or 44 (`,`). */
  readonly separator: number;
  readonly decode: CellDecoder | undefined;
}

/**
 * The first `length` items. A little spare capacity (the row estimate's margin) stays as a view on the same
 * buffer instead of a copy, which would briefly double the column; a badly overestimated one is copied.
 */
export function fitted<A extends Int32Array | Float64Array>(array: A, length: number): A {
  if (array.length === length) return array;
  return (array.length <= length * 1.1 + 64 ? array.subarray(0, length) : array.slice(0, length)) as A;
}
