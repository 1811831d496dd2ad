/** One prepared recipe per (dataset, recipe), shared by previews, the network preview and a run's start. */
import { beforeAll, describe, expect, it } from 'vitest';
import { prepare, preparePreview } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { convertColumnType } from '../../../engine/table/convert.ts';
import type { Table } from '../../../engine/table/table.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { PreparedRecipeCache } from '../../../main/services/prepared-recipes.ts';

let titanic: Table;
let recipe: Recipe;

beforeAll(async () => {
  titanic = (await loadTable('resources/samples/titanic.csv')).table;
  recipe = suggestRecipe(titanic, { target: 'Survived' });
});

describe('PreparedRecipeCache', () => {
  it('prepares a (dataset, recipe) once: the same matrices for every caller, equal to a run of their own', async () => {
    const recipes = new PreparedRecipeCache(() => titanic);
    const first = await recipes.prepared('d1', recipe);
    expect(await recipes.prepared('d1', structuredClone(recipe)), 'an equal recipe is the same recipe').toBe(first);
    expect(first).toEqual(prepare(titanic, recipe));
  });

  it('previews from the same stages, with what a preview of its own gives', async () => {
    const recipes = new PreparedRecipeCache(() => titanic);
    expect(await recipes.preview('d1', recipe, 5)).toEqual(preparePreview(titanic, recipe, 5));
    const prepared = await recipes.prepared('d1', recipe);
    const preview = await recipes.preview('d1', recipe, 0);
    expect(preview.fitted).toEqual(prepared.fitted);
    expect(preview.rows).toEqual({ train: prepared.train.rows, validation: prepared.validation.rows, test: prepared.test.rows });
  });

  it('prepares again for another recipe, and for the same dataset once a column changed type (a new table)', async () => {
    let table = titanic;
    const recipes = new PreparedRecipeCache(() => table);
    const first = await recipes.prepared('d1', recipe);
    const other = { ...recipe, split: { ...recipe.split, seed: 7 } };
    expect(await recipes.prepared('d1', other)).not.toBe(first);
    const again = await recipes.prepared('d1', recipe);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    table = { ...titanic, columns: titanic.columns.map((c) => (c.name === 'SibSp' ? convertColumnType(c, 'categorical') : c)) };
    // The recipe scales SibSp, which now holds text: the new table is prepared, not the matrices kept.
    await expect(recipes.prepared('d1', recipe)).rejects.toMatchObject({ stepId: 'scale', message: expect.stringContaining('"SibSp" holds text') });
  });

  it('keeps nothing for a table above its size limit', async () => {
    const recipes = new PreparedRecipeCache(() => titanic, titanic.rowCount * titanic.columns.length - 1);
    const first = await recipes.prepared('d1', recipe);
    expect(await recipes.prepared('d1', recipe)).not.toBe(first);
    expect(await recipes.prepared('d1', recipe)).toEqual(first);
  });

  it("fails with the engine's message for a recipe that cannot be prepared", async () => {
    const recipes = new PreparedRecipeCache(() => titanic);
    await expect(recipes.prepared('d1', { ...recipe, target: { column: 'colour' } })).rejects.toMatchObject({ name: 'UserFacingError', message: expect.stringContaining('colour') });
  });
});
