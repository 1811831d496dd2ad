/**
 * Number columns that are a function of arrays which already exist: a one-hot column of category codes, an
 * affine map (scaling) of another column. A million-row table one-hot encoded into a hundred columns would
 * otherwise hold a hundred 8 MB Float64Arrays of zeros and ones before its matrix is even built. Such a column
 * keeps its recipe instead, and:
 * - the feature matrix (matrix.ts) and the finite-value checks read the recipe, never allocating the values;
 * - anything else that reads `values` (a later step on the column, a preview) gets them, computed on first read
 *   and kept, equal to what the eager transform wrote.
 */
import type { ColumnType, NumberColumn } from '../table/table.ts';

export type Derivation =
  /** 1 where `codes` holds `code`, NaN where it holds `missing`, else 0. */
  | { readonly kind: 'one-hot'; readonly codes: Int32Array; readonly code: number; readonly missing: number }
  /** (source − center) / scale, in float64. */
  | { readonly kind: 'affine'; readonly source: Float64Array; readonly center: number; readonly scale: number };

const derivations = new WeakMap<NumberColumn, Derivation>();

function materialize(d: Derivation): Float64Array {
  if (d.kind === 'affine') {
    const values = new Float64Array(d.source.length);
    for (let i = 0; i < values.length; i++) values[i] = (d.source[i]! - d.center) / d.scale;
    return values;
  }
  const values = new Float64Array(d.codes.length);
  for (let i = 0; i < values.length; i++) {
    const c = d.codes[i]!;
    values[i] = c === d.code ? 1 : c === d.missing ? NaN : 0;
  }
  return values;
}

export function derivedColumn(name: string, type: ColumnType, reason: string, derivation: Derivation): NumberColumn {
  let values: Float64Array | null = null;
  const column: NumberColumn = {
    name,
    type,
    reason,
    storage: 'number',
    get values(): Float64Array {
      return (values ??= materialize(derivation));
    },
  };
  derivations.set(column, derivation);
  return column;
}

export function derivationOf(column: NumberColumn): Derivation | undefined {
  return derivations.get(column);
}

/** The column's value at `row`, without materializing a derived column. */
export function valueAt(column: NumberColumn, row: number): number {
  const d = derivations.get(column);
  if (!d) return column.values[row]!;
  if (d.kind === 'affine') return (d.source[row]! - d.center) / d.scale;
  const c = d.codes[row]!;
  return c === d.code ? 1 : c === d.missing ? NaN : 0;
}

/**
 * The same column over `rows` only (a step removed rows), still derived, or null for a plain column. `taken`
 * shares the taken arrays between the columns of one table (the one-hot columns of a category share codes).
 */
export function takeDerived(column: NumberColumn, rows: Int32Array, taken: Map<object, Float64Array | Int32Array>): NumberColumn | null {
  const d = derivations.get(column);
  if (!d) return null;
  const take = <T extends Float64Array | Int32Array>(from: T): T => {
    let copy = taken.get(from) as T | undefined;
    if (!copy) {
      copy = from.constructor === Float64Array ? (new Float64Array(rows.length) as T) : (new Int32Array(rows.length) as T);
      for (let i = 0; i < rows.length; i++) copy[i] = from[rows[i]!]!;
      taken.set(from, copy);
    }
    return copy;
  };
  const derivation: Derivation = d.kind === 'affine' ? { ...d, source: take(d.source) } : { ...d, codes: take(d.codes) };
  return derivedColumn(column.name, column.type, column.reason, derivation);
}
