/**
 * The statistics steps learn, computed in float64 on training rows with missing cells skipped (scikit-learn's
 * nan-aware behaviour). Results never carry -0, so a fitted state survives JSON bit for bit.
 */
import { UserFacingError } from '../errors.ts';
import { MISSING_CODE, type CategoryColumn, type NumberColumn } from '../table/table.ts';
import { formatCount, plural } from './table-ops.ts';

/** -0 → 0: JSON writes -0 as 0, and a state must read back exactly as it was used. */
export function positiveZero(value: number): number {
  return value + 0;
}

export function noTrainingValues(column: string, trainRows: number, purpose: string): never {
  throw new UserFacingError(
    'all-missing-column',
    `Column "${column}" is empty in all ${formatCount(trainRows)} training rows, so ${purpose} has nothing to learn from. ` +
      'Drop the column, or fill its empty cells with a constant.',
  );
}

/**
 * The present values of a number column at `rows`. Infinity is refused here rather than averaged into a
 * meaningless mean; an empty result (every cell missing) is refused too.
 */
export function presentValues(column: NumberColumn, rows: Int32Array, purpose: string): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  let infinite = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!]!;
    if (Number.isNaN(v)) continue;
    if (v === Infinity || v === -Infinity) infinite++;
    out[n++] = v;
  }
  if (infinite > 0) {
    throw new UserFacingError(
      'non-finite-value',
      `Column "${column.name}" has ${plural(infinite, 'infinite value')} (Infinity) in the training rows, which ${purpose} cannot use. ` +
        `Add an "invalid values" step for "${column.name}" that treats infinite values as missing, or fix the file.`,
    );
  }
  if (n === 0) noTrainingValues(column.name, rows.length, purpose);
  return out.subarray(0, n);
}

/** The largest |values[i] - center|: the scale that keeps sums of huge values (1e300) from overflowing. */
function largestDistance(values: Float64Array, center: number): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]! - center));
  return largest;
}

/** The mean; values near the largest doubles (1e307) are summed scaled down, so the sum cannot overflow. */
export function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  if (Number.isFinite(sum)) return positiveZero(sum / values.length);
  const scale = largestDistance(values, 0);
  let scaled = 0;
  for (let i = 0; i < values.length; i++) scaled += values[i]! / scale;
  return positiveZero((scaled / values.length) * scale);
}

/**
 * Population standard deviation (ddof = 0, as scikit-learn's StandardScaler), two-pass for accuracy. Squares of
 * distances beyond 1e154 overflow: those are measured in units of the largest distance instead (Infinity only
 * when the distances themselves overflow, which the caller refuses with a message).
 */
export function populationStd(values: Float64Array, center: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - center;
    sum += d * d;
  }
  if (Number.isFinite(sum)) return Math.sqrt(sum / values.length);
  const scale = largestDistance(values, center);
  let scaled = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i]! - center) / scale;
    scaled += d * d;
  }
  return Math.sqrt(scaled / values.length) * scale;
}

/**
 * Sample skewness of the present values (Fisher–Pearson g1 = m3 / m2^1.5, population moments, as scipy's
 * `skew` and pandas without its bias correction): 0 for a symmetric spread, large and positive for a long right
 * tail. NaN cells are skipped; 0 when there are no values or all are equal.
 */
export function skewness(values: Float64Array): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
  }
  if (n === 0) return 0;
  const center = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - center;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 === 0 ? 0 : positiveZero(m3 / Math.pow(m2, 1.5));
}

export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** numpy's default `linear` quantile (Hyndman & Fan type 7) of ascending values, q in [0, 1]. */
export function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return positiveZero(sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!));
}

/** numpy's median: the middle value, or the mean of the two middle values. */
export function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return positiveZero(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The most frequent value; a tie goes to the smallest, as in scikit-learn's SimpleImputer. */
export function mostFrequentNumber(sorted: Float64Array): number {
  let best = sorted[0]!;
  let bestCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i]!;
    }
    i = j;
  }
  return positiveZero(best);
}

/** Occurrences of each level at `rows`, missing cells skipped. */
function levelCounts(column: CategoryColumn, rows: Int32Array): Int32Array {
  const counts = new Int32Array(column.levels.length);
  for (let i = 0; i < rows.length; i++) {
    const code = column.codes[rows[i]!]!;
    if (code !== MISSING_CODE) counts[code]!++;
  }
  return counts;
}

/** Code-unit order: deterministic on every platform, unlike localeCompare. */
export function compareLabels(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The most frequent label at `rows`; a tie goes to the first in code-unit order. Null if all are missing. */
export function mostFrequentLabel(column: CategoryColumn, rows: Int32Array): string | null {
  const counts = levelCounts(column, rows);
  let best: string | null = null;
  let bestCount = 0;
  for (let code = 0; code < counts.length; code++) {
    const count = counts[code]!;
    const label = column.levels[code]!;
    if (count > bestCount || (count === bestCount && count > 0 && best !== null && compareLabels(label, best) < 0)) {
      bestCount = count;
      best = label;
    }
  }
  return best;
}
