/**
 * What the network is measured against, on the same test rows: the majority class (classification: the
 * training rows' most frequent class, with their class shares as its probabilities) or the mean (regression),
 * and a linear model — logistic or linear regression, trained by the same engine as a network with no hidden
 * layer. If the network does not beat the linear model, the user should know.
 */
import { classificationReport, regressionReport, type ClassificationReport, type RegressionReport } from '../metrics/index.ts';
import type { ModelBaselines } from '../model/model-file.ts';
import type { TrainingControl } from '../nn/control.ts';
import { fit } from '../nn/fit.ts';
import { Network } from '../nn/network.ts';
import { Rng } from '../nn/rng.ts';
import { buildNetworkSpec, evaluateSplit, fitOptionsFor } from './network-fit.ts';
import type { TrainingSettings } from './training-settings.ts';
import type { DataSplit, FittedRecipe } from '../prep/types.ts';

/** The majority class (or the mean) of `train`, scored on `test`; null without test rows. */
export function constantBaseline(fitted: FittedRecipe, train: DataSplit, test: DataSplit): ClassificationReport | RegressionReport | null {
  if (test.rows === 0) return null;
  const target = fitted.target;
  if (target.task === 'regression') {
    const { mean, std } = target.scale ?? { mean: 0, std: 1 };
    let sum = 0;
    for (let i = 0; i < train.rows; i++) sum += train.y[i]!;
    const predicted = (sum / train.rows) * std + mean;
    return regressionReport(Float64Array.from(test.y, (v) => v * std + mean), new Float64Array(test.rows).fill(predicted));
  }
  const classes = target.classLabels!.length;
  const shares = new Float64Array(classes);
  for (let i = 0; i < train.rows; i++) shares[train.y[i]!]! += 1 / train.rows;
  let majority = 0;
  for (let k = 1; k < classes; k++) if (shares[k]! > shares[majority]!) majority = k;
  // The probabilities are the class shares, nudged so the majority class wins every row (ties to the lower index).
  const width = target.outputWidth;
  const probabilities = new Float32Array(test.rows * width);
  for (let r = 0; r < test.rows; r++) {
    if (width === 1) probabilities[r] = majority === 1 ? Math.max(0.5, shares[1]!) : Math.min(0.4999, shares[1]!);
    else for (let k = 0; k < width; k++) probabilities[r * width + k] = shares[k]!;
  }
  return classificationReport({ labels: Int32Array.from(test.y), probabilities, classCount: classes, classLabels: [...target.classLabels!] });
}

/** Settings of the linear baseline: the run's, at a learning rate a single layer trains well at (at least 0.01). */
export function linearSettings(settings: TrainingSettings): TrainingSettings {
  return { ...settings, optimizer: { ...settings.optimizer, learningRate: Math.max(settings.optimizer.learningRate ?? 0.001, 0.01) } };
}

/**
 * A network with no hidden layer, trained on `train` (early-stopped on `validation`), scored on `test`; null
 * when cancelled before it finished (a half-trained baseline would flatter the network).
 */
export function linearBaseline(fitted: FittedRecipe, train: DataSplit, validation: DataSplit | null, test: DataSplit, settings: TrainingSettings, control?: TrainingControl): ClassificationReport | RegressionReport | null {
  if (test.rows === 0) return null;
  const linear = linearSettings(settings);
  const network = new Network(buildNetworkSpec({ hidden: [] }, fitted, linear), new Rng(linear.seed));
  const history = fit(network, { x: train.x, y: train.y, rows: train.rows, features: fitted.features.length, targetWidth: 1 }, fitOptionsFor(linear, fitted, train, validation, control));
  if (history.stopReason === 'cancelled') return null;
  return evaluateSplit(network, fitted, test)?.report ?? null;
}

export function baselinesFor(fitted: FittedRecipe, train: DataSplit, validation: DataSplit | null, test: DataSplit, settings: TrainingSettings, control?: TrainingControl): ModelBaselines | null {
  const constant = constantBaseline(fitted, train, test);
  if (constant === null) return null;
  const linear = linearBaseline(fitted, train, validation, test, settings, control);
  return fitted.target.task === 'regression' ? { mean: constant, linear } : { majorityClass: constant, linear };
}
