import { describe, expect, it } from 'vitest';
import { prepare } from '../../../engine/prep/prepare.ts';
import { fittedRecipeFromJSON, fittedRecipeToJSON, plainCopy, recipeFromJSON, recipeToJSON } from '../../../engine/prep/recipe-json.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { cat, errorOf, num, tableOf } from './fixtures.ts';

const RECIPE: Recipe = {
  version: 1,
  target: { column: 'y', positiveLabel: 'yes' },
  split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 },
  steps: [
    { id: 'fill', kind: 'impute', params: { columns: ['x'], strategy: 'mean' }, why: 'x has gaps' },
    { id: 'clip', kind: 'outliers', params: { columns: ['x'], method: 'iqr', k: 1.5, action: 'clip' } },
    { id: 'geo', kind: 'encode', params: { column: 'g', method: 'one-hot', maxLevels: 2 } },
    { id: 'scale', kind: 'scale', params: { columns: ['x'], method: 'standard' } },
  ],
};

/** Values chosen to need all 17 significant digits: thirds, tiny and huge magnitudes. */
function awkwardTable() {
  const n = 40;
  return tableOf(
    num('x', Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : (i / 3) * 1e-7 + (i % 2 ? 123456789.123456789 : 0.1 + 0.2)))),
    cat('g', Array.from({ length: n }, (_, i) => ['a', 'b', 'c', 'd'][i % 4]!)),
    cat('y', Array.from({ length: n }, (_, i) => (i % 3 ? 'no' : 'yes'))),
  );
}

/** Every number in `a` is the same double as in `b` (Object.is: 0 ≠ -0, NaN = NaN). */
function sameNumbers(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number' && Object.is(a, b);
  if (typeof a !== 'object' || a === null) return a === b;
  if (typeof b !== 'object' || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => sameNumbers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

describe('recipe JSON', () => {
  it('reads back what it writes', () => {
    expect(recipeFromJSON(JSON.parse(JSON.stringify(recipeToJSON(RECIPE))))).toEqual(RECIPE);
  });

  it('names the exact field that is wrong', () => {
    const at = (json: unknown): string => errorOf(() => recipeFromJSON(json)).message;
    expect(at({ ...RECIPE, target: { task: 'binary' } })).toBe('Invalid recipe: "target.column" should be a non-empty text, found nothing.');
    expect(at({ ...RECIPE, steps: [{ id: 'a', kind: 'smooth', params: {} }] })).toContain('"steps[0].kind" should be one of drop-columns, drop-duplicates');
    expect(at({ ...RECIPE, steps: [{ id: 'a', kind: 'scale', params: { columns: [], method: 'standard' } }] })).toContain('"steps[0].params.columns" should be a non-empty list of texts');
    expect(at({ ...RECIPE, steps: [RECIPE.steps[0], RECIPE.steps[0]] })).toContain('"steps[1].id" should be unique among the steps');
    expect(at({ ...RECIPE, split: { ...RECIPE.split, seed: 1.5 } })).toContain('"split.seed" should be a whole number');
    expect(errorOf(() => recipeFromJSON('{}')).code).toBe('invalid-recipe');
  });

  it('asks for a newer Layerlab for a recipe from the future', () => {
    const error = errorOf(() => recipeFromJSON({ ...RECIPE, version: 2 }));
    expect(error.code).toBe('recipe-too-new');
    expect(error.message).toContain('Update Layerlab');
  });

  it('turns -0 into 0, which is what JSON would make of it anyway', () => {
    const recipe = recipeFromJSON({ ...RECIPE, steps: [{ id: 'f', kind: 'filter-rows', params: { column: 'x', rule: 'range', min: -0, action: 'keep' } }] });
    const step = recipe.steps[0]!;
    expect(step.kind === 'filter-rows' && Object.is(step.params.min, 0)).toBe(true);
  });
});

describe('fitted recipe JSON', () => {
  it('round-trips every learned number bit for bit', () => {
    const fitted = prepare(awkwardTable(), RECIPE).fitted;
    const back = fittedRecipeFromJSON(JSON.parse(JSON.stringify(fittedRecipeToJSON(fitted))));
    expect(sameNumbers(back, fitted)).toBe(true);
    expect(back).toEqual(fitted);
  });

  it('refuses NaN, Infinity and -0, which JSON cannot carry exactly', () => {
    expect(() => plainCopy({ a: NaN })).toThrow(/cannot store NaN/);
    expect(() => plainCopy({ b: [Infinity] })).toThrow(/cannot store Infinity/);
    expect(() => plainCopy({ c: -0 })).toThrow(/cannot store 0/);
  });

  it('names the field of a damaged fitted recipe', () => {
    const json = JSON.parse(JSON.stringify(prepare(awkwardTable(), RECIPE).fitted));
    json.steps[3].state.columns[0].scale = 0;
    expect(errorOf(() => fittedRecipeFromJSON(json)).message).toBe('Invalid fitted recipe: "steps[3].state.columns[0].scale" should be a number above 0, found 0.');
    json.steps.pop();
    expect(errorOf(() => fittedRecipeFromJSON(json)).message).toContain('"steps" should be 4 fitted steps');
    expect(errorOf(() => fittedRecipeFromJSON({ ...json, format: 'keras' })).message).toContain('"format" should be "layerlab-fitted-recipe"');
  });

  it('checks that the target matches the recipe and its classes', () => {
    const json = JSON.parse(JSON.stringify(prepare(awkwardTable(), RECIPE).fitted));
    expect(errorOf(() => fittedRecipeFromJSON({ ...json, target: { ...json.target, positiveLabel: 'no' } })).message).toContain('"target.positiveLabel" should be the second class label ("yes")');
    expect(errorOf(() => fittedRecipeFromJSON({ ...json, target: { ...json.target, outputWidth: 2 } })).message).toContain('"target.outputWidth" should be 1');
  });
});

describe('recipe JSON from a form', () => {
  it('reports a NaN left in a number field by its path, as a user mistake', () => {
    const recipe = { ...RECIPE, steps: [{ id: 'f', kind: 'filter-rows', params: { column: 'x', rule: 'range', min: NaN, action: 'keep' } }] } as unknown as Recipe;
    const error = errorOf(() => recipeToJSON(recipe));
    expect(error.code).toBe('invalid-recipe');
    expect(error.message).toBe('Invalid recipe: "steps[0].params.min" should be a finite number, found null.');
  });
});
