/**
 * Recipes and fitted recipes to and from JSON, validated field by field so a hand-edited or corrupted file
 * gets a message naming the field. Both are plain JSON already; `…ToJSON` returns a checked deep copy
 * (finite numbers only, no -0) that reads back bit for bit.
 */
import { UserFacingError } from '../errors.ts';
import { COLUMN_TYPES } from '../table/table.ts';
import { JsonReader, invalidJson, type JsonDocument } from './json-reader.ts';
import { STEP_KINDS } from './steps/params.ts';
import { stepDefinition } from './steps/registry.ts';
import { TASKS, type FittedRecipe, type FittedStep, type FittedTarget, type InputColumn, type Recipe, type RecipeStep, type SplitSpec, type TargetChoice } from './types.ts';

export const RECIPE_VERSION = 1;
export const FITTED_RECIPE_FORMAT = 'layerlab-fitted-recipe';
const LOSSES = ['binary_crossentropy', 'sparse_categorical_crossentropy', 'mse'] as const;

function checkVersion(r: JsonReader, what: string): void {
  const version = r.number('version', 'a whole number', Number.isInteger);
  if (version > RECIPE_VERSION) {
    throw new UserFacingError(`${what.replace(' ', '-')}-too-new`, `This ${what} was saved by a newer Layerlab (version ${version}; this one reads up to ${RECIPE_VERSION}). Update Layerlab to open it.`);
  }
  if (version !== RECIPE_VERSION) r.fail('version', String(RECIPE_VERSION));
}

function parseTarget(r: JsonReader): TargetChoice {
  const task = r.optionalOneOf('task', TASKS);
  const positiveLabel = r.optionalString('positiveLabel');
  const scale = r.optionalBoolean('scale');
  return { column: r.string('column'), ...(task ? { task } : {}), ...(positiveLabel !== undefined ? { positiveLabel } : {}), ...(scale !== undefined ? { scale } : {}) };
}

function parseSplit(r: JsonReader): SplitSpec {
  const fraction = (key: string): number => r.number(key, 'a fraction from 0 to 1', (n) => n >= 0 && n <= 1);
  const split: SplitSpec = {
    train: r.number('train', 'a fraction above 0 and at most 1', (n) => n > 0 && n <= 1),
    validation: fraction('validation'),
    test: fraction('test'),
    stratify: r.boolean('stratify'),
    seed: r.number('seed', 'a whole number from 0 to 4294967295', (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff),
  };
  const sum = split.train + split.validation + split.test;
  if (Math.abs(sum - 1) > 1e-9) {
    invalidJson(r.document, r.at, `fractions adding up to 1 (train ${split.train} + validation ${split.validation} + test ${split.test} = ${sum})`, undefined);
  }
  return split;
}

function parseSteps(r: JsonReader): RecipeStep[] {
  const ids = new Set<string>();
  return r.list('steps').map((item, i) => {
    const s = JsonReader.object(item, `${r.at === '' ? '' : `${r.at}.`}steps[${i}]`, r.document);
    const id = s.string('id');
    if (ids.has(id)) s.fail('id', 'unique among the steps');
    ids.add(id);
    const kind = s.oneOf('kind', STEP_KINDS);
    const params = stepDefinition(kind).parseParams(s.raw('params'), `${s.at}.params`);
    const why = s.optionalString('why');
    return { id, kind, params, ...(why !== undefined ? { why } : {}) } as RecipeStep;
  });
}

function parseRecipe(json: unknown, at: string, document: JsonDocument): Recipe {
  const r = JsonReader.object(json, at, document);
  checkVersion(r, 'recipe');
  return { version: 1, target: parseTarget(r.object('target')), split: parseSplit(r.object('split')), steps: parseSteps(r) };
}

export function recipeFromJSON(json: unknown): Recipe {
  return parseRecipe(json, '', 'recipe');
}

/** A checked deep copy; a NaN or Infinity left in a field (say, from an empty form input) is reported by field. */
export function recipeToJSON(recipe: Recipe): Recipe {
  return recipeFromJSON(JSON.parse(JSON.stringify(recipe)));
}

function parseFittedTarget(r: JsonReader): FittedTarget {
  const task = r.oneOf('task', TASKS);
  const classLabels = task === 'regression' ? undefined : r.strings('classLabels');
  if (classLabels && (classLabels.length < 2 || new Set(classLabels).size !== classLabels.length)) r.fail('classLabels', 'at least two distinct labels');
  const outputWidth = r.number('outputWidth', 'a whole number of at least 1', (n) => Number.isInteger(n) && n >= 1);
  const expectedWidth = task === 'multiclass' ? classLabels!.length : 1;
  if (outputWidth !== expectedWidth) r.fail('outputWidth', String(expectedWidth));
  const positiveLabel = task === 'binary' ? r.string('positiveLabel') : undefined;
  if (positiveLabel !== undefined && positiveLabel !== classLabels![1]) r.fail('positiveLabel', `the second class label ("${classLabels![1]}")`);
  let scale: FittedTarget['scale'];
  if (task === 'regression' && r.has('scale')) {
    const s = r.object('scale');
    scale = { mean: s.number('mean'), std: s.number('std', 'a number above 0', (n) => n > 0) };
  }
  r.number('targetWidth', '1', (n) => n === 1);
  return {
    column: r.string('column'),
    task,
    ...(classLabels ? { classLabels } : {}),
    ...(positiveLabel !== undefined ? { positiveLabel } : {}),
    targetWidth: 1,
    outputWidth,
    loss: r.oneOf('loss', LOSSES),
    ...(scale ? { scale } : {}),
  };
}

function parseInputColumn(json: unknown, at: string): InputColumn {
  const r = JsonReader.object(json, at, 'fitted recipe');
  const storage = r.oneOf('storage', ['number', 'category'] as const);
  const min = storage === 'number' ? r.optionalNumber('min') : undefined;
  const max = storage === 'number' ? r.optionalNumber('max') : undefined;
  const categories = storage === 'category' && r.has('categories') ? r.strings('categories', false) : undefined;
  return {
    name: r.string('name'),
    type: r.oneOf('type', COLUMN_TYPES),
    storage,
    ...(categories ? { categories } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    missingAllowed: r.boolean('missingAllowed'),
  };
}

export function fittedRecipeFromJSON(json: unknown): FittedRecipe {
  const r = JsonReader.object(json, '', 'fitted recipe');
  if (r.raw('format') !== FITTED_RECIPE_FORMAT) r.fail('format', `"${FITTED_RECIPE_FORMAT}"`);
  checkVersion(r, 'fitted recipe');
  const recipe = parseRecipe(r.raw('recipe'), 'recipe', 'fitted recipe');
  const rawSteps = r.list('steps');
  if (rawSteps.length !== recipe.steps.length) r.fail('steps', `${recipe.steps.length} fitted steps, one per recipe step`);
  const steps = rawSteps.map((item, i): FittedStep => {
    const s = JsonReader.object(item, `steps[${i}]`, 'fitted recipe');
    const planned = recipe.steps[i]!;
    if (s.raw('id') !== planned.id) s.fail('id', `"${planned.id}" (the recipe's step ${i + 1})`);
    if (s.raw('kind') !== planned.kind) s.fail('kind', `"${planned.kind}"`);
    return { id: planned.id, kind: planned.kind, state: stepDefinition(planned.kind).parseState(s.raw('state'), `steps[${i}].state`) };
  });
  const target = parseFittedTarget(r.object('target'));
  if (target.column !== recipe.target.column) r.object('target').fail('column', `"${recipe.target.column}", the recipe's target`);
  return {
    format: FITTED_RECIPE_FORMAT,
    version: 1,
    recipe,
    steps,
    features: r.strings('features'),
    target,
    inputSchema: r.list('inputSchema').map((item, i) => parseInputColumn(item, `inputSchema[${i}]`)),
  };
}

export function fittedRecipeToJSON(fitted: FittedRecipe): FittedRecipe {
  return fittedRecipeFromJSON(plainCopy(fitted));
}

/**
 * A deep copy through the JSON data model that refuses what JSON would silently change: NaN and ±Infinity
 * (written as null) and -0 (written as 0). Fitted states are built without them, so meeting one is a bug.
 */
export function plainCopy<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) throw new Error(`cannot store ${String(v)} (at "${key}") in JSON exactly`);
      return v;
    }),
  ) as T;
}
