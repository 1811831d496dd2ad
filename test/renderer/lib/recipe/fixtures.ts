/** The recipe edit tests' fixture: the titanic sample, its suggested recipe and its column profiles. */
import { prepare, recipeFromJSON, suggestRecipe, type Recipe } from '../../../../engine/prep/index.ts';
import { profileTable, type ColumnProfile } from '../../../../engine/table/profile.ts';
import { loadTable } from '../../../../main/io/load-table.ts';

export interface TitanicFixture {
  /** The recipe suggested for predicting Survived. */
  suggested: Recipe;
  profiles: Map<string, ColumnProfile>;
  /** Prepares the table with an edited recipe, after a trip through JSON (the recipe must still read back). */
  prepares(recipe: Recipe): ReturnType<typeof prepare>;
}

export async function titanicFixture(): Promise<TitanicFixture> {
  const table = (await loadTable('resources/samples/titanic.csv', {})).table;
  return {
    suggested: suggestRecipe(table, { target: 'Survived' }),
    profiles: new Map(profileTable(table).columns.map((c) => [c.name, c])),
    prepares: (recipe) => prepare(table, recipeFromJSON(JSON.parse(JSON.stringify(recipe)))),
  };
}
