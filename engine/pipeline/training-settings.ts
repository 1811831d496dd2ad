/**
 * What the user chooses for a training run besides the data and the recipe: the hidden layers and the fit
 * settings. Defaults are meant for ANY tabular file, not tuned to a sample: Adam at Keras' learning rate, batch
 * 32, up to 100 epochs with early stopping on the validation loss (patience 10, best weights restored) and the
 * learning rate halved after 5 flat epochs, so a run neither stops too early nor overfits for long.
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

export function defaultTrainingSettings(overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  return {
    epochs: 100,
    batchSize: 32,
    optimizer: { kind: 'adam', learningRate: 0.001 },
    seed: 42,
    earlyStopping: { patience: 10, restoreBestWeights: true },
    reduceLrOnPlateau: { patience: 5, factor: 0.5, minLearningRate: 1e-5 },
    classWeight: 'none',
    ...overrides,
  };
}
