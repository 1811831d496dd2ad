/**
 * The table as it flows through the graph: the columns in Layerlab's order (a step replaces a column in place,
 * as the TypeScript steps do, so the features come out in the model's order), each an [N, 1] tensor.
 *
 * - Numbers are doubles, NaN for an empty cell, as Layerlab computes them. A column still holding the float
 *   input's values (`fromFloat`) compares with bounds rounded to float32, the precision its values arrived in,
 *   so a cell written as 0.1 equals a bound of 0.1 as it does in Layerlab.
 * - Labels are int64 codes into the column's vocabulary: every label the recipe can name for that column (the
 *   training categories, fill values, rule values, encoding levels). Every other label behaves the same way in
 *   every step, so they share one code, OTHER; an empty cell is MISSING. A lookup table indexed by code + 2
 *   turns codes into anything a step needs.
 */
import { numberLabel } from '../../../engine/prep/table-ops.ts';
import type { FittedRecipe } from '../../../engine/prep/types.ts';
import { DEFAULT_MISSING_MARKERS } from '../../../engine/table/missing.ts';
import { ML_DOMAIN, type GraphBuilder } from './graph-builder.ts';
import { int, ints, strings } from './onnx-proto.ts';

export const MISSING = -1;
export const OTHER = -2;

export type ColumnValue =
  | { readonly kind: 'number'; readonly tensor: string; readonly fromFloat: boolean }
  | { readonly kind: 'labels'; readonly tensor: string; readonly vocabulary: readonly string[] };

export interface NamedColumn {
  readonly name: string;
  readonly value: ColumnValue;
}

export class Columns {
  private list: NamedColumn[];

  constructor(initial: readonly NamedColumn[]) {
    this.list = [...initial];
  }

  has(name: string): boolean {
    return this.list.some((c) => c.name === name);
  }

  get(name: string): ColumnValue {
    const column = this.list.find((c) => c.name === name);
    if (!column) throw new Error(`ONNX export: the recipe needs the column "${name}", which is not in the graph's table`);
    return column.value;
  }

  number(name: string): Extract<ColumnValue, { kind: 'number' }> {
    const value = this.get(name);
    if (value.kind !== 'number') throw new Error(`ONNX export: the column "${name}" holds labels where the recipe needs numbers`);
    return value;
  }

  /** Puts `replacements` where `name` was (an empty list removes it). */
  replace(name: string, replacements: readonly NamedColumn[]): void {
    const at = this.list.findIndex((c) => c.name === name);
    if (at < 0) throw new Error(`ONNX export: cannot replace the absent column "${name}"`);
    this.list.splice(at, 1, ...replacements);
  }

  set(name: string, value: ColumnValue): void {
    this.replace(name, [{ name, value }]);
  }

  remove(names: readonly string[]): void {
    this.list = this.list.filter((c) => !names.includes(c.name));
  }

  all(): readonly NamedColumn[] {
    return this.list;
  }
}

const asLabel = (value: string | number): string => (typeof value === 'number' ? numberLabel(value) : value);

/** Every label the fitted recipe can name for each text column, training categories first. */
export function vocabularies(recipe: FittedRecipe): Map<string, string[]> {
  const labels = new Map<string, Set<string>>();
  for (const column of recipe.inputSchema) if (column.storage === 'category') labels.set(column.name, new Set(column.categories ?? []));
  const note = (column: string, values: readonly (string | number)[]): void => {
    const set = labels.get(column);
    if (set) for (const value of values) set.add(asLabel(value));
  };
  for (const { kind, state } of recipe.steps) {
    const s = state as Record<string, unknown>;
    if (kind === 'impute') for (const c of s.columns as { column: string; fill?: string | number }[]) note(c.column, c.fill === undefined ? [] : [c.fill]);
    if ((kind === 'filter-rows' || kind === 'invalid-values') && Array.isArray(s.values)) note(s.column as string, s.values as (string | number)[]);
    if (kind === 'encode') note(s.column as string, [s.levels, s.otherLevels, s.order, s.negative, s.positive].flat().filter((v): v is string => typeof v === 'string'));
  }
  return new Map([...labels].map(([name, set]) => [name, [...set]]));
}

/**
 * A text input's codes. The empty text and Layerlab's default missing-value markers (`NA`, `?`, ...) are empty
 * cells, as when Layerlab reads a file, unless the recipe knows the marker as a real label.
 */
export function labelCodes(g: GraphBuilder, input: string, vocabulary: readonly string[]): string {
  const markers = DEFAULT_MISSING_MARKERS.filter((m) => !vocabulary.includes(m));
  return g.op(
    'LabelEncoder',
    [input],
    {
      keys_strings: strings([...vocabulary, ...markers]),
      values_int64s: ints([...vocabulary.map((_, i) => i), ...markers.map(() => MISSING)]),
      default_int64: int(OTHER),
    },
    { domain: ML_DOMAIN, hint: `${input}/codes` },
  );
}

/** The code of a label the vocabulary was built to hold. */
export function codeOf(vocabulary: readonly string[], label: string): number {
  const code = vocabulary.indexOf(label);
  if (code < 0) throw new Error(`ONNX export: the label "${label}" is missing from its column's vocabulary`);
  return code;
}

/** A lookup table over codes: `valueOf(label)` for each vocabulary label, `other` and `missing` for the rest. */
export function codeTable<T>(vocabulary: readonly string[], valueOf: (label: string) => T, other: T, missing: T): T[] {
  return [other, missing, ...vocabulary.map(valueOf)];
}
