/**
 * Milliseconds main spends answering one `previewRecipe` (the Clean step asks on every edit) on
 * diabetes130_readmission.csv (101,766 × 50), the recipe suggested for `readmitted`: the first preview after
 * opening, an edit of the last step (the stages before it are reused) and of the first fill (every later step
 * runs again). Best and median of several runs.
 *   npx tsx bench/preview-bench.ts [--runs 7]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suggestRecipe } from '../engine/prep/index.ts';
import type { Recipe, RecipeStep } from '../engine/prep/types.ts';
import { createRecipeHandlers } from '../main/api/handlers/recipe-handlers.ts';
import type { Services } from '../main/api/handlers.ts';
import { loadTable } from '../main/io/load-table.ts';
import { DatasetStore } from '../main/services/dataset-store.ts';
import { PreparedRecipeCache } from '../main/services/prepared-recipes.ts';

const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/datasets/diabetes130_readmission.csv');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;

const datasets = new DatasetStore();
const summary = datasets.add(await loadTable(file), 'path', 'diabetes130_readmission.csv');
const recipes = new PreparedRecipeCache((datasetId) => datasets.get(datasetId).table);
const handlers = createRecipeHandlers({ datasets, recipes } as unknown as Services);
const suggested = suggestRecipe(datasets.get(summary.datasetId).table, { target: 'readmitted' });

/** The last scaled column moved to min–max, as the Scaling wizard does: only the last step changes. */
function lateEdit(recipe: Recipe): Recipe {
  const steps = recipe.steps.flatMap((s): RecipeStep[] => {
    if (s.kind !== 'scale') return [s];
    const last = s.params.columns.at(-1)!;
    return [{ ...s, params: { ...s.params, columns: s.params.columns.slice(0, -1) } }, { id: 'scale-min-max', kind: 'scale', params: { columns: [last], method: 'min-max' } }];
  });
  return { ...recipe, steps };
}

/** The first fill flagged as well, as the Missing values wizard does: every step after it runs again. */
function earlyEdit(recipe: Recipe): Recipe {
  const steps = recipe.steps.map((s): RecipeStep => (s.kind === 'impute' && !s.params.addIndicator ? { ...s, params: { ...s.params, addIndicator: true } } : s));
  return { ...recipe, steps };
}

const EDITS = { late: lateEdit, early: earlyEdit } as const;
const times: Record<keyof typeof EDITS, number[]> = { late: [], early: [] };
let first = 0;
let bytes = 0;
{
  const t0 = performance.now();
  const preview = await handlers.previewRecipe({ datasetId: summary.datasetId, recipe: suggested }, undefined as never);
  first = performance.now() - t0;
  if (!preview.ok) throw new Error(preview.message);
  bytes = JSON.stringify(preview).length;
  console.log(`features ${preview.features.length}, answer ${(bytes / 1024).toFixed(0)} KiB of JSON`);
}
for (let n = 0; n < runs; n++) {
  for (const kind of ['late', 'early'] as const) {
    // Each edit is timed from the suggested recipe, as the first change after opening would be.
    await handlers.previewRecipe({ datasetId: summary.datasetId, recipe: suggested }, undefined as never);
    const t0 = performance.now();
    const preview = await handlers.previewRecipe({ datasetId: summary.datasetId, recipe: EDITS[kind](suggested) }, undefined as never);
    times[kind].push(performance.now() - t0);
    if (!preview.ok) throw new Error(preview.message);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]): string => `best ${Math.min(...xs).toFixed(0)} ms, median ${median(xs).toFixed(0)} ms`;
console.log(`first preview after opening: ${first.toFixed(0)} ms`);
console.log(`an edit of the last step:    ${show(times.late)}`);
console.log(`an edit of the first fill:   ${show(times.early)}`);
