/**
 * What the user chooses for a training run besides the data and the recipe: the hidden layers and the fit
 * settings. Defaults are meant for ANY tabular file, not tuned to a sample: Adam at Keras' learning rate, batch
 * 32, up to 100 epochs (more for small tables, `defaultEpochs`) with early stopping on the validation loss
 * (patience 10, best weights restored) and the learning rate halved after half the patience without
 * improvement, so a run neither stops too early nor overfits for long.
 */
import type { ActivationName } from '../nn/activations.ts';
import type { LossKind } from '../nn/losses.ts';
import type { LayerSpec } from '../nn/network-spec.ts';
import type { OptimizerSettings } from '../nn/optimizers/create-optimizer.ts';

export interface NetworkDesign {
  /** Hidden layers between the inputs (sized by the recipe) and the output (chosen from the task). */
  readonly hidden: readonly LayerSpec[];
  /** Regression only: an output activation other than linear (e.g. relu for a non-negative target). */
  readonly outputActivation?: ActivationName;
}

export interface TrainingSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerSettings;
  readonly seed: number;
  /** Regression: mse (default), mae or huber. Classification losses follow the task. */
  readonly loss?: LossKind;
  /** Stop when the validation loss has not improved for `patience` epochs; false trains every epoch. */
  readonly earlyStopping: false | { readonly patience: number; readonly minDelta?: number; readonly restoreBestWeights: boolean };
  readonly reduceLrOnPlateau: false | { readonly patience: number; readonly factor: number; readonly minLearningRate?: number };
  /** 'balanced' weighs each class by rows / (classes × class rows), as scikit-learn does. */
  readonly classWeight: 'none' | 'balanced';
}

export const DEFAULT_HIDDEN_UNITS: readonly number[] = [32, 16];
/** The widest first layer `defaultHiddenUnits` chooses. */
export const MAX_DEFAULT_WIDTH = 256;

/**
 * Hidden layers for a table when the user chose none: two layers, the second half the first. With one output
 * (two classes, or regression) [32, 16]; with three classes or more the first is about twice the inputs and
 * classes together (a power of two from 32 to 256), so many classes are not squeezed through 16 units.
 * Measured with bench:quality's train column (docs/quality.md): 26 letters +5.9 points, 11 vowels +5.6, 7
 * zoo classes +3.3; binary tables with many inputs gained nothing from a wider network (−1.5 to 0), so they keep it.
 */
export function defaultHiddenUnits(features: number, outputs: number): number[] {
  if (outputs < 3) return [...DEFAULT_HIDDEN_UNITS];
  const wanted = 2 ** Math.ceil(Math.log2(2 * (features + outputs)));
  const first = Math.min(MAX_DEFAULT_WIDTH, Math.max(DEFAULT_HIDDEN_UNITS[0]!, wanted));
  return [first, first / 2];
}

export function denseStack(units: readonly number[], activation: ActivationName = 'relu', dropout = 0): LayerSpec[] {
  return units.flatMap((u): LayerSpec[] => (dropout > 0 ? [{ type: 'dense', units: u, activation }, { type: 'dropout', rate: dropout }] : [{ type: 'dense', units: u, activation }]));
}

/** A default run makes at least this many batch steps: a small table gets more epochs (up to MAX_DEFAULT_EPOCHS). */
export const MIN_DEFAULT_STEPS = 4000;
export const MAX_DEFAULT_EPOCHS = 400;
const DEFAULT_EPOCHS = 100;
const DEFAULT_PATIENCE = 10;

/**
 * Epochs and early-stopping patience for a table when the user chose neither: 100 epochs, or enough for about
 * 4,000 batch steps on a small table (at most 400), and a patience of a tenth of them (at least 10), as the
 * search's trials have. With 134 training rows, 100 epochs are 500 steps: Servo's, Glass's and iris's runs
 * ended at the cap still improving. Measured with the train defaults on 14 tables × 3 splits
 * (docs/quality.md): Vehicle +3.2 points, Glass +3.1, Servo +2.7, Ozone +1.8; Ionosphere −1.0 (one split).
 */
export function defaultEpochs(trainRows: number, batchSize = 32): { epochs: number; patience: number } {
  const steps = Math.max(1, Math.ceil(trainRows / batchSize));
  const epochs = Math.max(DEFAULT_EPOCHS, Math.min(MAX_DEFAULT_EPOCHS, Math.ceil(MIN_DEFAULT_STEPS / steps)));
  return { epochs, patience: defaultPatience(epochs) };
}

/** Epochs without improvement before a default run stops: a tenth of its epochs, at least 10. */
export function defaultPatience(epochs: number): number {
  return Math.max(DEFAULT_PATIENCE, Math.round(epochs / 10));
}

/** Flat epochs before the learning rate halves: half the early-stopping patience, so it can halve before a stop. */
export function plateauPatience(patience: number): number {
  return Math.max(1, Math.round(patience / 2));
}

/** Early stopping and learning-rate halving for a patience (restoring the best epoch's weights). */
export function patienceSettings(patience: number): Pick<TrainingSettings, 'earlyStopping' | 'reduceLrOnPlateau'> {
  return { earlyStopping: { patience, restoreBestWeights: true }, reduceLrOnPlateau: { patience: plateauPatience(patience), factor: 0.5, minLearningRate: 1e-5 } };
}

/** The defaults with epochs and patience sized for this many training rows (`defaultEpochs`); overrides win. */
export function sizedTrainingSettings(trainRows: number, overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  const { epochs, patience } = defaultEpochs(trainRows, overrides.batchSize ?? 32);
  return defaultTrainingSettings({ epochs, ...patienceSettings(patience), ...overrides });
}

export function defaultTrainingSettings(overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  return {
    epochs: DEFAULT_EPOCHS,
    batchSize: 32,
    optimizer: { kind: 'adam', learningRate: 0.001 },
    seed: 42,
    ...patienceSettings(DEFAULT_PATIENCE),
    classWeight: 'none',
    ...overrides,
  };
}
