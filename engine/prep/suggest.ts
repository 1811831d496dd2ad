/**
 * A first recipe, as a careful data scientist would draft it before looking closer. Each step says why.
 * The rules are general on purpose (the app meets files nobody has seen):
 * - drop: empty columns; constant columns; identifiers (inferred `id`/`text` types, whole numbers that differ
 *   in every row and run without gaps like row numbers, id-like names whose values are mostly unique); text
 *   with more than 20 values and fewer than 5 rows per value (names, free text); columns more than half empty.
 *   Distinct whole numbers alone are not enough: in a small file a salary or a population is unique too;
 * - exact duplicate rows are dropped when there are any;
 * - `Infinity` literals become empty cells;
 * - empty cells: median for numbers and dates, most frequent for text, plus a "was missing" flag when at least
 *   5% of the column is empty (the gap itself may carry signal);
 * - text: binary for two values, else one-hot with at most 20 columns ("(other)" takes the rest); whole-number
 *   columns named like codes with repeated values (`admission_type_id`, `zip_code`) are codes: one-hot;
 * - dates: year, month, day of week;
 * - every numeric feature that is not already 0/1 is standardized;
 * - the target's task is detected (see target.ts); split 70/15/15, stratified for classification, seed 42.
 */
import { UserFacingError } from '../errors.ts';
import { countDuplicateRows } from '../table/duplicates.ts';
import type { Table } from '../table/table.ts';
import { columnFacts, looksLikeCodeName, looksLikeIdName, type ColumnFacts } from './column-facts.ts';
import { datePartName, DEFAULT_DATE_PARTS } from './steps/date-parts.ts';
import { DEFAULT_MAX_LEVELS } from './steps/encode.ts';
import { indicatorName } from './steps/impute.ts';
import { recipeFromJSON } from './recipe-json.ts';
import { formatCount, plural, quoteList } from './table-ops.ts';
import { planTarget, requireTargetColumn, rowsWithTarget } from './target.ts';
import type { Recipe, RecipeStep, Task } from './types.ts';

export const FLAG_MISSING_SHARE = 0.05;
export const DROP_MISSING_SHARE = 0.5;
export const MIN_ROWS_FOR_ID = 20;
/** Text with fewer rows per value than this (and over 20 values) reads as names or free text. */
export const MIN_ROWS_PER_LEVEL = 5;
const TOP_LEVELS = DEFAULT_MAX_LEVELS - 1;

export interface SuggestOptions {
  readonly target: string;
  readonly task?: Task;
  readonly positiveLabel?: string;
}

function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  return `${p < 1 ? p.toFixed(1) : Math.round(p)}%`;
}

/** Why the column should not be a feature, or null to keep it. */
function dropReason(f: ColumnFacts): string | null {
  const { column } = f;
  const present = f.rows - f.missing;
  if (present === 0) return 'every cell is empty';
  if (f.distinct === 1) return `it holds a single value ("${f.example}")${f.missing > 0 ? ' apart from empty cells' : ''}, which cannot tell rows apart`;
  if (column.type === 'id') return 'it is an identifier';
  if (column.type === 'text') return 'it is free text';
  if (column.storage === 'number' && f.wholeNumbers && f.distinct === present && present >= MIN_ROWS_FOR_ID && f.max - f.min + 1 === present && column.type !== 'datetime') {
    return 'its values count through the rows one by one, like a row number';
  }
  if (looksLikeIdName(column.name) && f.distinct > present / 2) return `its name reads as an identifier and ${percent(f.distinct, present)} of its values are unique`;
  if (column.storage === 'category' && f.distinct > DEFAULT_MAX_LEVELS && present / f.distinct < MIN_ROWS_PER_LEVEL) {
    return `its values are nearly all different (${formatCount(f.distinct)} values in ${formatCount(present)} rows), like names or free text`;
  }
  if (f.missing / f.rows > DROP_MISSING_SHARE) return `${percent(f.missing, f.rows)} of its cells are empty`;
  return null;
}

/** Whole numbers named like a code (and not dropped as an identifier): a category, not a quantity. */
function isCodeColumn(f: ColumnFacts): boolean {
  return f.column.storage === 'number' && f.column.type !== 'datetime' && f.wholeNumbers && looksLikeCodeName(f.column.name);
}

interface Plan {
  readonly drops: { readonly name: string; readonly reason: string }[];
  readonly invalid: RecipeStep[];
  readonly imputes: Map<string, { columns: string[]; why: string[] }>;
  readonly encodes: RecipeStep[];
  readonly dates: RecipeStep[];
  readonly scaled: string[];
}

function planImpute(plan: Plan, f: ColumnFacts, missing: number): void {
  if (missing === 0) return;
  // 0/1 flags and codes take their most frequent value: a median of 0.5 or of two codes means nothing.
  const numeric = f.column.storage === 'number' && !isCodeColumn(f) && !f.zeroOne;
  const flag = missing / f.rows >= FLAG_MISSING_SHARE;
  const key = `${numeric ? 'median' : 'most-frequent'}${flag ? '-flag' : ''}`;
  const group = plan.imputes.get(key) ?? { columns: [], why: [] };
  group.columns.push(f.column.name);
  group.why.push(`"${f.column.name}" ${percent(missing, f.rows)} empty`);
  plan.imputes.set(key, group);
}

function planEncode(plan: Plan, f: ColumnFacts): void {
  const name = f.column.name;
  if (f.distinct === 2) {
    plan.encodes.push({ id: `encode-${name}`, kind: 'encode', params: { column: name, method: 'binary' }, why: `"${name}" has two values: one 0/1 column is enough` });
    return;
  }
  const grouped = f.distinct > DEFAULT_MAX_LEVELS ? `; the ${TOP_LEVELS} most frequent get their own column, the other ${formatCount(f.distinct - TOP_LEVELS)} share "(other)"` : '';
  const codes = isCodeColumn(f) ? ', numbers used as codes' : '';
  plan.encodes.push({
    id: `encode-${name}`,
    kind: 'encode',
    params: { column: name, method: 'one-hot', maxLevels: DEFAULT_MAX_LEVELS },
    why: `"${name}" has ${plural(f.distinct, 'category', 'categories')}${codes}: one 0/1 column each${grouped}`,
  });
}

function planColumn(plan: Plan, f: ColumnFacts): void {
  const { column } = f;
  const reason = dropReason(f);
  if (reason) {
    plan.drops.push({ name: column.name, reason });
    return;
  }
  if (f.infinite > 0) {
    plan.invalid.push({
      id: `invalid-${column.name}`,
      kind: 'invalid-values',
      params: { column: column.name, rule: 'finite', action: 'missing' },
      why: `"${column.name}" has ${plural(f.infinite, 'infinite value')} (Infinity), which no network can use: treat them as empty`,
    });
  }
  planImpute(plan, f, f.missing + f.infinite);
  if (column.type === 'datetime' && column.storage === 'number') {
    plan.dates.push({ id: `dates-${column.name}`, kind: 'date-parts', params: { column: column.name }, why: `"${column.name}" holds dates: a network reads their year, month and weekday, not the date itself` });
    plan.scaled.push(...DEFAULT_DATE_PARTS.map((p) => datePartName(column.name, p)));
  } else if (column.storage === 'category' || isCodeColumn(f)) {
    planEncode(plan, f);
  } else if (!f.zeroOne) {
    plan.scaled.push(column.name);
  }
}

const IMPUTE_ORDER = ['median', 'median-flag', 'most-frequent', 'most-frequent-flag'] as const;

function imputeSteps(plan: Plan): RecipeStep[] {
  return IMPUTE_ORDER.filter((key) => plan.imputes.has(key)).map((key): RecipeStep => {
    const { columns, why } = plan.imputes.get(key)!;
    const flag = key.endsWith('-flag');
    const strategy = key.startsWith('median') ? 'median' : 'most-frequent';
    const because = flag ? `; so many gaps may mean something, so a flag keeps that (${quoteList(columns.map(indicatorName), 2)})` : '';
    return {
      id: `impute-${key}`,
      kind: 'impute',
      params: { columns, strategy, ...(flag ? { addIndicator: true } : {}) },
      why: `${why.join(', ')}: fill with the ${strategy === 'median' ? 'median (robust to outliers)' : 'most frequent value'}${because}`,
    };
  });
}

function duplicateStep(table: Table): RecipeStep[] {
  // The rows the step would drop, counted as the Data step's profile counts them (once per table).
  const copies = countDuplicateRows(table);
  if (copies === 0) return [];
  return [{ id: 'drop-duplicates', kind: 'drop-duplicates', params: {}, why: `${plural(copies, 'row')} exactly repeat an earlier row; a copy in both training and test would flatter the test score` }];
}

export function suggestRecipe(table: Table, options: SuggestOptions): Recipe {
  const targetColumn = requireTargetColumn(table, options.target);
  const target = planTarget(targetColumn, rowsWithTarget(targetColumn), { column: options.target, ...(options.task ? { task: options.task } : {}), ...(options.positiveLabel !== undefined ? { positiveLabel: options.positiveLabel } : {}) });
  const plan: Plan = { drops: [], invalid: [], imputes: new Map(), encodes: [], dates: [], scaled: [] };
  for (const column of table.columns) if (column.name !== options.target) planColumn(plan, columnFacts(table, column));
  const dropped = plan.drops.map((d) => d.name);
  const dropWhy = plan.drops.map((d) => `"${d.name}": ${d.reason}`).join('; ');
  if (dropped.length === table.columns.length - 1) {
    throw new UserFacingError('no-features', `Every column besides the target would be dropped (${dropWhy}). Choose another target, or check that the file was read correctly.`);
  }
  const steps: RecipeStep[] = [
    ...duplicateStep(table),
    ...(dropped.length > 0 ? [{ id: 'drop-columns', kind: 'drop-columns', params: { columns: dropped }, why: dropWhy } satisfies RecipeStep] : []),
    ...plan.invalid,
    ...imputeSteps(plan),
    ...plan.encodes,
    ...plan.dates,
    ...(plan.scaled.length > 0 ? [{ id: 'scale', kind: 'scale', params: { columns: plan.scaled, method: 'standard' }, why: 'numeric features on very different ranges train slowly: center and scale them (mean 0, std 1), learned from the training rows' } satisfies RecipeStep] : []),
  ];
  const classification = target.task !== 'regression';
  return recipeFromJSON({
    version: 1,
    target: {
      column: options.target,
      task: target.task,
      ...(target.task === 'binary' ? { positiveLabel: target.positiveLabel } : {}),
      ...(classification ? {} : { scale: true }),
    },
    split: { train: 0.7, validation: 0.15, test: 0.15, stratify: classification, seed: 42 },
    steps,
  });
}
