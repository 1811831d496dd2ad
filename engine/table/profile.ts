/**
 * What a person wants to know about each column before cleaning: counts, spread, shape and most common values.
 * Conventions follow pandas `describe()`: sample standard deviation (n − 1), quartiles by linear interpolation.
 */
import { countDuplicateRows } from './duplicates.ts';
import { formatNumber } from './messages.ts';
import { MISSING_CODE, type Column, type ColumnType, type Table } from './table.ts';

export interface Histogram {
  /** Bin i covers [edges[i], edges[i + 1]); the last bin includes its upper edge. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

export interface CategoryCount {
  readonly value: string;
  readonly count: number;
}

export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly reason: string;
  readonly storage: 'number' | 'category';
  /** Cells with a value. */
  readonly count: number;
  readonly missing: number;
  readonly distinct: number;
  /** Number columns only; dates in epoch milliseconds. */
  readonly min?: number;
  readonly max?: number;
  /** Number columns except dates. */
  readonly mean?: number;
  readonly std?: number;
  readonly q1?: number;
  readonly median?: number;
  readonly q3?: number;
  readonly histogram?: Histogram;
  /** Most frequent values (category columns and booleans), most frequent first. */
  readonly top?: readonly CategoryCount[];
  readonly memoryBytes: number;
}

export interface TableProfile {
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  /** Rows identical to an earlier row in every column (missing equals missing), as pandas `duplicated()`. */
  readonly duplicateRows: number;
  readonly memoryBytes: number;
}

export interface ProfileOptions {
  /** Equal-width histogram bins (whole-number columns with a small range get one bin per value). */
  readonly bins?: number;
  /** How many most frequent values to list. */
  readonly top?: number;
}

export function profileTable(table: Table, options: ProfileOptions = {}): TableProfile {
  const columns = table.columns.map((column) => profileColumn(column, options));
  return {
    rows: table.rowCount,
    columns,
    duplicateRows: countDuplicateRows(table),
    memoryBytes: columns.reduce((sum, c) => sum + c.memoryBytes, 0),
  };
}

export function profileColumn(column: Column, options: ProfileOptions = {}): ColumnProfile {
  const base = { name: column.name, type: column.type, reason: column.reason, storage: column.storage };
  if (column.storage === 'category') {
    const counts = new Float64Array(column.levels.length);
    let missing = 0;
    for (let i = 0; i < column.codes.length; i++) {
      const code = column.codes[i]!;
      if (code === MISSING_CODE) missing++;
      else counts[code]!++;
    }
    const used = column.levels.map((value, i) => ({ value, count: counts[i]! })).filter((c) => c.count > 0);
    const levelBytes = column.levels.reduce((sum, level) => sum + 2 * level.length + 32, 0);
    return {
      ...base,
      count: column.codes.length - missing,
      missing,
      distinct: used.length,
      top: topCounts(used, options.top ?? 10),
      memoryBytes: column.codes.byteLength + levelBytes,
    };
  }
  const sorted = presentSorted(column.values);
  const n = sorted.length;
  const missing = column.values.length - n;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const profile: ColumnProfile = { ...base, count: n, missing, distinct, memoryBytes: column.values.byteLength };
  if (n === 0) return profile;
  const spread = column.type === 'datetime' ? {} : meanAndStd(sorted);
  const top = column.type === 'boolean' ? topCounts(valueCounts(sorted), options.top ?? 10) : undefined;
  return {
    ...profile,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    ...spread,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    histogram: histogram(sorted, column.type === 'integer' || column.type === 'boolean', options.bins ?? 20),
    ...(top ? { top } : {}),
  };
}

function presentSorted(values: Float64Array): Float64Array {
  const present = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present[n++] = values[i]!;
  return present.subarray(0, n).sort();
}

/** Linear interpolation between closest ranks (numpy's and pandas' default). */
export function quantile(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function meanAndStd(values: Float64Array): { mean: number; std?: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  if (values.length < 2) return { mean };
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}

function histogram(sorted: Float64Array, wholeNumbers: boolean, bins: number): Histogram {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const perValue = wholeNumbers && max - min < 30;
  const binCount = perValue ? max - min + 1 : min === max ? 1 : bins;
  const low = perValue ? min - 0.5 : min;
  const width = perValue ? 1 : (max - min) / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => low + width * i);
  if (!perValue) edges[binCount] = max;
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < sorted.length; i++) {
    const bin = width === 0 ? 0 : Math.min(binCount - 1, Math.floor((sorted[i]! - low) / width));
    counts[bin]!++;
  }
  return { edges, counts };
}

function valueCounts(sorted: Float64Array): CategoryCount[] {
  const counts: CategoryCount[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    counts.push({ value: formatNumber(sorted[i]!), count: j - i });
    i = j;
  }
  return counts;
}

function topCounts(counts: readonly CategoryCount[], top: number): CategoryCount[] {
  return [...counts].sort((a, b) => b.count - a.count).slice(0, top);
}
