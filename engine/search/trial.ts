/**
 * One trial: a config trained on each fold's training rows, early-stopped on (and scored on) the fold's
 * validation rows. What it keeps: every fold's network (the best epoch's weights) and history, the
 * out-of-fold predictions (each non-test row predicted by the fold network that never trained on it: what
 * ensembles are chosen on), and the score per fold. It only ever sees the non-test rows.
 */
import type { TrainingControl } from '../nn/control.ts';
import { fit } from '../nn/fit.ts';
import type { FitHistory } from '../nn/fit-types.ts';
import { Network } from '../nn/network.ts';
import { networkToJSON, type NetworkJSON } from '../nn/network-json.ts';
import { Rng } from '../nn/rng.ts';
import { buildNetworkSpec, fitOptionsFor } from '../pipeline/network-fit.ts';
import type { DataSplit, FittedRecipe } from '../prep/types.ts';
import type { Fold } from './folds.ts';
import { scorePredictions, type Score } from './scores.ts';
import { designOf, settingsOf, type TrialConfig } from './trial-config.ts';

/** The non-test rows, prepared by the search's one fitted recipe. */
export interface SearchData {
  readonly fitted: FittedRecipe;
  readonly rows: DataSplit;
}

export interface FoldOutcome {
  readonly network: NetworkJSON;
  readonly history: FitHistory;
  readonly score: Score;
}

export interface TrialOutcome {
  readonly folds: readonly FoldOutcome[];
  /** rows × outputWidth: each validated row's prediction by the fold that held it out; NaN elsewhere. */
  readonly outOfFold: Float32Array;
  readonly cancelled: boolean;
}

/** The rows at `positions` as their own split (copied: the fit loop reads contiguous rows). */
export function takeSplit(data: DataSplit, positions: Int32Array, features: number): DataSplit {
  const x = new Float32Array(positions.length * features);
  const y = new Float32Array(positions.length);
  positions.forEach((p, i) => {
    x.set(data.x.subarray(p * features, (p + 1) * features), i * features);
    y[i] = data.y[p]!;
  });
  return { x, y, rows: positions.length, rowIndex: positions.map((p) => data.rowIndex[p]!) };
}

/** A fold's own seed: trials and folds draw independent weights and batches, whatever order they run in. */
export function foldSeed(trialSeed: number, fold: number): number {
  return (Math.imul(trialSeed ^ 0x5bd1e995, 31) + fold * 0x9e3779b1) >>> 0;
}

export function runTrial(data: SearchData, folds: readonly Fold[], config: TrialConfig, seed: number, control?: TrainingControl): TrialOutcome {
  const { fitted, rows } = data;
  const features = fitted.features.length;
  const width = fitted.target.outputWidth;
  const outOfFold = new Float32Array(rows.rows * width).fill(NaN);
  const design = designOf(config);
  const outcomes: FoldOutcome[] = [];
  let cancelled = false;
  for (let f = 0; f < folds.length && !cancelled; f++) {
    const fold = folds[f]!;
    const train = takeSplit(rows, fold.train, features);
    const validation = takeSplit(rows, fold.validation, features);
    const settings = settingsOf(config, foldSeed(seed, f));
    const network = new Network(buildNetworkSpec(design, fitted, settings), new Rng(settings.seed));
    const history = fit(network, { x: train.x, y: train.y, rows: train.rows, features, targetWidth: 1 }, fitOptionsFor(settings, fitted, train, validation, control));
    cancelled = history.stopReason === 'cancelled';
    const predicted = network.predict(validation.x, validation.rows);
    fold.validation.forEach((p, i) => outOfFold.set(predicted.subarray(i * width, (i + 1) * width), p * width));
    outcomes.push({ network: networkToJSON(network), history, score: scorePredictions(fitted.target, validation.y, predicted, validation.rows) });
  }
  return { folds: outcomes, outOfFold, cancelled };
}
