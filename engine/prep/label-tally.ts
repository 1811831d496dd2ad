/**
 * A column's labels over all its rows, as the suggestions need them (which column to predict, the recipe, the
 * detected task): how many cells hold a value, how many distinct values, and each label's count when they are
 * few enough to list. Computed once per column and kept while the column lives (columns are never written to
 * once made, so a column object's tally never changes): suggesting a target and a recipe for a table asks for
 * every column's facts several times, and on a million rows each count is a pass over the column.
 *
 * Unlike `countLabels`, a number column with many distinct values is not written out as a million labels in a
 * Map: its distinct values are counted in a hash set of doubles, and only its smallest value becomes a label.
 */
import { MISSING_CODE, type Column } from '../table/table.ts';
import { countLabels } from './labels.ts';
import { allRows, numberLabel } from './table-ops.ts';

/** Numbers with at most this many distinct values are listed label by label (as `countLabels` lists them). */
export const LISTED_NUMBER_VALUES = 64;

export interface LabelTally {
  /** Cells holding a value. */
  readonly present: number;
  /** Distinct labels (0 and −0 are one: both read "0"). */
  readonly distinct: number;
  /**
   * Each label's count, in `countLabels`' order; null for a number column of more than LISTED_NUMBER_VALUES
   * distinct values (a quantity: never a set of classes).
   */
  readonly counts: ReadonlyMap<string, number> | null;
  /** The first label in that order (the smallest number of a number column); null when every cell is empty. */
  readonly first: string | null;
}

const tallies = new WeakMap<Column, LabelTally>();

export function labelTally(column: Column): LabelTally {
  let tally = tallies.get(column);
  if (!tally) {
    tally = column.storage === 'category' ? categoryTally(column.codes, column.levels) : numberTally(column);
    tallies.set(column, tally);
  }
  return tally;
}

function categoryTally(codes: Int32Array, levels: readonly string[]): LabelTally {
  const byCode = new Int32Array(levels.length);
  let present = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code !== MISSING_CODE) {
      byCode[code]!++;
      present++;
    }
  }
  const counts = new Map<string, number>();
  byCode.forEach((n, code) => {
    if (n > 0) counts.set(levels[code]!, (counts.get(levels[code]!) ?? 0) + n);
  });
  return { present, distinct: counts.size, counts, first: counts.keys().next().value ?? null };
}

function numberTally(column: Extract<Column, { storage: 'number' }>): LabelTally {
  const values = column.values;
  const few = new Set<number>();
  for (let i = 0; i < values.length && few.size <= LISTED_NUMBER_VALUES; i++) {
    const v = values[i]!;
    if (v === v) few.add(v);
  }
  if (few.size <= LISTED_NUMBER_VALUES) {
    const counts = countLabels(column, allRows(values.length));
    let present = 0;
    for (const n of counts.values()) present += n;
    return { present, distinct: counts.size, counts, first: counts.keys().next().value ?? null };
  }
  const { present, distinct, min } = distinctNumbers(values);
  return { present, distinct, counts: null, first: numberLabel(min) };
}

/**
 * Present cells, distinct values and the smallest, in one pass: open addressing on the value's bits (−0 is
 * stored as 0), the table doubling at half full. Several times faster than sorting a copy, and its memory is
 * the distinct values', not the column's.
 */
export function distinctNumbers(values: Float64Array): { present: number; distinct: number; min: number } {
  let keys = new Float64Array(1024).fill(NaN);
  let mask = keys.length - 1;
  const bits = new Int32Array(2);
  const scratch = new Float64Array(bits.buffer);
  let present = 0;
  let distinct = 0;
  let min = Infinity;
  const slotOf = (table: Float64Array, tableMask: number, v: number): number => {
    scratch[0] = v;
    let hash = bits[0]! ^ Math.imul(bits[1]!, 0x9e3779b1);
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash ^= hash >>> 13;
    for (let slot = hash & tableMask; ; slot = (slot + 1) & tableMask) {
      const key = table[slot]!;
      if (key !== key || key === v) return slot;
    }
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! + 0; // −0 + 0 is 0
    if (v !== v) continue;
    present++;
    if (v < min) min = v;
    const slot = slotOf(keys, mask, v);
    if (keys[slot] === v) continue;
    keys[slot] = v;
    if (++distinct * 2 <= keys.length) continue;
    const grown = new Float64Array(keys.length * 2).fill(NaN);
    const grownMask = grown.length - 1;
    for (const key of keys) if (key === key) grown[slotOf(grown, grownMask, key)] = key;
    keys = grown;
    mask = grownMask;
  }
  return { present, distinct, min };
}
