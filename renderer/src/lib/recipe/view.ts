/** What the Clean step shows about a recipe and its preview, as pure functions over them. */
import { describeFilter, stepDefinition, type Recipe, type RecipeStep, type StepKind } from '../../../../engine/prep/index.ts';
import type { ColumnProfile } from '../../../../engine/table/profile.ts';
import type { PreviewStage, RecipePreview } from '../../../../main/api/calls/recipe-calls.ts';
import { droppedColumns } from './edits.ts';

export type OkPreview = Extract<RecipePreview, { ok: true }>;

export const KIND_LABEL: Record<StepKind, string> = {
  'drop-columns': 'Columns left out',
  'drop-duplicates': 'Duplicate rows',
  'filter-rows': 'Row filter',
  impute: 'Missing values',
  outliers: 'Outliers',
  'invalid-values': 'Invalid values',
  encode: 'Categories',
  scale: 'Scaling',
  'log-transform': 'Log transform',
  'date-parts': 'Dates',
  'piecewise-linear': 'Numbers in pieces',
};

/**
 * The step in words. A filter on a date column (`dates` names them) reads its bounds as dates; the step alone,
 * which sees only the numbers a date is stored as, would write milliseconds.
 */
export function describeStep(step: RecipeStep, dates: ReadonlySet<string> = new Set()): string {
  if (step.kind === 'filter-rows') return describeFilter(step.params, dates.has(step.params.column));
  return stepDefinition(step.kind).describe(step.params);
}

export function stageOf(preview: RecipePreview | null, id: string): PreviewStage | undefined {
  return preview?.ok ? preview.stages.find((s) => s.report.stepId === id) : undefined;
}

/** The columns of the file the recipe keeps as features (not the target, not dropped), in file order. */
export function featureSources(recipe: Recipe, columns: readonly ColumnProfile[]): ColumnProfile[] {
  const dropped = new Set(droppedColumns(recipe));
  return columns.filter((c) => c.name !== recipe.target.column && !dropped.has(c.name));
}

/** Numbers a network can read once filled and scaled (not dates, which become parts, nor 0/1 flags). */
/**
 * The column a per-column wizard shows: the first column of the `kind` step the recipe list asked to edit, else
 * the one the user picked, else the first.
 */
export function shownColumn<C extends { name: string }>(columns: readonly C[], recipe: Recipe, editing: string | null, kind: StepKind, chosen: string | null): C | undefined {
  const edited = recipe.steps.find((s) => s.id === editing && s.kind === kind)?.params as { columns?: string[] } | undefined;
  return columns.find((c) => c.name === edited?.columns?.[0]) ?? columns.find((c) => c.name === chosen) ?? columns[0];
}

export function isQuantity(column: ColumnProfile): boolean {
  return column.storage === 'number' && column.type !== 'datetime' && column.type !== 'boolean';
}

/** The bounds an outlier step learned for `column`, from the preview. */
export function learnedBounds(preview: RecipePreview | null, stepId: string, column: string): { low: number; high: number } | undefined {
  if (!preview?.ok) return undefined;
  const state = preview.states[stepId] as { bounds?: readonly { column: string; low: number; high: number }[] } | undefined;
  return state?.bounds?.find((b) => b.column === column);
}

/** `part` of `whole` in percent as a person reads it: whole numbers, one decimal below 1% ("0.2%"). */
export function share(part: number, whole: number): string {
  const p = whole > 0 ? (100 * part) / whole : 0;
  return `${p > 0 && p < 1 ? p.toFixed(1) : Math.round(p)}%`;
}
