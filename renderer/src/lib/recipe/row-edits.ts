/**
 * The row wizards' edits (row filters, duplicate rows) and the checks on what the user typed, as pure functions.
 * A value that cannot be used comes back as a problem in words and the recipe is left as it was, so nothing the
 * user typed is lost and nothing half-valid reaches the engine.
 */
import type { ColumnProfile } from '../../../../engine/table/profile.ts';
import type { FilterRowsParams, Recipe, RecipeStep, RowRule } from '../../../../engine/prep/index.ts';
import { insertStep, removeStep, replaceStep, uniqueId } from './edits.ts';

type StepOf<K extends RecipeStep['kind']> = Extract<RecipeStep, { kind: K }>;
export type FilterStep = StepOf<'filter-rows'>;
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = (problem: string): Parsed<never> => ({ ok: false, problem });

// Row filters

export function filterSteps(recipe: Recipe): FilterStep[] {
  return recipe.steps.filter((s): s is FilterStep => s.kind === 'filter-rows');
}

/** A starting rule for `column` that removes nothing yet: its whole range, or its most frequent value kept. */
export function defaultFilter(column: Pick<ColumnProfile, 'name' | 'storage' | 'min' | 'max' | 'top'>): FilterRowsParams {
  if (column.storage === 'number' && column.min !== undefined && column.max !== undefined && !column.top) {
    return { column: column.name, rule: 'range', min: column.min, max: column.max, action: 'keep' };
  }
  const top = column.top?.[0]?.value;
  if (top === undefined) return { column: column.name, rule: 'is-missing', action: 'remove' };
  return { column: column.name, rule: 'equals', values: [column.storage === 'number' ? Number(top) : top], action: 'keep' };
}

/** Adds a filter; filters run before the split, whatever their place in the list. */
export function addFilter(recipe: Recipe, params: FilterRowsParams): Recipe {
  return insertStep(recipe, { id: uniqueId(recipe, `filter-${params.column}`), kind: 'filter-rows', params });
}

export function setFilter(recipe: Recipe, id: string, params: FilterRowsParams): Recipe {
  const current = filterSteps(recipe).find((s) => s.id === id);
  if (!current || JSON.stringify(current.params) === JSON.stringify(params)) return recipe;
  return replaceStep(recipe, id, { ...current, params });
}

/** The same filter with another rule, its fields reset to what the rule needs. */
export function withRule(column: Pick<ColumnProfile, 'name' | 'storage' | 'min' | 'max' | 'top'>, params: FilterRowsParams, rule: RowRule): FilterRowsParams {
  if (rule === params.rule) return params;
  const base = defaultFilter(column);
  if (rule === 'is-missing') return { column: params.column, rule, action: params.action };
  if (rule === 'range') return { column: params.column, rule, min: column.min ?? 0, max: column.max ?? 0, action: params.action };
  return { column: params.column, rule, values: base.rule === 'equals' ? base.values! : [], action: params.action };
}

/** A column as a range filter reads it: numbers, or dates (stored as epoch milliseconds, typed as year-month-day). */
export type RangeKind = 'number' | 'date';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A bound as its box shows it: the number, or the date as year-month-day. */
export function boundText(value: number | undefined, kind: RangeKind): string {
  if (value === undefined) return '';
  return kind === 'date' ? new Date(value).toISOString().slice(0, 10) : String(value);
}

/** One bound of a range: empty means open on that side. */
function parseBound(text: string, column: string, side: 'lowest' | 'highest', kind: RangeKind): Parsed<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return ok(undefined);
  const open = `or leave it empty for no ${side === 'lowest' ? 'lower' : 'upper'} bound`;
  if (kind === 'date') {
    const value = DAY.test(trimmed) ? Date.parse(`${trimmed}T00:00:00Z`) : NaN;
    if (!Number.isFinite(value)) return refuse(`"${trimmed}" is not a date, and "${column}" holds dates. Type the ${side} date as year-month-day (for example 1990-01-31), ${open}.`);
    // The highest day counts whole, whatever the time of day of its rows.
    return ok(side === 'highest' ? value + DAY_MS - 1 : value);
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return refuse(`"${trimmed}" is not a number, and "${column}" holds numbers. Type the ${side} value to keep or remove (for example 18 or 2.5), ${open}.`);
  return ok(value);
}

/** A range typed as two boxes: at least one bound, numbers (or dates) only, the lower not above the upper. */
export function parseRange(minText: string, maxText: string, column: string, kind: RangeKind = 'number'): Parsed<{ min?: number; max?: number }> {
  const min = parseBound(minText, column, 'lowest', kind);
  if (!min.ok) return min;
  const max = parseBound(maxText, column, 'highest', kind);
  if (!max.ok) return max;
  if (min.value === undefined && max.value === undefined) return refuse(`A range needs a lowest value, a highest value or both. Type at least one for "${column}".`);
  if (min.value !== undefined && max.value !== undefined && min.value > max.value) {
    return refuse(`The lowest value (${boundText(min.value, kind)}) is above the highest (${boundText(max.value, kind)}), so no row could match. Swap them.`);
  }
  return ok({ ...(min.value !== undefined ? { min: min.value } : {}), ...(max.value !== undefined ? { max: max.value } : {}) });
}

/** Values typed as a comma-separated list: numbers for a number column, labels (exact text) otherwise. */
export function parseValues(text: string, column: Pick<ColumnProfile, 'name' | 'storage'>): Parsed<(string | number)[]> {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return refuse(`Type at least one value of "${column.name}", several separated by commas.`);
  if (column.storage !== 'number') return ok([...new Set(parts)]);
  const bad = parts.find((p) => !Number.isFinite(Number(p)));
  if (bad !== undefined) return refuse(`"${bad}" is not a number, and "${column.name}" holds numbers. Type numbers separated by commas (for example 1, 2.5).`);
  return ok([...new Set(parts.map(Number))]);
}

/**
 * Whether an equals rule's values are ticked rather than typed: the profile lists every value of the column
 * (a category with few levels, or a boolean's 0 and 1).
 */
export function valuesListed(column: Pick<ColumnProfile, 'distinct' | 'top'>): boolean {
  return column.top !== undefined && column.distinct <= column.top.length;
}

/** The rule's values with one listed value ticked or unticked: a number in a number column (the profile lists text). */
export function toggledValue(values: readonly (string | number)[] | undefined, column: Pick<ColumnProfile, 'storage'>, listed: string, on: boolean): (string | number)[] {
  const value = column.storage === 'number' ? Number(listed) : listed;
  const rest = (values ?? []).filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

/** Whether a listed value is among the rule's values. */
export function valueTicked(values: readonly (string | number)[] | undefined, column: Pick<ColumnProfile, 'storage'>, listed: string): boolean {
  return (values ?? []).includes(column.storage === 'number' ? Number(listed) : listed);
}

/** The values of an equals rule as the box shows them. */
export function valuesText(values: readonly (string | number)[] | undefined): string {
  return (values ?? []).join(', ');
}

// Duplicate rows

export function duplicatesStep(recipe: Recipe): StepOf<'drop-duplicates'> | undefined {
  return recipe.steps.find((s): s is StepOf<'drop-duplicates'> => s.kind === 'drop-duplicates');
}

/**
 * Rows that repeat an earlier row dropped (`columns` absent: the whole row is compared) or kept (`null`).
 * A subset must name at least one column.
 */
export function setDuplicates(recipe: Recipe, choice: { readonly columns?: readonly string[] } | null): Recipe {
  const current = duplicatesStep(recipe);
  if (choice === null) return current ? removeStep(recipe, current.id) : recipe;
  const params = choice.columns ? { columns: [...choice.columns] } : {};
  if (current) return JSON.stringify(current.params) === JSON.stringify(params) ? recipe : replaceStep(recipe, current.id, { ...current, params });
  return insertStep(recipe, { id: uniqueId(recipe, 'drop-duplicates'), kind: 'drop-duplicates', params });
}

/** Why a subset of columns cannot be compared, or null. */
export function duplicateColumnsProblem(columns: readonly string[]): string | null {
  return columns.length === 0 ? 'Tick at least one column to compare, or compare whole rows.' : null;
}
