/**
 * What the Clean step's wizards do to a recipe, as pure functions: each takes a recipe and returns a new one
 * (the old one is kept for undo). The wizards think per column ("Age: fill with the mean"), the recipe keeps
 * steps that may cover several columns; these functions move a column between steps, split a shared step when
 * one of its columns changes, and drop steps left empty.
 */
import type { ColumnProfile } from '../../../../engine/table/profile.ts';
import { DATE_PARTS, datePartName, DEFAULT_DATE_PARTS } from '../../../../engine/prep/index.ts';
import type {
  EncodeMethod,
  ImputeStrategy,
  OutlierParams,
  Recipe,
  RecipeStep,
  ScaleMethod,
  SplitSpec,
  StepKind,
  Task,
  ValidityRule,
} from '../../../../engine/prep/index.ts';

type StepOf<K extends StepKind> = Extract<RecipeStep, { kind: K }>;

/** Steps that clean cells come before those that reshape columns; a new step of a kind goes after its kind. */
const STAGE: Record<StepKind, number> = {
  'drop-duplicates': 0,
  'filter-rows': 0,
  'drop-columns': 1,
  'invalid-values': 2,
  outliers: 3,
  impute: 4,
  'log-transform': 5,
  'date-parts': 6,
  encode: 7,
  scale: 8,
  'piecewise-linear': 8,
};

export function uniqueId(recipe: Recipe, base: string): string {
  const ids = new Set(recipe.steps.map((s) => s.id));
  if (!ids.has(base)) return base;
  for (let n = 2; ; n++) if (!ids.has(`${base}-${n}`)) return `${base}-${n}`;
}

function withSteps(recipe: Recipe, steps: readonly RecipeStep[]): Recipe {
  return { ...recipe, steps };
}

/** Adds `step` after the last step of its stage or an earlier one, so it runs where it makes sense. */
export function insertStep(recipe: Recipe, step: RecipeStep, at?: number): Recipe {
  const steps = [...recipe.steps];
  let index = at ?? 0;
  if (at === undefined) steps.forEach((s, i) => STAGE[s.kind] <= STAGE[step.kind] && (index = i + 1));
  steps.splice(index, 0, step);
  return withSteps(recipe, steps);
}

export function removeStep(recipe: Recipe, id: string): Recipe {
  return withSteps(
    recipe,
    recipe.steps.filter((s) => s.id !== id),
  );
}

export function replaceStep(recipe: Recipe, id: string, step: RecipeStep): Recipe {
  return withSteps(
    recipe,
    recipe.steps.map((s) => (s.id === id ? step : s)),
  );
}

export function moveStep(recipe: Recipe, id: string, by: -1 | 1): Recipe {
  const from = recipe.steps.findIndex((s) => s.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= recipe.steps.length) return recipe;
  const steps = [...recipe.steps];
  [steps[from], steps[to]] = [steps[to]!, steps[from]!];
  return withSteps(recipe, steps);
}

function stepsOf<K extends StepKind>(recipe: Recipe, kind: K): StepOf<K>[] {
  return recipe.steps.filter((s): s is StepOf<K> => s.kind === kind);
}

/**
 * Takes `column` out of every `kind` step that lists it in `columns`; a step left with no column goes.
 * Returns the recipe and where the first such step stood (to put a replacement there).
 */
function withoutColumn(recipe: Recipe, kind: 'impute' | 'outliers' | 'scale' | 'log-transform', column: string): { recipe: Recipe; at: number | undefined; from: RecipeStep | undefined } {
  let at: number | undefined;
  let from: RecipeStep | undefined;
  const steps: RecipeStep[] = [];
  recipe.steps.forEach((step) => {
    if (step.kind !== kind || !step.params.columns.includes(column)) return void steps.push(step);
    at ??= steps.length;
    from ??= step;
    const columns = step.params.columns.filter((c) => c !== column);
    if (columns.length > 0) steps.push({ ...step, params: { ...step.params, columns } } as RecipeStep);
  });
  return { recipe: withSteps(recipe, steps), at, from };
}

// Missing values

export function imputeStepOf(recipe: Recipe, column: string): StepOf<'impute'> | undefined {
  return stepsOf(recipe, 'impute').find((s) => s.params.columns.includes(column));
}

/** A fill for `constant` when the user has not typed one: 0 for numbers, a new category for text. */
export function defaultConstant(profile: Pick<ColumnProfile, 'storage'>): number | string {
  return profile.storage === 'number' ? 0 : '(missing)';
}

/**
 * `column`'s empty cells handled by `strategy` (null: not handled). The column leaves the step it shared; it
 * joins a step with the same strategy and flag when there is one, else gets a step of its own in its old place.
 */
export function setImpute(recipe: Recipe, column: string, strategy: ImputeStrategy | null, options: { value?: number | string; addIndicator?: boolean } = {}): Recipe {
  const current = imputeStepOf(recipe, column);
  // Removed rows leave no gap to flag.
  const addIndicator = strategy !== 'drop-rows' && (options.addIndicator ?? current?.params.addIndicator ?? false);
  if (current && strategy === current.params.strategy && addIndicator === (current.params.addIndicator ?? false) && options.value === current.params.value) return recipe;
  const { recipe: without, at } = withoutColumn(recipe, 'impute', column);
  if (strategy === null) return without;
  const value = strategy === 'constant' ? options.value : undefined;
  const mate = value === undefined ? stepsOf(without, 'impute').find((s) => s.params.strategy === strategy && (s.params.addIndicator ?? false) === addIndicator && s.params.value === undefined) : undefined;
  if (mate) return replaceStep(without, mate.id, { ...mate, params: { ...mate.params, columns: [...mate.params.columns, column] } });
  const step: RecipeStep = {
    id: uniqueId(without, `impute-${column}`),
    kind: 'impute',
    params: { columns: [column], strategy, ...(value !== undefined ? { value } : {}), ...(addIndicator ? { addIndicator } : {}) },
  };
  return insertStep(without, step, at);
}

// Outliers

export type OutlierChoice = Omit<OutlierParams, 'columns'>;

export function outlierStepOf(recipe: Recipe, column: string): StepOf<'outliers'> | undefined {
  return stepsOf(recipe, 'outliers').find((s) => s.params.columns.includes(column));
}

/** Outliers of `column` handled by `choice` (null: left alone), in a step of its own. */
export function setOutliers(recipe: Recipe, column: string, choice: OutlierChoice | null): Recipe {
  const { recipe: without, at } = withoutColumn(recipe, 'outliers', column);
  if (choice === null) return without;
  return insertStep(without, { id: uniqueId(without, `outliers-${column}`), kind: 'outliers', params: { ...choice, columns: [column] } }, at);
}

// Invalid values

export interface ValidityChoice {
  readonly rule: ValidityRule;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly (string | number)[];
  readonly action: 'missing' | 'drop-row';
}

export function validityStepOf(recipe: Recipe, column: string): StepOf<'invalid-values'> | undefined {
  return stepsOf(recipe, 'invalid-values').find((s) => s.params.column === column);
}

export function setValidity(recipe: Recipe, column: string, choice: ValidityChoice | null): Recipe {
  const current = validityStepOf(recipe, column);
  if (choice === null) return current ? removeStep(recipe, current.id) : recipe;
  const step: RecipeStep = { id: current?.id ?? uniqueId(recipe, `invalid-${column}`), kind: 'invalid-values', params: { column, ...choice } };
  return current ? replaceStep(recipe, current.id, step) : insertStep(recipe, step);
}

/**
 * Cells an invalid-values step empties need a fill, or the recipe cannot run: a column without one gets the
 * suggestion's (median for numbers, most frequent value otherwise).
 */
export function ensureFill(recipe: Recipe, profile: Pick<ColumnProfile, 'name' | 'storage' | 'type'>): Recipe {
  const empties = validityStepOf(recipe, profile.name)?.params.action === 'missing';
  if (!empties || imputeStepOf(recipe, profile.name)) return recipe;
  return setImpute(recipe, profile.name, profile.storage === 'number' && profile.type !== 'boolean' ? 'median' : 'most-frequent');
}

// Categories

export function encodeStepOf(recipe: Recipe, column: string): StepOf<'encode'> | undefined {
  return stepsOf(recipe, 'encode').find((s) => s.params.column === column);
}

/** `order` is needed for ordinal: every level, lowest first. */
export function setEncoding(recipe: Recipe, column: string, method: EncodeMethod, order?: readonly string[]): Recipe {
  const current = encodeStepOf(recipe, column);
  const params = method === 'one-hot' ? { column, method, maxLevels: current?.params.maxLevels ?? 20 } : method === 'ordinal' ? { column, method, order: order ?? [] } : { column, method };
  const step: RecipeStep = { id: current?.id ?? uniqueId(recipe, `encode-${column}`), kind: 'encode', params };
  return current ? replaceStep(recipe, current.id, step) : insertStep(recipe, step);
}

// Scaling

export function scaleStepOf(recipe: Recipe, column: string): StepOf<'scale'> | undefined {
  return stepsOf(recipe, 'scale').find((s) => s.params.columns.includes(column));
}

/** `column` scaled by `method` (null: not scaled); columns with the same method share one step. */
export function setScaling(recipe: Recipe, column: string, method: ScaleMethod | null): Recipe {
  const current = scaleStepOf(recipe, column);
  if (current?.params.method === method) return recipe;
  const { recipe: without, at } = withoutColumn(recipe, 'scale', column);
  if (method === null) return without;
  const mate = stepsOf(without, 'scale').find((s) => s.params.method === method);
  if (mate) return replaceStep(without, mate.id, { ...mate, params: { ...mate.params, columns: [...mate.params.columns, column] } });
  return insertStep(without, { id: uniqueId(without, method === 'standard' ? 'scale' : `scale-${method}`), kind: 'scale', params: { columns: [column], method } }, at);
}

// Columns kept or dropped

export function droppedColumns(recipe: Recipe): readonly string[] {
  return stepsOf(recipe, 'drop-columns').flatMap((s) => s.params.columns);
}

/** What a column read from the file needs to become a feature, when it is kept after all. */
function handlingFor(recipe: Recipe, profile: ColumnProfile): Recipe {
  const name = profile.name;
  let next = recipe;
  if (profile.missing > 0) next = setImpute(next, name, profile.storage === 'number' ? 'median' : 'most-frequent');
  if (profile.storage === 'category') return setEncoding(next, name, profile.distinct === 2 ? 'binary' : 'one-hot');
  if (profile.type === 'datetime') {
    next = insertStep(next, { id: uniqueId(next, `dates-${name}`), kind: 'date-parts', params: { column: name } });
    for (const part of DEFAULT_DATE_PARTS) next = setScaling(next, datePartName(name, part), 'standard');
    return next;
  }
  return profile.type === 'boolean' ? next : setScaling(next, name, 'standard');
}

/**
 * Dropping a column also takes it out of every step that would read it (they would fail on a missing column);
 * keeping a dropped column gives it the handling the suggestion would: fill, encode or scale.
 */
export function setDropped(recipe: Recipe, profile: ColumnProfile, dropped: boolean): Recipe {
  const name = profile.name;
  if (dropped === droppedColumns(recipe).includes(name)) return recipe;
  if (!dropped) {
    const steps = recipe.steps.flatMap((s): RecipeStep[] => {
      if (s.kind !== 'drop-columns' || !s.params.columns.includes(name)) return [s];
      const columns = s.params.columns.filter((c) => c !== name);
      return columns.length > 0 ? [{ ...s, params: { columns } }] : [];
    });
    return handlingFor(withSteps(recipe, steps), profile);
  }
  let next = recipe;
  for (const kind of ['impute', 'outliers', 'scale', 'log-transform'] as const) next = withoutColumn(next, kind, name).recipe;
  // A date's parts go with it, and with them their scaling.
  for (const part of DATE_PARTS) next = withoutColumn(next, 'scale', datePartName(name, part)).recipe;
  next = withSteps(
    next,
    next.steps.filter((s) => !((s.kind === 'encode' || s.kind === 'invalid-values' || s.kind === 'date-parts') && s.params.column === name)),
  );
  const drop = stepsOf(next, 'drop-columns')[0];
  if (drop) return replaceStep(next, drop.id, { ...drop, params: { columns: [...drop.params.columns, name] } });
  return insertStep(next, { id: uniqueId(next, 'drop-columns'), kind: 'drop-columns', params: { columns: [name] } });
}

// Target and split

/** The task chosen by the user; classification keeps its split stratified, regression scales its target. */
export function setTask(recipe: Recipe, task: Task, positiveLabel?: string): Recipe {
  const target = { column: recipe.target.column, task, ...(task === 'binary' && positiveLabel !== undefined ? { positiveLabel } : {}), ...(task === 'regression' ? { scale: recipe.target.scale ?? true } : {}) };
  const stratify = task === 'regression' ? false : recipe.target.task === 'regression' ? true : recipe.split.stratify;
  return { ...recipe, target, split: { ...recipe.split, stratify } };
}

export interface SplitPercents {
  readonly validation: number;
  readonly test: number;
}

/** Validation and test in whole percent; training gets the rest, so the three always add up to 1. */
export function setSplit(recipe: Recipe, change: Partial<SplitPercents & Pick<SplitSpec, 'stratify' | 'seed'>>): Recipe {
  const validation = change.validation ?? Math.round(recipe.split.validation * 100);
  const test = change.test ?? Math.round(recipe.split.test * 100);
  const split: SplitSpec = {
    train: (100 - validation - test) / 100,
    validation: validation / 100,
    test: test / 100,
    stratify: change.stratify ?? recipe.split.stratify,
    seed: change.seed ?? recipe.split.seed,
  };
  return { ...recipe, split };
}

/** Why a split cannot be used, or null: training keeps at least half, validation and test 0–40% each. */
export function splitProblem(percents: SplitPercents): string | null {
  const { validation, test } = percents;
  if (![validation, test].every((p) => Number.isInteger(p) && p >= 0 && p <= 40)) return 'Validation and test take 0 to 40% each, in whole percent.';
  if (validation + test > 50) return `Validation and test take ${validation + test}% together, which leaves less than half the rows to learn from. Keep them at 50% or less together.`;
  return null;
}
