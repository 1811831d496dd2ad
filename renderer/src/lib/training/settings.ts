/**
 * The Train step's form and what it becomes: the engine's TrainingSettings. The split (validation and test
 * shares) is the recipe's, set in the Clean step only. Defaults follow engine/pipeline/training-settings.ts; the loss follows the task (only regression has a choice).
 */
import type { LossKind } from '../../../../engine/nn/losses.ts';
import type { OptimizerKind } from '../../../../engine/nn/optimizers/create-optimizer.ts';
import { defaultTrainingSettings, type TrainingSettings } from '../../../../engine/pipeline/training-settings.ts';
import type { Task } from '../../../../engine/prep/types.ts';

export interface TrainForm {
  readonly optimizer: OptimizerKind;
  readonly learningRate: number;
  /** Regression only; classification always uses the task's cross-entropy. */
  readonly regressionLoss: 'mse' | 'mae' | 'huber';
  readonly batchSize: number;
  readonly epochs: number;
  readonly earlyStopping: boolean;
  readonly patience: number;
}

export const OPTIMIZERS: readonly { readonly kind: OptimizerKind; readonly label: string; readonly learningRate: number }[] = [
  { kind: 'adam', label: 'Adam', learningRate: 0.001 },
  { kind: 'adamw', label: 'AdamW', learningRate: 0.001 },
  { kind: 'sgd', label: 'SGD', learningRate: 0.01 },
  { kind: 'rmsprop', label: 'RMSprop', learningRate: 0.001 },
  { kind: 'adagrad', label: 'Adagrad', learningRate: 0.001 },
];

export const LEARNING_RATES: readonly number[] = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1];
export const BATCH_SIZES: readonly number[] = [8, 16, 32, 64, 128, 256, 512];

export function defaultTrainForm(): TrainForm {
  const d = defaultTrainingSettings();
  return {
    optimizer: d.optimizer.kind,
    learningRate: d.optimizer.learningRate ?? 0.001,
    regressionLoss: 'mse',
    batchSize: d.batchSize,
    epochs: d.epochs,
    earlyStopping: d.earlyStopping !== false,
    patience: d.earlyStopping === false ? 10 : d.earlyStopping.patience,
  };
}

/** The loss a run will use: the task's own for classification, the chosen one for regression. */
export function lossFor(task: Task, form: Pick<TrainForm, 'regressionLoss'>): LossKind {
  if (task === 'binary') return 'binary_crossentropy';
  if (task === 'multiclass') return 'sparse_categorical_crossentropy';
  return form.regressionLoss;
}

/** The progress metric the curves show besides the loss. */
export function metricFor(task: Task): { readonly key: 'accuracy' | 'r2'; readonly label: string } {
  return task === 'regression' ? { key: 'r2', label: 'R²' } : { key: 'accuracy', label: 'accuracy' };
}

/** A run's metric, read from its first epoch's logs; before any epoch, the task's. */
export function metricOfRun(epochs: readonly { readonly logs: Readonly<Record<string, number>> }[], task: Task | null): ReturnType<typeof metricFor> {
  const logs = epochs[0]?.logs;
  return metricFor(logs ? ('r2' in logs ? 'regression' : 'binary') : (task ?? 'binary'));
}

export function toTrainingSettings(form: TrainForm, task: Task): TrainingSettings {
  return defaultTrainingSettings({
    epochs: form.epochs,
    batchSize: form.batchSize,
    optimizer: { kind: form.optimizer, learningRate: form.learningRate },
    ...(task === 'regression' ? { loss: form.regressionLoss } : {}),
    earlyStopping: form.earlyStopping ? { patience: form.patience, restoreBestWeights: true } : false,
  });
}
