/**
 * The work a search hands to a worker, as pure functions over the prepared data: run a trial, fit the
 * baselines, and — once, at the end — score the chosen networks on the test rows. The same functions run in
 * worker threads (main/search) and in-process (tests), so both give identical results.
 */
import type { ModelBaselines } from '../model/model-file.ts';
import type { TrainingControl } from '../nn/control.ts';
import { Ensemble } from '../nn/ensemble.ts';
import { networkFromJSON, type NetworkJSON } from '../nn/network-json.ts';
import { evaluateSplit, type SplitEvaluation } from '../pipeline/network-fit.ts';
import { baselinesFor } from '../pipeline/baselines.ts';
import { epochBudget } from './epochs.ts';
import { preferredBatch } from './portfolio.ts';
import type { PreparedSearch } from './search-data.ts';
import type { TrialRequest, TrialScore } from './scheduler.ts';
import { runTrial, takeSplit, type TrialOutcome } from './trial.ts';
import { settingsOf, type InputEncoding, type TrialConfig } from './trial-config.ts';

/**
 * The validation score of a trial: its folds' metric mean and spread, and mean loss. A trial cut short when a
 * search ends still counts if every fold trained at least one epoch (a one-fold hold-out trial keeps its best
 * epoch so far: on a large table, that is often all a budget allows); otherwise it has no score.
 */
export function trialScore(outcome: TrialOutcome, folds: number): TrialScore | null {
  if (outcome.folds.length < folds || outcome.folds.some((f) => f.history.epochsCompleted === 0)) return null;
  const metrics = outcome.folds.map((f) => f.score.metric);
  const mean = metrics.reduce((a, b) => a + b, 0) / metrics.length;
  const std = Math.sqrt(metrics.reduce((a, m) => a + (m - mean) ** 2, 0) / metrics.length);
  const loss = outcome.folds.reduce((a, f) => a + f.score.loss, 0) / outcome.folds.length;
  return Number.isFinite(mean) ? { mean, std, loss } : null;
}

export function runTrialJob(prepared: PreparedSearch, request: TrialRequest, control?: TrainingControl): TrialOutcome {
  const data = prepared.encodings[request.config.inputs] ?? prepared.encodings.standard!;
  return runTrial(data, prepared.folds, request.config, request.seed, control);
}

/** The linear model of the baselines trains on the first fold (early-stopped on its validation rows). */
export const BASELINE_CONFIG: Omit<TrialConfig, 'epochs' | 'patience' | 'batchSize'> = { inputs: 'standard', hidden: [], activation: 'linear', dropout: 0, l2: 0, l1: 0, learningRate: 0.01, classWeight: 'none' };

export function baselinesJob(prepared: PreparedSearch, seed: number, control?: TrainingControl): ModelBaselines | null {
  const data = prepared.encodings.standard!;
  const features = data.fitted.features.length;
  const fold = prepared.folds[0]!;
  const batchSize = preferredBatch(fold.train.length);
  const settings = settingsOf({ ...BASELINE_CONFIG, batchSize, epochs: epochBudget(fold.train.length, batchSize), patience: 10 }, seed);
  return baselinesFor(data.fitted, takeSplit(data.rows, fold.train, features), takeSplit(data.rows, fold.validation, features), prepared.test.standard!, settings, control);
}

/** The chosen networks (one, or an ensemble) on the test rows: the only time a search reads them. */
export function testJob(prepared: PreparedSearch, encoding: InputEncoding, networks: readonly NetworkJSON[]): SplitEvaluation | null {
  const members = networks.map(networkFromJSON);
  const predictor = members.length === 1 ? members[0]! : new Ensemble(members);
  return evaluateSplit(predictor, prepared.encodings[encoding]!.fitted, prepared.test[encoding]!);
}
