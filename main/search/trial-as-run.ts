/**
 * A finished search trial in the shape of an ordinary training run: its first fold's network (scored once, now,
 * on the test rows), that fold's curves as epoch events, its design and settings. What "Use this network" keeps.
 */
import type { ModelBaselines } from '../../engine/model/model-file.ts';
import type { EpochEvent, FitHistory, TrainBeginEvent } from '../../engine/nn/fit-types.ts';
import { countParameters } from '../../engine/nn/network-spec.ts';
import type { TrainingResult } from '../../engine/pipeline/train-job.ts';
import type { NetworkDesign, TrainingSettings } from '../../engine/pipeline/training-settings.ts';
import type { TrialRecord } from '../../engine/search/final-model.ts';
import type { SearchExecutor } from './executors.ts';
import type { PreparedInfo } from './protocol.ts';
import { trialRun } from './search-model.ts';

export interface TrialAsRun {
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly result: TrainingResult;
  readonly epochs: readonly EpochEvent[];
  readonly begin: TrainBeginEvent;
}

/** The history's per-epoch values as the epoch events a live run would have sent. */
export function epochEvents(history: FitHistory): EpochEvent[] {
  const n = history.epochsCompleted;
  const keys = Object.keys(history.history).filter((k) => k !== 'learning_rate');
  const rates = history.history.learning_rate ?? [];
  return Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    epochs: n,
    logs: Object.fromEntries(keys.flatMap((k) => (history.history[k]![i] === undefined ? [] : [[k, history.history[k]![i]!]]))),
    learningRate: rates[i] ?? 0,
    epochSeconds: history.seconds / Math.max(1, n),
    bestEpoch: history.bestEpoch,
    samplesPerSecond: history.samplesPerSecond,
    elapsedSeconds: (history.seconds * (i + 1)) / Math.max(1, n),
    etaSeconds: 0,
  }));
}

export async function trialAsRun(info: PreparedInfo, record: TrialRecord, executor: SearchExecutor, baselines: ModelBaselines | null): Promise<TrialAsRun> {
  const run = trialRun(info, record);
  const test = await executor.test(record.request.config.inputs, [run.network]);
  const fold = info.folds[0]!;
  const result: TrainingResult = {
    fitted: run.fitted,
    network: run.network,
    history: run.history,
    reports: info.reports,
    // Each trial trains on one core: the search runs trials side by side instead.
    threads: 1,
    rows: { train: fold.train, validation: fold.validation, test: info.rows.test },
    parameterCount: countParameters(run.network.spec).trainable,
    test,
    validation: null,
    ...(baselines ? { baselines } : {}),
  };
  const begin: TrainBeginEvent = {
    epochs: run.settings.epochs,
    batchesPerEpoch: Math.ceil(fold.train / run.settings.batchSize),
    trainRows: fold.train,
    validationRows: fold.validation,
    learningRate: run.history.history.learning_rate?.[0] ?? 0,
  };
  return { design: run.design, settings: run.settings, result, epochs: epochEvents(run.history), begin };
}
