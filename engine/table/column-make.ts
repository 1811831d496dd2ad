/** Constructors for finished columns, shared by inference, type overrides and profiling. */
import { MISSING_CODE, type CategoryColumn, type ColumnType, type NumberColumn } from './table.ts';

export function numberColumn(name: string, type: ColumnType, reason: string, values: Float64Array): NumberColumn {
  return { name, type, reason, storage: 'number', values };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** `item 2` before `item 10`; a fixed locale and a code-point tie-break keep the order the same on every machine. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * A dictionary-encoded column with its levels in `order` (natural order unless given), codes remapped to match.
 * Every level must occur in `codes` (as the builders guarantee); `codes` are rewritten in place.
 */
export function categoryColumn(
  name: string,
  type: ColumnType,
  reason: string,
  codes: Int32Array,
  levels: readonly string[],
  order?: readonly string[],
): CategoryColumn {
  const sorted = order ? [...order] : [...levels].sort(naturalCompare);
  if (sorted.every((level, i) => level === levels[i])) return { name, type, reason, storage: 'category', codes, levels: sorted };
  const position = new Map(sorted.map((level, i) => [level, i]));
  const remap = new Int32Array(levels.length);
  levels.forEach((level, i) => {
    remap[i] = position.get(level) ?? MISSING_CODE;
  });
  remapCodes(codes, remap);
  return { name, type, reason, storage: 'category', codes, levels: sorted };
}

/**
 * The hot loop on its own: V8 compiles a long loop while it runs (on-stack replacement), and in the function
 * above that code met a return it had never seen and was thrown away for every column of a table.
 */
function remapCodes(codes: Int32Array, remap: Int32Array): void {
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code !== MISSING_CODE) codes[i] = remap[code]!;
  }
}

/** Per-row numbers from per-level numbers: `values[i] = levelValues[codes[i]]`, NaN where missing. */
export function valuesFromLevels(codes: Int32Array, levelValues: ArrayLike<number>): Float64Array {
  const values = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    values[i] = code === MISSING_CODE ? NaN : levelValues[code]!;
  }
  return values;
}

/** Numbers as levels: each distinct value becomes its text (`format`), in numeric order. */
export function levelsFromValues(values: Float64Array, format: (v: number) => string): { codes: Int32Array; levels: string[] } {
  const present = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present[n++] = values[i]!;
  const sorted = present.subarray(0, n).sort();
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const codeOf = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    codes[i] = v === v ? codeOf.get(v)! : MISSING_CODE;
  }
  return { codes, levels: distinct.map(format) };
}
