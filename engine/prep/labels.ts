/**
 * Label order, shared by the target and the binary encoding so "yes" means the same thing in both.
 * A yes/no-like pair puts its "no" first; otherwise numbers sort as numbers and text in code-unit order
 * (not localeCompare, whose order depends on the platform's ICU data).
 */
import { MISSING_CODE, type Column } from '../table/table.ts';
import { compareLabels } from './stats.ts';
import { numberLabel } from './table-ops.ts';

/** [negative, positive] pairs, compared trimmed and case-insensitively. */
const NEGATIVE_POSITIVE: readonly (readonly [string, string])[] = [
  ['0', '1'],
  ['-1', '1'],
  ['false', 'true'],
  ['f', 't'],
  ['no', 'yes'],
  ['n', 'y'],
  ['negative', 'positive'],
  ['neg', 'pos'],
  ['off', 'on'],
  ['absent', 'present'],
  ['fail', 'pass'],
  ['failure', 'success'],
];

function asNumber(label: string): number {
  return label.trim() === '' ? NaN : Number(label);
}

/** Numbers ascending when every label is a number, else code-unit order. */
export function sortLabels(labels: Iterable<string>): string[] {
  const list = [...labels];
  if (list.every((l) => Number.isFinite(asNumber(l)))) return list.sort((a, b) => asNumber(a) - asNumber(b) || compareLabels(a, b));
  return list.sort(compareLabels);
}

/** Two labels as [negative, positive]: the natural order of a yes/no-like pair, else the sorted order. */
export function orderBinaryLabels(a: string, b: string): [string, string] {
  const key = (s: string): string => s.trim().toLowerCase();
  for (const [negative, positive] of NEGATIVE_POSITIVE) {
    if (key(a) === negative && key(b) === positive) return [a, b];
    if (key(b) === negative && key(a) === positive) return [b, a];
  }
  const [first, second] = sortLabels([a, b]);
  return [first!, second!];
}

/** Up to this many distinct numbers are counted in a Map. */
const FEW_VALUES = 64;

/** Occurrences of each label at `rows` (missing skipped), whatever the storage. */
export function countLabels(column: Column, rows: Int32Array): Map<string, number> {
  const counts = new Map<string, number>();
  if (column.storage === 'category') {
    const byCode = new Int32Array(column.levels.length);
    for (let i = 0; i < rows.length; i++) {
      const code = column.codes[rows[i]!]!;
      if (code !== MISSING_CODE) byCode[code]!++;
    }
    byCode.forEach((n, code) => {
      if (n > 0) counts.set(column.levels[code]!, (counts.get(column.levels[code]!) ?? 0) + n);
    });
    return counts;
  }
  // Few distinct numbers (a 0/1 target, codes): one pass with a small Map. Many: sorting and counting runs is
  // several times faster than a large Map keyed by doubles.
  const byValue = new Map<number, number>();
  for (let i = 0; i < rows.length && byValue.size <= FEW_VALUES; i++) {
    const v = column.values[rows[i]!]!;
    if (!Number.isNaN(v)) byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  if (byValue.size <= FEW_VALUES) {
    for (const [v, n] of [...byValue].sort((a, b) => a[0] - b[0])) counts.set(numberLabel(v), (counts.get(numberLabel(v)) ?? 0) + n);
    return counts;
  }
  const present = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!]!;
    if (!Number.isNaN(v)) present[n++] = v;
  }
  const sorted = present.subarray(0, n).sort();
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const label = numberLabel(sorted[i]!);
    counts.set(label, (counts.get(label) ?? 0) + j - i);
    i = j;
  }
  return counts;
}

/**
 * A per-row lookup `row → mapLabel(label)` (or `missing` for an empty cell), computed once per distinct label.
 */
export function labelLookup(column: Column, mapLabel: (label: string) => number, missing: number): (row: number) => number {
  if (column.storage === 'category') {
    const byCode = column.levels.map(mapLabel);
    return (row) => {
      const code = column.codes[row]!;
      return code === MISSING_CODE ? missing : byCode[code]!;
    };
  }
  // Keyed by the number itself: writing a million numbers as labels cost most of preparing a large table.
  // A Map's keys compare as SameValueZero, as the labels do (0 and −0 both read "0").
  const cache = new Map<number, number>();
  const { values } = column;
  return (row) => {
    const value = values[row]!;
    if (Number.isNaN(value)) return missing;
    let mapped = cache.get(value);
    if (mapped === undefined) {
      mapped = mapLabel(numberLabel(value));
      cache.set(value, mapped);
    }
    return mapped;
  };
}
