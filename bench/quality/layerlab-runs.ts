/**
 * Layerlab's two entries in `bench:quality`, each as its command runs it: `layerlab train` with its defaults
 * and `layerlab search` (two worker threads), both trained on the split's training file only and scored by
 * their saved model file on its test file.
 */
import { availableParallelism } from 'node:os';
import { buildModelFile } from '../../engine/model/model-file.ts';
import { runTrainingJob } from '../../engine/pipeline/train-job.ts';
import { DEFAULT_HIDDEN_UNITS, defaultTrainingSettings, denseStack } from '../../engine/pipeline/training-settings.ts';
import { buildRecipe } from '../../main/cli/train-recipe.ts';
import { DEFAULT_ENSEMBLE_TRIALS } from '../../main/cli/commands/search.ts';
import { WorkerExecutor } from '../../main/search/executors.ts';
import { searchModelFile } from '../../main/search/search-model.ts';
import { SearchSession } from '../../main/search/search-session.ts';
import type { QualityDataset } from './datasets.ts';
import type { FileSplit } from './file-split.ts';
import { scoreModelFile, type TestScore } from './score.ts';

const SOURCE = { name: 'bench.csv', sha256: '0'.repeat(64), rows: 0 };
const APP = { name: 'Layerlab', version: 'bench' };
const SEED = 42;

export interface LayerlabRun extends TestScore {
  readonly seconds: number;
  readonly trials?: number;
  readonly networks?: number;
}

function recipeFor(split: FileSplit, dataset: QualityDataset, validation: number) {
  return buildRecipe(split.train, { target: dataset.target, drop: [], ...(dataset.task ? { task: dataset.task } : {}), split: { test: 0, validation, seed: SEED } });
}

export function trainDefaults(split: FileSplit, dataset: QualityDataset): LayerlabRun {
  const started = performance.now();
  const design = { hidden: denseStack(DEFAULT_HIDDEN_UNITS) };
  const settings = defaultTrainingSettings();
  const result = runTrainingJob({ table: split.train, recipe: recipeFor(split, dataset, 0.1), design, settings });
  const file = buildModelFile({ result, design, settings, source: SOURCE, app: APP });
  return { ...scoreModelFile(file, split.test), seconds: (performance.now() - started) / 1000 };
}

/** The process's CPU milliseconds (every thread) per worker: what a quiet machine's wall clock would read. */
export function cpuClock(workers: number): () => number {
  return () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000 / workers;
  };
}

export const WORKERS = Math.max(1, Math.min(2, availableParallelism()));

export async function search(split: FileSplit, dataset: QualityDataset, limit: { budgetSeconds?: number; trials?: number }, clock?: () => number): Promise<LayerlabRun> {
  const started = performance.now();
  const session = new SearchSession(split.train, recipeFor(split, dataset, 0), { ...limit, folds: 'auto', seed: SEED, ensembleTrials: DEFAULT_ENSEMBLE_TRIALS, ...(clock ? { clock } : {}) }, new WorkerExecutor(WORKERS));
  const result = await session.run();
  const file = searchModelFile(result, SOURCE, APP);
  return { ...scoreModelFile(file, split.test), seconds: (performance.now() - started) / 1000, trials: result.startedTrials, networks: result.final.networks.length };
}
