/**
 * The Train step's form and what it becomes: the engine's TrainingSettings. The split (validation and test
 * shares) is the recipe's, set in the Clean step only. Defaults follow engine/pipeline/training-settings.ts; the loss follows the task (only regression has a choice).
 */
import type { LossKind } from '../../../../engine/nn/losses.ts';
import type { OptimizerKind } from '../../../../engine/nn/optimizers/create-optimizer.ts';
import type { LayerSpec } from '../../../../engine/nn/network-spec.ts';
import { defaultTrainingSettings, type NetworkDesign, type TrainingSettings } from '../../../../engine/pipeline/training-settings.ts';
import type { Task } from '../../../../engine/prep/types.ts';
import { TRAIN_FOLD_CHOICES } from '../../../../main/api/calls/validation-calls.ts';

export interface TrainForm {
  readonly optimizer: OptimizerKind;
  readonly learningRate: number;
  /** Regression only; classification always uses the task's cross-entropy. */
  readonly regressionLoss: 'mse' | 'mae' | 'huber';
  readonly batchSize: number;
  readonly epochs: number;
  readonly earlyStopping: boolean;
  readonly patience: number;
  /** Classification: 'balanced' weighs each class by rows / (classes × class rows), so rare classes count as much. */
  readonly classWeight: 'none' | 'balanced';
  /** Weight penalties added to every hidden Dense layer's kernel (0: none). */
  readonly l2: number;
  readonly l1: number;
  /** K of a K-fold cross-validation run beside each new run (0: none). */
  readonly folds: number;
}

/** The cross-validation choices: none, or K folds. */
export const FOLD_CHOICES: readonly number[] = [0, ...TRAIN_FOLD_CHOICES];

/** Penalty strengths offered; 0 is none. */
export const L2_PENALTIES: readonly number[] = [0, 1e-5, 1e-4, 1e-3, 1e-2];
export const L1_PENALTIES: readonly number[] = [0, 1e-5, 1e-4, 1e-3];

export const OPTIMIZERS: readonly { readonly kind: OptimizerKind; readonly label: string; readonly learningRate: number }[] = [
  { kind: 'adam', label: 'Adam', learningRate: 0.001 },
  { kind: 'adamw', label: 'AdamW', learningRate: 0.001 },
  { kind: 'sgd', label: 'SGD', learningRate: 0.01 },
  { kind: 'rmsprop', label: 'RMSprop', learningRate: 0.001 },
  { kind: 'adagrad', label: 'Adagrad', learningRate: 0.001 },
];

/** A select's choices with the value in force among them (a search trial's or a project's may be none of them), in order. */
export function choicesWith(choices: readonly number[], value: number): number[] {
  return [...new Set([...choices, value])].sort((a, b) => a - b);
}

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
    classWeight: d.classWeight,
    l2: 0,
    l1: 0,
    folds: 0,
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
    classWeight: task === 'regression' ? 'none' : form.classWeight,
  });
}

/** The design with the form's L1/L2 penalties on every hidden Dense layer (a layer's own penalty is replaced). */
export function withPenalties(design: NetworkDesign, form: Pick<TrainForm, 'l1' | 'l2'>): NetworkDesign & { hidden: LayerSpec[] } {
  const hidden = design.hidden.map((layer): LayerSpec => {
    if (layer.type !== 'dense') return layer;
    const { l1: _l1, l2: _l2, ...rest } = layer;
    return { ...rest, ...(form.l1 > 0 ? { l1: form.l1 } : {}), ...(form.l2 > 0 ? { l2: form.l2 } : {}) };
  });
  return { ...design, hidden };
}

