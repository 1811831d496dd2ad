/**
 * K-fold cross-validation of a design and its settings, as Weka and Orange report a model by default: the
 * non-test rows are dealt into K folds (stratified for classes); each fold's network trains on the other
 * folds, stops early on its own fold, and is scored on it; every metric is then given as mean ± spread. The
 * cleaning recipe is the one learned from all non-test rows, so the folds share its features.
 */
import type { ClassificationReport, RegressionReport } from '../metrics/index.ts';
import type { TrainingControl } from '../nn/control.ts';
import { fit } from '../nn/fit.ts';
import { Network } from '../nn/network.ts';
import { Rng } from '../nn/rng.ts';
import { prepare } from '../prep/prepare.ts';
import type { Recipe } from '../prep/types.ts';
import { checkFoldsPossible, kFolds } from '../search/folds.ts';
import { searchRecipe } from '../search/search-data.ts';
import { foldSeed, takeSplit } from '../search/trial.ts';
import type { Table } from '../table/table.ts';
import { buildNetworkSpec, evaluateSplit, fitOptionsFor } from './network-fit.ts';
import type { NetworkDesign, TrainingSettings } from './training-settings.ts';

export interface MetricSpread {
  readonly mean: number;
  readonly std: number;
  /** One value per fold, in fold order. */
  readonly values: readonly number[];
}

export interface CrossValidation {
  readonly folds: number;
  /** Rows dealt into the folds (every non-test row). */
  readonly rows: number;
  readonly metrics: Readonly<Record<string, MetricSpread>>;
  readonly cancelled: boolean;
}

const CLASSIFICATION_METRICS = ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'auc', 'logLoss'] as const;
const REGRESSION_METRICS = ['r2', 'rmse', 'mae'] as const;

function spread(values: number[]): MetricSpread {
  const finite = values.filter(Number.isFinite);
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const std = Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / finite.length);
  return { mean, std, values };
}

export function crossValidate(table: Table, recipe: Recipe, design: NetworkDesign, settings: TrainingSettings, k: number, control?: TrainingControl): CrossValidation {
  const { fitted, train } = prepare(table, searchRecipe(recipe));
  const classification = fitted.target.task !== 'regression';
  const labels = fitted.target.classLabels ?? [];
  const counts = classification ? new Map(labels.map((l, i) => [l, train.y.filter((y) => y === i).length])) : undefined;
  checkFoldsPossible(k, train.rows, counts);
  const folds = kFolds(train.rows, k, settings.seed, classification ? Int32Array.from(train.y) : undefined);
  const features = fitted.features.length;
  const reports: (ClassificationReport | RegressionReport)[] = [];
  let cancelled = false;
  for (let f = 0; f < folds.length && !cancelled; f++) {
    const fold = folds[f]!;
    const trainRows = takeSplit(train, fold.train, features);
    const heldOut = takeSplit(train, fold.validation, features);
    const foldSettings = { ...settings, seed: foldSeed(settings.seed, f) };
    const network = new Network(buildNetworkSpec(design, fitted, foldSettings), new Rng(foldSettings.seed));
    const history = fit(network, { x: trainRows.x, y: trainRows.y, rows: trainRows.rows, features, targetWidth: 1 }, fitOptionsFor(foldSettings, fitted, trainRows, heldOut, control));
    cancelled = history.stopReason === 'cancelled';
    if (!cancelled) reports.push(evaluateSplit(network, fitted, heldOut)!.report);
  }
  const names = classification ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const metrics = Object.fromEntries(names.map((name) => [name, spread(reports.map((r) => ((r as unknown as Record<string, number | null>)[name] ?? NaN)))]));
  return { folds: k, rows: train.rows, metrics, cancelled };
}
