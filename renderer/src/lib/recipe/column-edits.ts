/**
 * The Dates and Log transform wizards' edits, as pure functions. A date column becomes its parts, and the parts
 * are scaled like any number when the recipe scales them (the suggestion standardizes them): adding or removing
 * a part keeps the scaling step naming only parts that exist, or the recipe could not run.
 */
import { DATE_PARTS, datePartName, DEFAULT_DATE_PARTS, type DatePart, type Recipe, type RecipeStep, type ScaleMethod } from '../../../../engine/prep/index.ts';
import { insertStep, replaceStep, scaleStepOf, setScaling, uniqueId } from './edits.ts';

type StepOf<K extends RecipeStep['kind']> = Extract<RecipeStep, { kind: K }>;

// Dates

export function dateStepOf(recipe: Recipe, column: string): StepOf<'date-parts'> | undefined {
  return recipe.steps.find((s): s is StepOf<'date-parts'> => s.kind === 'date-parts' && s.params.column === column);
}

export function datePartsOf(step: StepOf<'date-parts'> | undefined): readonly DatePart[] {
  return step ? (step.params.parts ?? DEFAULT_DATE_PARTS) : [];
}

/** How the parts of `column` are scaled: the method of the first scaled part, or null. */
export function datePartsScaling(recipe: Recipe, column: string): ScaleMethod | null {
  for (const part of datePartsOf(dateStepOf(recipe, column))) {
    const step = scaleStepOf(recipe, datePartName(column, part));
    if (step) return step.params.method;
  }
  return null;
}

/**
 * `column` split into `parts` (at least one, in the engine's order). Parts taken away leave the scaling step;
 * parts added are scaled like the others.
 */
export function setDateParts(recipe: Recipe, column: string, parts: readonly DatePart[]): Recipe {
  const current = dateStepOf(recipe, column);
  const before = datePartsOf(current);
  const ordered = DATE_PARTS.filter((p) => parts.includes(p));
  if (ordered.length === 0 || JSON.stringify(ordered) === JSON.stringify(before)) return recipe;
  const method = datePartsScaling(recipe, column);
  const step: RecipeStep = { id: current?.id ?? uniqueId(recipe, `dates-${column}`), kind: 'date-parts', params: { column, parts: ordered } };
  let next = current ? replaceStep(recipe, current.id, step) : insertStep(recipe, step);
  for (const part of before) if (!ordered.includes(part)) next = setScaling(next, datePartName(column, part), null);
  if (method) for (const part of ordered) next = setScaling(next, datePartName(column, part), method);
  return next;
}

/** Every part of `column` scaled by `method`, or none (null). */
export function setDatePartsScaling(recipe: Recipe, column: string, method: ScaleMethod | null): Recipe {
  let next = recipe;
  for (const part of datePartsOf(dateStepOf(recipe, column))) next = setScaling(next, datePartName(column, part), method);
  return next;
}

// Log transform

export function logStepOf(recipe: Recipe, column: string): StepOf<'log-transform'> | undefined {
  return recipe.steps.find((s): s is StepOf<'log-transform'> => s.kind === 'log-transform' && s.params.columns.includes(column));
}

/** `column` log-transformed or not; log-transformed columns share one step, which goes when it has none left. */
export function setLogTransform(recipe: Recipe, column: string, on: boolean): Recipe {
  const current = logStepOf(recipe, column);
  if (on === (current !== undefined)) return recipe;
  if (current) {
    const columns = current.params.columns.filter((c) => c !== column);
    return columns.length > 0 ? replaceStep(recipe, current.id, { ...current, params: { columns } }) : { ...recipe, steps: recipe.steps.filter((s) => s.id !== current.id) };
  }
  const mate = recipe.steps.find((s): s is StepOf<'log-transform'> => s.kind === 'log-transform');
  if (mate) return replaceStep(recipe, mate.id, { ...mate, params: { columns: [...mate.params.columns, column] } });
  return insertStep(recipe, { id: uniqueId(recipe, 'log-transform'), kind: 'log-transform', params: { columns: [column] } });
}
