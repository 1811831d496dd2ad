/**
 * Milliseconds main spends answering one `previewRecipe` (the Clean step asks on every edit) on
 * diabetes130_readmission.csv (101,766 × 50), the recipe suggested for `readmitted`: the handler itself and
 * the JSON the transport sends, the first edit after opening and later ones. Best and median of several runs.
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

const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/datasets/diabetes130_readmission.csv');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;

const datasets = new DatasetStore();
const summary = datasets.add(await loadTable(file), 'path', 'diabetes130_readmission.csv');
const handlers = createRecipeHandlers({ datasets } as unknown as Services);
const suggested = suggestRecipe(datasets.get(summary.datasetId).table, { target: 'readmitted' });

/** An edit as the Scaling wizard makes one: the last scaled column moves to min–max, then back. */
function edited(recipe: Recipe, n: number): Recipe {
  if (n % 2 === 0) return recipe;
  const steps = recipe.steps.flatMap((s): RecipeStep[] => {
    if (s.kind !== 'scale') return [s];
    const last = s.params.columns.at(-1)!;
    return [{ ...s, params: { ...s.params, columns: s.params.columns.slice(0, -1) } }, { id: 'scale-min-max', kind: 'scale', params: { columns: [last], method: 'min-max' } }];
  });
  return { ...recipe, steps };
}

const handler: number[] = [];
const json: number[] = [];
for (let n = 0; n < runs; n++) {
  const t0 = performance.now();
  const preview = await handlers.previewRecipe({ datasetId: summary.datasetId, recipe: edited(suggested, n) }, undefined as never);
  const t1 = performance.now();
  const bytes = JSON.stringify(preview).length;
  const t2 = performance.now();
  if (!preview.ok) throw new Error(preview.message);
  handler.push(t1 - t0);
  json.push(t2 - t1);
  if (n === 0) console.log(`features ${preview.features.length}, response ${(bytes / 1024).toFixed(0)} KiB`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]): string => `first ${xs[0]!.toFixed(0)} ms, best ${Math.min(...xs).toFixed(0)} ms, median ${median(xs).toFixed(0)} ms`;
console.log(`previewRecipe handler: ${show(handler)}`);
console.log(`JSON of the answer:    ${show(json)}`);
