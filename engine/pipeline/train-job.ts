/**
 * One training run from a table to an evaluated network: prepare the data with the recipe (fitted on the
 * training rows only), build the network for the task, fit it, and evaluate it on the test rows. Pure engine
 * code: the CLI runs it in-process, the app inside a worker thread.
 */
import type { TrainingControl } from '../nn/control.ts';
import { dataParallelFor, type StartHelper } from '../nn/data-parallel.ts';
import type { ModelBaselines } from '../model/model-file.ts';
import { baselinesFor } from './baselines.ts';
import { fit } from '../nn/fit.ts';
import type { FitHistory, FitHooks } from '../nn/fit-types.ts';
import { Network } from '../nn/network.ts';
import { networkToJSON, type NetworkJSON } from '../nn/network-json.ts';
import { Rng } from '../nn/rng.ts';
import { prepare } from '../prep/prepare.ts';
import type { FittedRecipe, Prepared, Recipe, StepReport } from '../prep/types.ts';
import type { Table } from '../table/table.ts';
import { buildNetworkSpec, evaluateSplit, fitOptionsFor, type SplitEvaluation } from './network-fit.ts';
import type { NetworkDesign, TrainingSettings } from './training-settings.ts';

export { buildNetworkSpec, evaluateSplit, fitOptionsFor, type SplitEvaluation } from './network-fit.ts';

export interface TrainingJob {
  readonly table: Table;
  readonly recipe: Recipe;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
}

/** A run whose data is already prepared (the app prepares a recipe once for its previews and every run of it). */
export interface PreparedJob {
  readonly prepared: Prepared;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
}

export interface TrainingResult {
  readonly fitted: FittedRecipe;
  readonly network: NetworkJSON;
  readonly history: FitHistory;
  readonly reports: readonly StepReport[];
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
  readonly parameterCount: number;
  readonly test: SplitEvaluation | null;
  readonly validation: SplitEvaluation | null;
  /** The test rows scored by the majority class (or mean) and a linear model: what the network adds. */
  readonly baselines?: ModelBaselines | null;
  /** 2 when a helper thread computed half of each large batch at the end of training (engine/nn/data-parallel.ts). */
  readonly threads: 1 | 2;
}

export interface TrainingJobOptions {
  /**
   * Starts the helper thread of data-parallel training (main/training/gradient-helper.ts). Absent or null: this
   * run has one core (e.g. one of several trials trained side by side). The weights are the same either way.
   */
  readonly startHelper?: StartHelper | null;
}

export interface TrainingJobHooks extends FitHooks {
  /** After the recipe ran: what each step did, before the first epoch. */
  onPrepared?(info: { readonly reports: readonly StepReport[]; readonly features: readonly string[]; readonly rows: TrainingResult['rows'] }): void;
}

export function runTrainingJob(job: TrainingJob, hooks: TrainingJobHooks = {}, control?: TrainingControl, options: TrainingJobOptions = {}): TrainingResult {
  return runPreparedJob({ prepared: prepare(job.table, job.recipe), design: job.design, settings: job.settings }, hooks, control, options);
}

/** Training only reads the prepared float32 matrices: one preparation can serve many runs. */
export function runPreparedJob(job: PreparedJob, hooks: TrainingJobHooks = {}, control?: TrainingControl, options: TrainingJobOptions = {}): TrainingResult {
  const { prepared } = job;
  const { fitted, train, validation, test } = prepared;
  const rows = { train: train.rows, validation: validation.rows, test: test.rows };
  hooks.onPrepared?.({ reports: prepared.reports, features: fitted.features, rows });
  const spec = buildNetworkSpec(job.design, fitted, job.settings);
  const network = new Network(spec, new Rng(job.settings.seed));
  const { batchSize, epochs, seed } = job.settings;
  const parallel = dataParallelFor(network, { batchSize, samples: train.rows * epochs, seed }, options.startHelper ?? null);
  let history: FitHistory;
  let threads: 1 | 2;
  try {
    history = fit(
      parallel ?? network,
      { x: train.x, y: train.y, rows: train.rows, features: fitted.features.length, targetWidth: 1 },
      fitOptionsFor(job.settings, fitted, train, validation, control),
      hooks,
    );
    threads = parallel?.usingHelper ? 2 : 1;
  } finally {
    parallel?.close();
  }
  const cancelled = history.stopReason === 'cancelled';
  return {
    fitted,
    network: networkToJSON(network),
    history,
    reports: prepared.reports,
    rows,
    parameterCount: network.parameterCount.trainable,
    test: evaluateSplit(network, fitted, test),
    validation: evaluateSplit(network, fitted, validation),
    // A stopped run ends now: its baselines would take another fit.
    baselines: cancelled ? null : baselinesFor(fitted, train, validation.rows > 0 ? validation : null, test, job.settings),
    threads,
  };
}
