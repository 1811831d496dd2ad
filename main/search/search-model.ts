/**
 * A finished search as a model file: the final model (one network or an ensemble), the fitted recipe it
 * reads, how the search got there, and the baselines. The same file `layerlab train` writes, so
 * `layerlab predict` and every export read it.
 */
import { buildModelFile, type ModelFile, type ModelSearch, type ModelSource } from '../../engine/model/model-file.ts';
import { countParameters } from '../../engine/nn/network-spec.ts';
import type { FitHistory } from '../../engine/nn/fit-types.ts';
import type { NetworkJSON } from '../../engine/nn/network-json.ts';
import type { TrainingResult } from '../../engine/pipeline/train-job.ts';
import type { NetworkDesign, TrainingSettings } from '../../engine/pipeline/training-settings.ts';
import type { FittedRecipe } from '../../engine/prep/types.ts';
import type { TrialRecord } from '../../engine/search/final-model.ts';
import type { PreparedInfo } from './protocol.ts';
import { designOf, settingsOf } from '../../engine/search/trial-config.ts';
import { foldSeed } from '../../engine/search/trial.ts';
import type { SearchResult } from './search-session.ts';

export const SEARCH_METHOD =
  "Hyperband's successive halving (η = 3, synchronous rungs) over a portfolio of default networks, then a TPE-style sampler; each trial validated on the non-test rows (k-fold cross-validation, or one hold-out for large tables); greedy ensemble selection on the out-of-fold predictions";

/** The leaderboard rows a model file and the CLI keep. */
export const LEADERBOARD_ROWS = 10;

export function searchRecord(result: SearchResult): ModelSearch {
  const best = result.final.best;
  return {
    method: SEARCH_METHOD,
    folds: result.info.folds.length,
    seconds: result.seconds,
    trials: result.startedTrials,
    validation: { metric: result.fitted.target.task === 'regression' ? 'r2' : 'accuracy', mean: best.score!.mean, std: best.score!.std },
    leaderboard: result.leaderboard.slice(0, LEADERBOARD_ROWS).map((row) => ({ rank: row.rank, config: { ...row.config }, validation: row.validation, seconds: row.seconds })),
  };
}

/** The final model in the shape of an ordinary training result (its first network stands for the ensemble's). */
export function searchTrainingResult(result: SearchResult): TrainingResult {
  const { final, info, fitted } = result;
  const parameterCount = final.networks.reduce((n, net) => n + countParameters(net.spec).trainable, 0);
  return {
    fitted,
    network: final.networks[0]!,
    history: final.best.outcome.folds[0]!.history,
    reports: info.reports,
    // Each trial trains on one core: the search runs trials side by side instead.
    threads: 1,
    rows: { train: info.rows.nonTest, validation: 0, test: info.rows.test },
    parameterCount,
    test: result.test,
    validation: null,
  };
}

/** Any finished trial, ready to become an ordinary run ("Use this network"): its first fold's network and curves. */
export interface TrialRun {
  readonly fitted: FittedRecipe;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly network: NetworkJSON;
  readonly history: FitHistory;
  /** Its other folds' networks (cross-validated trials), which averaged with the first make the trial's model. */
  readonly otherFolds: readonly NetworkJSON[];
}

export function trialRun(info: PreparedInfo, record: TrialRecord): TrialRun {
  const { config, seed } = record.request;
  const [first, ...rest] = record.outcome.folds;
  return {
    fitted: info.fitted[config.inputs]!,
    design: designOf(config),
    settings: settingsOf(config, foldSeed(seed, 0)),
    network: first!.network,
    history: first!.history,
    otherFolds: rest.map((f) => f.network),
  };
}

export function searchModelFile(result: SearchResult, source: ModelSource, app: { name: string; version: string }): ModelFile {
  const best = result.final.best.request;
  return buildModelFile({
    result: searchTrainingResult(result),
    design: designOf(best.config),
    settings: settingsOf(best.config, foldSeed(best.seed, 0)),
    source,
    app,
    ensemble: { networks: result.final.networks, members: result.final.members },
    search: searchRecord(result),
    ...(result.baselines ? { baselines: result.baselines } : {}),
  });
}
