/** One pass over a number column: what type inference needs to tell booleans, integers, IDs and constants apart. */
export interface NumberSummary {
  readonly present: number;
  readonly min: number;
  readonly max: number;
  readonly integral: boolean;
  /** Every present value is 0 or 1. */
  readonly zeroOne: boolean;
  /** Every present value is the same. */
  readonly constant: boolean;
}

export function summarizeNumbers(values: Float64Array): NumberSummary {
  let present = 0;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let zeroOne = true;
  let first = NaN;
  let constant = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (present === 0) first = v;
    else if (v !== first) constant = false;
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isSafeInteger(v)) integral = false;
    if (zeroOne && v !== 0 && v !== 1) zeroOne = false;
  }
  return { present, min, max, integral, zeroOne, constant };
}

/** Distinct present values, by sorting a copy; only called when a decision needs the exact count. */
export function countDistinct(values: Float64Array): number {
  const sorted = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) sorted[n++] = values[i]!;
  sorted.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/** The distinct present values in ascending order, or null as soon as there are more than `limit`. */
export function fewDistinct(values: Float64Array, limit: number): number[] | null {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v && !seen.has(v)) {
      if (seen.size === limit) return null;
      seen.add(v);
    }
  }
  return [...seen].sort((a, b) => a - b);
}
