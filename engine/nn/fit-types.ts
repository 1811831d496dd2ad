/**
 * The fit loop's inputs, progress events and result. Epochs and batches are numbered from 1 everywhere
 * (events, history, messages), as the user sees them.
 */
import type { TrainingControl } from './control.ts';
import type { OptimizerSettings } from './optimizers/create-optimizer.ts';
import type { Rng } from './rng.ts';
import type { Optimizer } from './types.ts';

/** Row-major rows × features inputs and rows × targetWidth targets. */
export interface TrainingData {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly rows: number;
  readonly features: number;
  readonly targetWidth: number;
}

/**
 * A metric reported after each epoch, e.g. from engine/metrics' `progressMetrics`. As in Keras, the training value
 * comes from the outputs of the epoch's own batches (training-mode passes, dropout active, each batch with the
 * weights of its step: no second pass over the training rows), the validation value from the end-of-epoch
 * weights in inference mode (engine/nn/epoch-metrics.ts).
 */
export interface FitMetric {
  /** The log key: `accuracy` is reported as `accuracy` and `val_accuracy`. */
  readonly name: string;
  /** Whether higher ('max') or lower ('min') is better: lets early stopping and reduce-LR work in 'auto' mode. */
  readonly direction?: 'max' | 'min';
  /** `y` is rows × targetWidth, `yPred` the network's inference output, rows × outputSize. */
  compute(y: Float32Array, yPred: Float32Array, rows: number): number;
}

/** 'auto' means min for losses and the metric's own `direction` otherwise. */
export type MonitorMode = 'auto' | 'min' | 'max';

/** Keras' EarlyStopping, with its defaults. */
export interface EarlyStoppingOptions {
  /** A log key: 'val_loss' (default), 'loss', a metric name or 'val_' + a metric name. */
  readonly monitor?: string;
  /** Epochs without improvement before stopping (default 0). */
  readonly patience?: number;
  /** The smallest change that counts as an improvement (default 0). */
  readonly minDelta?: number;
  readonly mode?: MonitorMode;
  /** Keep training at least until the monitored value beats this. */
  readonly baseline?: number;
  /** Epochs of warm-up before monitoring starts (default 0). */
  readonly startFromEpoch?: number;
  /** At the end of the run, put back the weights of the best epoch (default false). */
  readonly restoreBestWeights?: boolean;
}

/** Keras' ReduceLROnPlateau, with its defaults. */
export interface ReduceLrOnPlateauOptions {
  readonly monitor?: string;
  /** new rate = rate · factor, with 0 < factor < 1 (default 0.1). */
  readonly factor?: number;
  /** Epochs without improvement before lowering the rate (default 10). */
  readonly patience?: number;
  readonly mode?: MonitorMode;
  /** The smallest change that counts as an improvement (default 1e-4). */
  readonly minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  readonly cooldown?: number;
  /** The rate never goes below this (default 0). */
  readonly minLearningRate?: number;
}

export interface FitOptions {
  readonly epochs: number;
  /** Rows per gradient step (default 32, as Keras); the last batch of an epoch may be smaller. */
  readonly batchSize?: number;
  /** Reshuffle the training rows at every epoch (default true), with the seeded generator. */
  readonly shuffle?: boolean;
  /** Hold out this fraction of rows, taken from the end before any shuffling, as Keras does. */
  readonly validationSplit?: number;
  /** A separate validation set; exclusive with validationSplit. */
  readonly validationData?: TrainingData;
  /** An optimizer (kept, with its state, so training can continue) or settings for a new one (default Adam). */
  readonly optimizer?: Optimizer | OptimizerSettings;
  /** Seed of the run's generator (default 42); ignored when `rng` is given. */
  readonly seed?: number;
  readonly rng?: Rng;
  /** Weight of each class index in the training loss (classes not listed weigh 1); classification only. */
  readonly classWeight?: Readonly<Record<number, number>>;
  readonly metrics?: readonly FitMetric[];
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly reduceLrOnPlateau?: ReduceLrOnPlateauOptions;
  readonly control?: TrainingControl;
  /** Call `onBatchEnd` every this many batches (default 1); the epoch's last batch always reports. */
  readonly batchEventEvery?: number;
  /** Milliseconds from an arbitrary origin (default `performance.now`); only timing fields depend on it. */
  readonly clock?: () => number;
}

interface Timing {
  /** Training rows processed per second of the run so far (pauses excluded, evaluation included). */
  readonly samplesPerSecond: number;
  /** Seconds since the run began, pauses excluded. */
  readonly elapsedSeconds: number;
  /** Estimated seconds until all epochs are done, from the pace so far. */
  readonly etaSeconds: number;
}

export interface TrainBeginEvent {
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly trainRows: number;
  readonly validationRows: number;
  readonly learningRate: number;
}

export interface BatchEvent extends Timing {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  /** Mean training loss over the epoch's batches so far (weighted by batch rows). */
  readonly loss: number;
  readonly learningRate: number;
}

export interface EpochEvent extends Timing {
  readonly epoch: number;
  readonly epochs: number;
  /** loss, each metric, and with validation val_loss and val_<metric>. */
  readonly logs: Readonly<Record<string, number>>;
  /** The rate used during this epoch (reduce-on-plateau may lower it for the next). */
  readonly learningRate: number;
  readonly epochSeconds: number;
  /** The best epoch so far by the early-stopping monitor (else val_loss, else loss). */
  readonly bestEpoch: number | null;
}

export interface PauseEvent {
  /** The epoch and batch that run next when resumed. */
  readonly epoch: number;
  readonly batch: number;
}

/** Progress listeners; an absent hook costs nothing. They run on the training thread, between batches. */
export interface FitHooks {
  onTrainBegin?(event: TrainBeginEvent): void;
  onBatchEnd?(event: BatchEvent): void;
  onEpochEnd?(event: EpochEvent): void;
  onPause?(event: PauseEvent): void;
  onResume?(event: PauseEvent): void;
}

export type StopReason = 'completed' | 'early-stopped' | 'cancelled' | 'diverged';

export interface FitHistory {
  /** Keras' History.history: one value per completed epoch (a cancelled or diverged epoch is not recorded) for each log key and for `learning_rate`. */
  readonly history: Readonly<Record<string, number[]>>;
  readonly epochsCompleted: number;
  readonly bestEpoch: number | null;
  /** The epoch whose end-of-epoch weights were put back (0: the initial ones); null when they are where training stopped. */
  readonly restoredEpoch: number | null;
  readonly stopReason: StopReason;
  /** One or two sentences for the user: what happened and, for a diverged run, what to do. */
  readonly message: string;
  readonly seconds: number;
  readonly samplesPerSecond: number;
}
