/**
 * From the transformed table to the network's matrix: every column but the target is a feature, in table
 * order, and must by now be numbers without gaps. Anything else is the recipe's business, so the message says
 * which step to add.
 */
import { UserFacingError } from '../errors.ts';
import type { NumberColumn, Table } from '../table/table.ts';
import { derivationOf } from './derived-columns.ts';
import { formatCount, quoteList } from './table-ops.ts';

/** The feature columns, checked: numbers, not raw dates, distinct names, at least one. */
export function featureColumns(table: Table, target: string): NumberColumn[] {
  const features: NumberColumn[] = [];
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (column.name === target) continue;
    if (column.storage === 'category') {
      throw new UserFacingError(
        'unencoded-column',
        `Column "${column.name}" still holds text (${quoteList(column.levels, 3)}) at the end of the recipe, and a network needs numbers. Add an encoding step for it (one-hot for categories), or drop it.`,
      );
    }
    if (column.type === 'datetime') {
      throw new UserFacingError('unencoded-date', `Column "${column.name}" holds dates. Add a date-parts step for it (year, month, day of week), or drop it.`);
    }
    if (seen.has(column.name)) {
      throw new UserFacingError('duplicate-feature', `Two feature columns are named "${column.name}". Rename one of the source columns, or drop one.`);
    }
    seen.add(column.name);
    features.push(column);
  }
  if (features.length === 0) {
    throw new UserFacingError('no-features', 'The recipe leaves no columns to learn from besides the target. Keep at least one column.');
  }
  return features;
}

/** The largest magnitude a float32 holds: a feature beyond it would reach the network as Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

export type FeatureProblem = 'empty' | 'infinite' | 'too-large';

function problem(value: number): FeatureProblem | null {
  if (Number.isNaN(value)) return 'empty';
  if (value === Infinity || value === -Infinity) return 'infinite';
  return value > FLOAT32_MAX || value < -FLOAT32_MAX ? 'too-large' : null;
}

/**
 * Preparing: every cell of `rows` must be a finite number; the first column that is not gets a message with its
 * count and first row (`sourceRows` numbers rows as in the user's file).
 */
export function requireFiniteFeatures(features: readonly NumberColumn[], rows: Int32Array, sourceRows: Int32Array): void {
  for (const column of features) {
    let empty = 0;
    let infinite = 0;
    let huge = 0;
    let largest = 0;
    let first = -1;
    for (let i = 0; i < rows.length; i++) {
      const value = column.values[rows[i]!]!;
      const kind = problem(value);
      if (kind === null) continue;
      if (first < 0) first = sourceRows[rows[i]!]!;
      if (kind === 'empty') empty++;
      else if (kind === 'infinite') infinite++;
      else {
        huge++;
        largest = Math.max(largest, Math.abs(value));
      }
    }
    if (empty > 0) {
      throw new UserFacingError(
        'missing-values-left',
        `Column "${column.name}" still has ${formatCount(empty)} empty ${empty === 1 ? 'cell' : 'cells'} at the end of the recipe (first in data row ${first + 1}), and a network cannot use empty cells. Add a missing-values step for "${column.name}", or drop it.`,
      );
    }
    if (infinite > 0) {
      throw new UserFacingError(
        'non-finite-value',
        `Column "${column.name}" has ${formatCount(infinite)} infinite ${infinite === 1 ? 'value' : 'values'} (Infinity; first in data row ${first + 1}). Add an invalid-values step for "${column.name}" that treats them as missing, or fix the file.`,
      );
    }
    if (huge > 0) {
      throw new UserFacingError(
        'value-too-large',
        `Column "${column.name}" reaches the network with ${formatCount(huge)} ${huge === 1 ? 'value' : 'values'} as large as ${largest.toPrecision(3)} (first in data row ${first + 1}), beyond the ±3.4e38 its 32-bit numbers hold. Scale "${column.name}" (standardize it) or add a log transform for it in the recipe.`,
      );
    }
  }
}

/** Predicting: the first empty, infinite or too large feature of each row that has one (row → feature name, kind). */
export function rowsWithGaps(features: readonly NumberColumn[], rowCount: number): Map<number, { feature: string; kind: FeatureProblem }> {
  const gaps = new Map<number, { feature: string; kind: FeatureProblem }>();
  for (const column of features) {
    for (let row = 0; row < rowCount; row++) {
      if (gaps.has(row)) continue;
      const kind = problem(column.values[row]!);
      if (kind !== null) gaps.set(row, { feature: column.name, kind });
    }
  }
  return gaps;
}

/**
 * rows × features, row-major, float32, filled in blocks of rows so the writes stay in cache; `finite` says
 * whether every value was a finite number. Derived columns (one-hot codes, scaled columns) are computed here
 * from their recipe, never materialized as float64 (derived-columns.ts).
 */
export function featureMatrix(features: readonly NumberColumn[], rows: Int32Array): { x: Float32Array; finite: boolean } {
  const width = features.length;
  const x = new Float32Array(rows.length * width);
  const derived = features.map(derivationOf);
  const block = 256;
  let finite = true;
  for (let start = 0; start < rows.length; start += block) {
    const end = Math.min(start + block, rows.length);
    for (let f = 0; f < width; f++) {
      const d = derived[f];
      if (d?.kind === 'one-hot') {
        const { codes, code, missing } = d;
        for (let i = start; i < end; i++) {
          const c = codes[rows[i]!]!;
          if (c === code) x[i * width + f] = 1;
          else if (c === missing) {
            x[i * width + f] = NaN;
            finite = false;
          }
        }
        continue;
      }
      const values = d ? d.source : features[f]!.values;
      const center = d ? d.center : 0;
      const scale = d ? d.scale : 1;
      for (let i = start; i < end; i++) {
        // (v − 0) / 1 is v exactly, so plain columns share this loop; rounded to float32 as the network sees it.
        const v = Math.fround((values[rows[i]!]! - center) / scale);
        x[i * width + f] = v;
        // v − v is 0 for every finite number and NaN for NaN and ±Infinity (also what float32 makes of 1e300).
        if (v - v !== 0) finite = false;
      }
    }
  }
  return { x, finite };
}
