/**
 * What every fit of a network on prepared rows shares — a training run, the linear baseline, a search trial: the
 * network's full spec for the task, the fit options from the settings, and the evaluation in the user's units.
 */
import { classificationReport, progressMetrics, regressionReport, type ClassificationReport, type RegressionReport } from '../metrics/index.ts';
import type { TrainingControl } from '../nn/control.ts';
import type { Predictor } from '../nn/ensemble.ts';
import type { FitMetric, FitOptions } from '../nn/fit-types.ts';
import type { NetworkSpec } from '../nn/network-spec.ts';
import type { DataSplit, FittedRecipe, FittedTarget } from '../prep/types.ts';
import { UserFacingError } from '../errors.ts';
import type { NetworkDesign, TrainingSettings } from './training-settings.ts';

export interface SplitEvaluation {
  readonly rows: number;
  readonly report: ClassificationReport | RegressionReport;
  /** Source row (in the job's table) of each evaluated row. */
  readonly rowIndex: Int32Array;
  /** Classification: class index per row. Regression: the actual value in the target's units. */
  readonly actual: Int32Array | Float64Array;
  /** Classification: probabilities (rows × 1 P(positive), or rows × K). Regression: predicted values in the target's units. */
  readonly predicted: Float32Array | Float64Array;
}

/** The full spec: inputs sized by the recipe, hidden layers from the design, output and loss from the task. */
export function buildNetworkSpec(design: NetworkDesign, fitted: FittedRecipe, settings: Pick<TrainingSettings, 'loss'>): NetworkSpec {
  const target = fitted.target;
  const output =
    target.task === 'binary'
      ? ({ type: 'dense', units: 1, activation: 'sigmoid' } as const)
      : target.task === 'multiclass'
        ? ({ type: 'dense', units: target.outputWidth, activation: 'softmax' } as const)
        : ({ type: 'dense', units: 1, activation: design.outputActivation ?? 'linear' } as const);
  let loss = target.loss;
  if (target.task === 'regression' && settings.loss) {
    if (!['mse', 'mae', 'huber'].includes(settings.loss)) {
      throw new UserFacingError('invalid-loss', `The loss "${settings.loss}" is for classification, but "${target.column}" is a regression target. Use mse, mae or huber.`);
    }
    loss = settings.loss;
  }
  return { inputSize: fitted.features.length, layers: [...design.hidden, output], loss };
}

function progressMetricFor(target: FittedTarget): FitMetric {
  if (target.task === 'binary') return { name: 'accuracy', direction: 'max', compute: progressMetrics.binaryAccuracy };
  if (target.task === 'multiclass') return { name: 'accuracy', direction: 'max', compute: progressMetrics.sparseAccuracy };
  return { name: 'r2', direction: 'max', compute: progressMetrics.r2 };
}

function balancedClassWeights(split: DataSplit, classes: number): Record<number, number> {
  const counts = new Float64Array(classes);
  for (let i = 0; i < split.rows; i++) counts[split.y[i]!]! += 1;
  const weights: Record<number, number> = {};
  counts.forEach((c, k) => {
    if (c > 0) weights[k] = split.rows / (classes * c);
  });
  return weights;
}

export function fitOptionsFor(settings: TrainingSettings, fitted: FittedRecipe, train: DataSplit, validation: DataSplit | null, control?: TrainingControl): FitOptions {
  const hasValidation = validation !== null && validation.rows > 0;
  const target = fitted.target;
  const classes = target.classLabels?.length ?? 0;
  const monitor = hasValidation ? 'val_loss' : 'loss';
  return {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    optimizer: settings.optimizer,
    seed: settings.seed,
    metrics: [progressMetricFor(target)],
    ...(hasValidation ? { validationData: { x: validation.x, y: validation.y, rows: validation.rows, features: fitted.features.length, targetWidth: 1 } } : {}),
    ...(settings.earlyStopping ? { earlyStopping: { monitor, ...settings.earlyStopping } } : {}),
    ...(settings.reduceLrOnPlateau ? { reduceLrOnPlateau: { monitor, ...settings.reduceLrOnPlateau } } : {}),
    ...(settings.classWeight === 'balanced' && classes > 0 ? { classWeight: balancedClassWeights(train, classes) } : {}),
    ...(control ? { control } : {}),
  };
}

/** Evaluates a trained network on a prepared split, in the user's units. */
export function evaluateSplit(network: Predictor, fitted: FittedRecipe, split: DataSplit): SplitEvaluation | null {
  if (split.rows === 0) return null;
  const outputs = network.predict(split.x, split.rows);
  const target = fitted.target;
  if (target.task === 'regression') {
    const { mean, std } = target.scale ?? { mean: 0, std: 1 };
    const actual = Float64Array.from(split.y, (v) => v * std + mean);
    const predicted = Float64Array.from(outputs, (v) => v * std + mean);
    return { rows: split.rows, report: regressionReport(actual, predicted), rowIndex: split.rowIndex, actual, predicted };
  }
  const labels = Int32Array.from(split.y);
  const classLabels = target.classLabels!;
  const report = classificationReport({ labels, probabilities: outputs, classCount: classLabels.length, classLabels: [...classLabels] });
  return { rows: split.rows, report, rowIndex: split.rowIndex, actual: labels, predicted: outputs };
}
