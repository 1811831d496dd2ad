import type { Mode, Param, RandomSource } from '../types.ts';

/**
 * One step of a network. `forward` keeps a reference to its input for `backward` (no copy); the buffers it
 * returns are its own and are overwritten by the next call.
 */
export interface Layer {
  readonly name: string;
  readonly inputSize: number;
  readonly outputSize: number;
  /** Makes room for batches of up to `maxRows` rows. Cheap when already large enough. */
  reserve(maxRows: number): void;
  forward(input: Float32Array, rows: number, mode: Mode, rng: RandomSource | null): Float32Array;
  /** Fills the params' grads (overwriting) and returns dL/dinput when asked for it. */
  backward(gradOutput: Float32Array, rows: number, wantInputGrad: boolean): Float32Array | null;
  /** Trainable params first, then persistent statistics (trainable: false). */
  params(): readonly Param[];
  /** Penalty term added to the loss (L1/L2), and its gradient added to the grads. */
  penalty(): number;
  addPenaltyGradient(): void;
}

export function makeParam(name: string, shape: number[], trainable = true): Param {
  const size = shape.reduce((a, b) => a * b, 1);
  return { name, shape, value: new Float32Array(size), grad: new Float32Array(trainable ? size : 0), trainable };
}

/** Grows a batch buffer to hold `rows × width` values, keeping it when it is already large enough. */
export function ensureCapacity(buffer: Float32Array, rows: number, width: number): Float32Array {
  return buffer.length >= rows * width ? buffer : new Float32Array(rows * width);
}
