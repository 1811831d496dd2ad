/**
 * The contracts between the pieces of the network engine. Layers, losses, optimizers and the fit loop each
 * live in their own files and meet only through these types.
 *
 * Layout conventions (shared by every kernel):
 * - A batch is row-major: `rows × width` values in a Float32Array, row r at offset r * width.
 * - Buffers handed out by `forward`/`backward` belong to the layer and are reused on the next call: copy them
 *   if you need them later. Nothing allocates per batch.
 * - A Dense kernel has the Keras/TF.js shape [inputs, units], stored row-major (kernel[i * units + j]), so
 *   weights export to TF.js and Keras without transposition.
 */

/** A trainable (or persistent) tensor with its gradient buffer. Optimizers key their state by `name`. */
export interface Param {
  /** Unique within a network, Keras-style: `dense_1/kernel`, `batch_normalization/gamma`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: Float32Array;
  /** Same length as `value`; filled by backward (training params only). */
  readonly grad: Float32Array;
  /** False for persistent statistics (BatchNorm moving mean/variance): saved, never updated by an optimizer. */
  readonly trainable: boolean;
}

export type Mode = 'train' | 'infer';

/** A matrix of rows × cols in one Float32Array, row-major. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** What a fit loop needs from a network. Implemented by `Network` (engine/nn/network.ts). */
export interface TrainableNetwork {
  readonly inputSize: number;
  readonly outputSize: number;
  /**
   * One forward and backward pass on a batch: fills every trainable param's `grad` with the gradient of the
   * mean loss over the batch (plus L1/L2 penalties) and returns that loss, penalties included.
   * `y` is rows × targetWidth (targetWidth: 1 for binary, regression and sparse labels; K for one-hot).
   * `sampleWeights` (rows values) scales each row's loss, which is how class weights are applied.
   */
  computeGradients(x: Float32Array, y: Float32Array, rows: number, rng: RandomSource, sampleWeights?: Float32Array): number;
  /** Inference outputs (probabilities after sigmoid/softmax, raw values for regression), rows × outputSize. */
  predict(x: Float32Array, rows: number): Float32Array;
  /** Mean loss on a batch in inference mode, without penalties and without touching gradients. */
  evaluateLoss(x: Float32Array, y: Float32Array, rows: number, sampleWeights?: Float32Array): number;
  params(): readonly Param[];
  /**
   * The last computeGradients batch's outputs in `predict`'s form, from its training-mode pass (what Keras
   * computes training metrics from). Without it the fit loop predicts each batch again.
   */
  batchOutputs?(): Float32Array;
  /**
   * evaluateLoss and predict in one inference pass: returns the mean loss and writes the outputs into the
   * caller's `outputs` (rows × outputSize). Without it the fit loop calls both.
   */
  evaluate?(x: Float32Array, y: Float32Array, rows: number, outputs: Float32Array, sampleWeights?: Float32Array): number;
}

/** The slice of `Rng` that layers need (dropout masks). */
export interface RandomSource {
  next(): number;
}

/** One update rule. State is plain data keyed by param name, so it serializes and restores. */
export interface Optimizer {
  readonly kind: string;
  learningRate: number;
  /** Applies one update to every trainable param using its current `grad`. */
  step(params: readonly Param[]): void;
  /** Number of steps taken so far (Adam's bias correction uses it). */
  readonly iterations: number;
  getState(): OptimizerState;
  setState(state: OptimizerState): void;
}

export interface OptimizerState {
  readonly kind: string;
  readonly iterations: number;
  /** The rate in force when the state was saved (reduce-on-plateau may have lowered it); kept when absent. */
  readonly learningRate?: number;
  /** Per-param slots, e.g. { 'dense/kernel': { m: [...], v: [...] } }. */
  readonly slots: Record<string, Record<string, number[]>>;
}
