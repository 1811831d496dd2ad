/**
 * Layerlab's two entries in `bench:quality`, each as its command runs it: `layerlab train` with its defaults
 * and `layerlab search` (two worker threads), both trained on the split's training file only and scored by
 * their saved model file on its test file.
 */
import { availableParallelism } from 'node:os';
import { isUserFacingError } from '../../engine/errors.ts';
import { buildModelFile } from '../../engine/model/model-file.ts';
import { runPreparedJob } from '../../engine/pipeline/train-job.ts';
import { defaultHiddenUnits, denseStack, sizedTrainingSettings } from '../../engine/pipeline/training-settings.ts';
import { prepare } from '../../engine/prep/prepare.ts';
import { buildRecipe } from '../../main/cli/train-recipe.ts';
import { DEFAULT_ENSEMBLE_TRIALS } from '../../main/cli/commands/search.ts';
import { WorkerExecutor } from '../../main/search/executors.ts';
import { searchModelFile } from '../../main/search/search-model.ts';
import { SearchSession, type SearchResult } from '../../main/search/search-session.ts';
import { describeConfig } from '../../engine/search/trial-config.ts';
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
  /** Why Layerlab refused the table (its one-line message): no model, so the table counts as not on par. */
  readonly refused?: string;
}

/**
 * The run, or — when Layerlab refuses the table as it would refuse a user (a UserFacingError) — a run with no
 * score that says why, so one refused table is counted against Layerlab instead of ending the whole benchmark.
 */
export async function orRefused(run: () => LayerlabRun | Promise<LayerlabRun>): Promise<LayerlabRun> {
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    return { score: Number.NaN, rejected: 0, seconds: (performance.now() - started) / 1000, refused: error.message };
  }
}

function recipeFor(split: FileSplit, dataset: QualityDataset, validation: number) {
  return buildRecipe(split.train, { target: dataset.target, drop: [], ...(dataset.task ? { task: dataset.task } : {}), split: { test: 0, validation, seed: SEED } });
}

export function trainDefaults(split: FileSplit, dataset: QualityDataset): LayerlabRun {
  const started = performance.now();
  const prepared = prepare(split.train, recipeFor(split, dataset, 0.1));
  // As `layerlab train` chooses them (main/cli/commands/train.ts).
  const design = { hidden: denseStack(defaultHiddenUnits(prepared.fitted.features.length, prepared.fitted.target.outputWidth)) };
  const settings = sizedTrainingSettings(prepared.train.rows);
  const result = runPreparedJob({ prepared, design, settings });
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

/** The search's leaderboard in a few lines (`--leaderboard`): what ran, how long, how well. */
function leaderboardLines(result: SearchResult, top: number): string[] {
  return result.leaderboard.slice(0, top).map((r) => `  #${r.rank} trial ${r.trial} · ${describeConfig(r.config)} · epochs ${r.epochs.toFixed(0)}/${r.config.epochs} · ${r.seconds.toFixed(1)} s · validation ${r.validation.mean.toFixed(4)}`);
}

export async function search(split: FileSplit, dataset: QualityDataset, limit: { budgetSeconds?: number; trials?: number }, clock?: () => number, log?: (line: string) => void): Promise<LayerlabRun> {
  const started = performance.now();
  const session = new SearchSession(split.train, recipeFor(split, dataset, 0), { ...limit, folds: 'auto', seed: SEED, ensembleTrials: DEFAULT_ENSEMBLE_TRIALS, ...(clock ? { clock } : {}) }, new WorkerExecutor(WORKERS));
  const result = await session.run();
  if (log) {
    log(`${dataset.name}: ${result.startedTrials} trials started, ${result.trials.length} scored, ${result.final.trials.length} in the final model, context epochs ${result.context.epochs}`);
    for (const line of leaderboardLines(result, 8)) log(line);
  }
  const file = searchModelFile(result, SOURCE, APP);
  return { ...scoreModelFile(file, split.test), seconds: (performance.now() - started) / 1000, trials: result.startedTrials, networks: result.final.networks.length };
}
