/**
 * One point of the search space: what a trial trains. It maps onto the ordinary network design and training
 * settings, so any trial can become an ordinary run ("Use this network") and its model file says exactly how
 * it was trained.
 */
import type { ActivationName } from '../nn/activations.ts';
import type { LayerSpec } from '../nn/network-spec.ts';
import { defaultTrainingSettings, type NetworkDesign, type TrainingSettings } from '../pipeline/training-settings.ts';

/**
 * How numbers reach the network: `standard` is the suggested recipe (standardized numbers); `pieces` encodes
 * its standardized number columns piecewise-linearly instead (engine/prep/steps/piecewise-linear.ts).
 */
export type InputEncoding = 'standard' | 'pieces';

export interface TrialConfig {
  readonly inputs: InputEncoding;
  /** Hidden layer widths, input side first; empty is a linear model (logistic or linear regression). */
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  /** Dropout after each hidden layer (0: none). */
  readonly dropout: number;
  /** Kernel penalties of every Dense layer (keras.regularizers.L1L2). */
  readonly l2: number;
  readonly l1: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly classWeight: 'none' | 'balanced';
  /** Most epochs; early stopping on the validation loss ends sooner, and the best epoch's weights are kept. */
  readonly epochs: number;
  /** Epochs without a better validation loss before stopping. */
  readonly patience: number;
}

export function designOf(config: TrialConfig): NetworkDesign {
  const penalty = { ...(config.l1 > 0 ? { l1: config.l1 } : {}), ...(config.l2 > 0 ? { l2: config.l2 } : {}) };
  const hidden = config.hidden.flatMap((units): LayerSpec[] => [
    { type: 'dense', units, activation: config.activation, ...penalty },
    ...(config.dropout > 0 ? [{ type: 'dropout', rate: config.dropout } as const] : []),
  ]);
  return { hidden };
}

export function settingsOf(config: TrialConfig, seed: number): TrainingSettings {
  return defaultTrainingSettings({
    epochs: config.epochs,
    batchSize: config.batchSize,
    optimizer: { kind: 'adam', learningRate: config.learningRate },
    seed,
    classWeight: config.classWeight,
    earlyStopping: { patience: config.patience, restoreBestWeights: true },
    reduceLrOnPlateau: { patience: Math.max(2, Math.floor(config.patience / 2)), factor: 0.5, minLearningRate: config.learningRate / 100 },
  });
}

/** The config in a few words, for the leaderboard: "256-128 relu · dropout 0.1 · lr 0.003 · batch 64". */
export function describeConfig(config: TrialConfig): string {
  const shape = config.hidden.length === 0 ? 'linear' : `${config.hidden.join('-')} ${config.activation}`;
  const parts = [shape, config.inputs === 'pieces' ? 'numbers in pieces' : 'standardized numbers'];
  if (config.dropout > 0) parts.push(`dropout ${config.dropout}`);
  if (config.l2 > 0) parts.push(`L2 ${config.l2.toPrecision(2)}`);
  if (config.l1 > 0) parts.push(`L1 ${config.l1.toPrecision(2)}`);
  parts.push(`lr ${Number(config.learningRate.toPrecision(2))}`, `batch ${config.batchSize}`);
  if (config.classWeight === 'balanced') parts.push('balanced classes');
  return parts.join(' · ');
}
