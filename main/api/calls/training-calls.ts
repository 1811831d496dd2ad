/**
 * Calls and events of the Build and Train steps: network design checks, training runs in workers (start,
 * pause, resume, stop, compare) and their live progress. A finished run's model goes to the ModelRegistry.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/training-handlers.ts.
 */
import { isUserFacingError } from '../../../engine/errors.ts';
import { ACTIVATIONS } from '../../../engine/nn/activations.ts';
import { LOSSES } from '../../../engine/nn/losses.ts';
import type { EpochEvent, BatchEvent, StopReason, TrainBeginEvent } from '../../../engine/nn/fit-types.ts';
import type { NetworkDesign, TrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import type { Recipe, Task } from '../../../engine/prep/types.ts';
import { call, id, none } from '../call-spec.ts';
import { v, ValidationError, type Validator } from '../validate.ts';

/** A cleaning recipe, checked field by field by the engine's own reader (the Clean step's calls may reuse it). */
export const recipe: Validator<Recipe> = {
  describe: 'a cleaning recipe',
  parse(value, path = '') {
    try {
      return recipeFromJSON(value);
    } catch (error) {
      if (isUserFacingError(error)) throw new ValidationError(path, `a cleaning recipe (${error.message})`);
      throw error;
    }
  },
};

/** `false`, or what `inner` accepts: the shape of an optional training feature that is switched off. */
function orFalse<T>(inner: Validator<T>): Validator<false | T> {
  return {
    describe: `false or ${inner.describe}`,
    parse: (value, path = '') => (value === false ? false : inner.parse(value, path)),
  };
}

const activation = v.enum(ACTIVATIONS);
const learningRate = v.optional(v.number({ min: 1e-7, max: 10 }));

export const networkDesign = v.object({
  hidden: v.array(
    v.variant('type', {
      dense: { units: v.number({ min: 1, max: 4096, integer: true }), activation: v.optional(activation), l1: v.optional(v.number({ min: 0, max: 1 })), l2: v.optional(v.number({ min: 0, max: 1 })) },
      dropout: { rate: v.number({ min: 0, max: 0.95 }) },
      batchNormalization: {},
    }),
    { max: 64 },
  ),
  outputActivation: v.optional(activation),
});

/** The most epochs a run may ask for, and the longest early-stopping patience (the Train step's fields say so). */
export const MAX_EPOCHS = 10_000;
export const MAX_PATIENCE = 1000;

export const trainingSettings = v.object({
  epochs: v.number({ min: 1, max: MAX_EPOCHS, integer: true }),
  batchSize: v.number({ min: 1, max: 65_536, integer: true }),
  optimizer: v.variant('kind', {
    adam: { learningRate },
    adamw: { learningRate, weightDecay: v.optional(v.number({ min: 0, max: 1 })) },
    sgd: { learningRate, momentum: v.optional(v.number({ min: 0, max: 1 })), nesterov: v.optional(v.boolean()) },
    rmsprop: { learningRate },
    adagrad: { learningRate },
  }),
  seed: v.number({ min: 0, max: 0xffffffff, integer: true }),
  /** Regression: mse, mae or huber (the engine explains why a classification loss does not fit). */
  loss: v.optional(v.enum(LOSSES)),
  earlyStopping: orFalse(
    v.object({ patience: v.number({ min: 1, max: MAX_PATIENCE, integer: true }), minDelta: v.optional(v.number({ min: 0, max: 1e6 })), restoreBestWeights: v.boolean() }),
  ),
  reduceLrOnPlateau: orFalse(
    v.object({ patience: v.number({ min: 1, max: 1000, integer: true }), factor: v.number({ min: 0.01, max: 0.99 }), minLearningRate: v.optional(v.number({ min: 0, max: 1 })) }),
  ),
  classWeight: v.enum(['none', 'balanced']),
});

const runRef = v.object({ runId: id });

export const trainingCalls = {
  /** What the recipe makes of the dataset for a network: inputs, output and loss for the task, parameter count. */
  networkPreview: call(v.object({ datasetId: id, recipe, design: networkDesign, loss: v.optional(v.enum(LOSSES)) })).returns<NetworkPreview>(),
  /** Starts a run in its own worker; progress arrives as `trainingProgress` events. */
  startTraining: call(
    v.object({ datasetId: id, recipe, design: networkDesign, settings: trainingSettings, label: v.optional(v.string({ min: 1, max: 120 })) }),
  ).returns<RunSummary>(),
  /** False when the run is not training (already paused, finished or unknown). */
  pauseTraining: call(runRef).returns<{ changed: boolean }>(),
  resumeTraining: call(runRef).returns<{ changed: boolean }>(),
  /** Ends the run after its current batch, keeping what it learned so far as a model. */
  stopTraining: call(runRef).returns<{ changed: boolean }>(),
  /** Every run of this session, oldest first, with its epoch history. */
  listRuns: call(none).returns<RunSummary[]>(),
} as const;

export interface NetworkPreview {
  readonly task: Task;
  readonly target: string;
  /** The columns the network reads, in input order (`Geography=France`, `Age`, …). */
  readonly features: readonly string[];
  /** Classification: the class names, in output order. */
  readonly classLabels: readonly string[] | null;
  readonly output: { readonly units: number; readonly activation: string };
  readonly loss: string;
  readonly parameters: { readonly trainable: number; readonly nonTrainable: number };
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
}

export type RunStatus = 'preparing' | 'training' | 'paused' | 'stopping' | 'completed' | 'stopped' | 'failed';

/** How a run ended, in plain numbers (the typed arrays of the result stay in main). */
export interface RunOutcome {
  readonly stopReason: StopReason;
  /** The engine's sentence about how it ended (early stop, divergence, …). */
  readonly message: string;
  readonly epochsCompleted: number;
  readonly bestEpoch: number | null;
  readonly restoredEpoch: number | null;
  readonly seconds: number;
  readonly samplesPerSecond: number;
  readonly parameterCount: number;
  /** Test rows: accuracy (classification) or R² (regression); null without test rows. */
  readonly testMetric: { readonly name: 'accuracy' | 'r2'; readonly value: number | null } | null;
}

export interface RunSummary {
  readonly runId: string;
  readonly label: string;
  readonly datasetId: string;
  /** The data it trained on (file name and SHA-256: the same file opened again is the same dataset) and what it predicts. */
  readonly dataset: { readonly name: string; readonly sha256: string };
  readonly target: string;
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly begin: TrainBeginEvent | null;
  readonly epochs: readonly EpochEvent[];
  readonly outcome: RunOutcome | null;
  /** Set once the run's model is in the registry (the Evaluate step's `modelId`). */
  readonly modelId: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/**
 * One run's news since the previous event for it. TrainingSessions already limits these to 30 a second per run
 * and never drops an epoch, so they are ordinary events: the hub's latest-wins throttle would lose epochs.
 */
export interface TrainingProgressEvent {
  readonly type: 'trainingProgress';
  readonly runId: string;
  readonly status: RunStatus;
  readonly begin?: TrainBeginEvent;
  /** The latest batch: the running training loss of the epoch, pace and ETA. */
  readonly batch?: BatchEvent;
  /** Every epoch finished since the previous event, in order. */
  readonly epochs?: readonly EpochEvent[];
  /** With the final status: the whole run as `listRuns` gives it. */
  readonly summary?: RunSummary;
}

/** Events of this area. */
export type TrainingEvent = TrainingProgressEvent;

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins): none, see above. */
export const trainingProgressEventTypes: readonly TrainingEvent['type'][] = [];
