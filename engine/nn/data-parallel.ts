/**
 * Data-parallel gradients on two threads. A large batch is split in two row ranges: this thread computes the
 * first, a helper thread (with a replica of the network, same spec and kernels) the second, at the same time.
 * Losses and gradients are means over rows, so the batch's are the row-weighted means of the two halves:
 * g = (n₁·g₁ + n₂·g₂) / n, combined in that fixed order, which makes a run deterministic for a given thread
 * count. Against one thread it differs by float rounding only (each half sums its rows separately; tested to a
 * tolerance), and with Dropout each half draws its own masks (from the helper's own seeded stream).
 * Networks with BatchNorm are not split: their batch statistics would change.
 *
 * The engine owns the protocol (SharedArrayBuffer + Atomics, both plain ECMAScript); the host only starts the
 * helper thread and calls `serveGradients` there (main/training/gradient-helper.ts does it with worker_threads).
 */
import type { KernelChoice } from './kernels-dense.ts';
import { Network } from './network.ts';
import type { NetworkSpec } from './network-spec.ts';
import { Rng } from './rng.ts';
import type { Param, RandomSource, TrainableNetwork } from './types.ts';

/** Everything the helper needs, all structured-cloneable (posted as the worker's data). */
export interface HelperSetup {
  readonly spec: NetworkSpec;
  readonly kernels: KernelChoice;
  /** Largest half batch the buffers hold. */
  readonly maxRows: number;
  /** Seed of the helper's own random stream (Dropout masks of its half). */
  readonly seed: number;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

// Control words (Int32): the request counter the trainer bumps, the counter the helper answers with, the rows of
// the request, whether it has sample weights, and the helper's state.
const REQUEST = 0;
const ANSWER = 1;
const ROWS = 2;
const WEIGHTED = 3;
const STATE = 4;
const CONTROL_WORDS = 5;
const STATE_STARTING = 0;
const STATE_READY = 1;
const STATE_FAILED = 2;
const STOP = -1;
/**
 * Polls before sleeping: waking a thread from Atomics.wait costs tens of microseconds (more on a busy machine),
 * as much as a small half batch. Both sides poll this many times (~tens of µs) and only then block.
 */
const SPINS = 2_000;

/** Returns once control[index] !== value: polls first, then blocks. */
function waitWhileEqual(control: Int32Array, index: number, value: number): void {
  for (let i = 0; i < SPINS; i++) if (Atomics.load(control, index) !== value) return;
  while (Atomics.load(control, index) === value) Atomics.wait(control, index, value);
}

/** Float32 views of the shared data buffer, laid out identically on both sides. */
class SharedLayout {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly sampleWeights: Float32Array;
  /** One per param (all of them: the helper's replica takes every value). */
  readonly values: Float32Array[];
  /** One per trainable param, in `trainable()` order. */
  readonly grads: Float32Array[];
  readonly loss: Float64Array;

  constructor(network: Network, maxRows: number, buffer: SharedArrayBuffer | null) {
    const yWidth = network.loss.targetWidth(network.outputSize);
    const params = network.params(), trainable = network.trainable();
    const floats = maxRows * (network.inputSize + yWidth + 1) + params.reduce((s, p) => s + p.value.length, 0) + trainable.reduce((s, p) => s + p.value.length, 0);
    const bytes = 8 + 4 * floats;
    const data = buffer ?? new SharedArrayBuffer(bytes);
    this.buffer = data;
    this.loss = new Float64Array(data, 0, 1);
    let at = 8;
    const take = (n: number): Float32Array => {
      const view = new Float32Array(data, at, n);
      at += 4 * n;
      return view;
    };
    this.x = take(maxRows * network.inputSize);
    this.y = take(maxRows * yWidth);
    this.sampleWeights = take(maxRows);
    this.values = params.map((p) => take(p.value.length));
    this.grads = trainable.map((p) => take(p.value.length));
  }

  readonly buffer: SharedArrayBuffer;
}

/** Whether this network's gradients can be split over rows (no batch statistics). */
export function canSplitBatches(spec: NetworkSpec): boolean {
  return !spec.layers.some((l) => l.type === 'batchNormalization');
}

export interface DataParallelOptions {
  readonly kernels?: KernelChoice;
  /** Batches with fewer rows run on this thread alone (measured break-even: docs/performance.md). */
  readonly minRows: number;
  /** The largest batch that will be trained. */
  readonly maxBatch: number;
  readonly seed: number;
  /** How long to wait for the helper to start before training on one thread. */
  readonly startTimeoutMs?: number;
}

/**
 * A TrainableNetwork whose `computeGradients` splits large batches with a helper thread; everything else is
 * the wrapped network's. `close()` ends the helper.
 */
export class DataParallelNetwork implements TrainableNetwork {
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly control: Int32Array;
  private readonly shared: SharedLayout;
  private readonly yWidth: number;
  private readonly trainableParams: readonly Param[];
  private helperReady: boolean | null = null;
  private requests = 0;
  private release: (() => void) | null = null;

  /**
   * `startHelper` starts a thread that calls `serveGradients(setup)` and returns how to release that thread;
   * the first large batch waits for it to report ready (or gives up after `startTimeoutMs` and stays on one
   * thread).
   */
  constructor(
    readonly network: Network,
    startHelper: (setup: HelperSetup) => () => void,
    private readonly options: DataParallelOptions,
  ) {
    this.inputSize = network.inputSize;
    this.outputSize = network.outputSize;
    this.yWidth = network.loss.targetWidth(network.outputSize);
    this.trainableParams = network.trainable();
    const maxRows = Math.ceil(options.maxBatch / 2);
    this.control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
    this.shared = new SharedLayout(network, maxRows, null);
    if (!canSplitBatches(network.spec)) {
      this.helperReady = false;
      return;
    }
    this.release = startHelper({ spec: network.spec, kernels: options.kernels ?? 'auto', maxRows, seed: options.seed, control: this.control.buffer as SharedArrayBuffer, data: this.shared.buffer });
  }

  /** True once the helper is ready; false when it failed or never started (training then uses one thread). */
  waitUntilReady(): boolean {
    if (this.helperReady === null) {
      Atomics.wait(this.control, STATE, STATE_STARTING, this.options.startTimeoutMs ?? 30_000);
      this.helperReady = Atomics.load(this.control, STATE) === STATE_READY;
    }
    return this.helperReady;
  }

  computeGradients(x: Float32Array, y: Float32Array, rows: number, rng: RandomSource, sampleWeights?: Float32Array): number {
    if (rows < this.options.minRows || rows > this.options.maxBatch || !this.waitUntilReady()) return this.network.computeGradients(x, y, rows, rng, sampleWeights);
    const mine = rows >> 1;
    const theirs = rows - mine;
    const { shared } = this;
    const params = this.network.params();
    for (let k = 0; k < params.length; k++) shared.values[k]!.set(params[k]!.value);
    copyRange(x, mine * this.inputSize, theirs * this.inputSize, shared.x);
    copyRange(y, mine * this.yWidth, theirs * this.yWidth, shared.y);
    if (sampleWeights) copyRange(sampleWeights, mine, theirs, shared.sampleWeights);
    Atomics.store(this.control, ROWS, theirs);
    Atomics.store(this.control, WEIGHTED, sampleWeights ? 1 : 0);
    const request = ++this.requests;
    Atomics.store(this.control, REQUEST, request);
    Atomics.notify(this.control, REQUEST);

    const myLoss = this.network.computeGradients(x, y, mine, rng, sampleWeights);

    waitWhileEqual(this.control, ANSWER, request - 1);
    const a = mine / rows, b = theirs / rows;
    for (let k = 0; k < this.trainableParams.length; k++) {
      const g = this.trainableParams[k]!.grad, h = shared.grads[k]!;
      for (let i = 0; i < g.length; i++) g[i] = a * g[i]! + b * h[i]!;
    }
    return a * myLoss + b * shared.loss[0]!;
  }

  predict(x: Float32Array, rows: number): Float32Array {
    return this.network.predict(x, rows);
  }

  evaluateLoss(x: Float32Array, y: Float32Array, rows: number, sampleWeights?: Float32Array): number {
    return this.network.evaluateLoss(x, y, rows, sampleWeights);
  }

  params(): readonly Param[] {
    return this.network.params();
  }

  /** Ends the helper thread's loop (it then returns from `serveGradients`) and releases the thread. */
  close(): void {
    Atomics.store(this.control, REQUEST, STOP);
    Atomics.notify(this.control, REQUEST);
    this.release?.();
    this.release = null;
  }
}

function copyRange(from: Float32Array, start: number, count: number, to: Float32Array): void {
  for (let i = 0; i < count; i++) to[i] = from[start + i]!;
}

/**
 * The helper thread's side: builds the replica, reports ready, then answers requests until `close()`.
 * Blocks its thread (Atomics.wait) between requests.
 */
export function serveGradients(setup: HelperSetup): void {
  const control = new Int32Array(setup.control);
  let network: Network;
  let shared: SharedLayout;
  try {
    network = new Network(setup.spec, new Rng(0), { kernels: setup.kernels });
    shared = new SharedLayout(network, setup.maxRows, setup.data);
  } catch (error) {
    Atomics.store(control, STATE, STATE_FAILED);
    Atomics.notify(control, STATE);
    throw error;
  }
  const params = network.params(), trainable = network.trainable();
  const rng = new Rng(setup.seed);
  Atomics.store(control, STATE, STATE_READY);
  Atomics.notify(control, STATE);
  let seen = 0;
  for (;;) {
    waitWhileEqual(control, REQUEST, seen);
    const request = Atomics.load(control, REQUEST);
    if (request === STOP) return;
    seen = request;
    for (let k = 0; k < params.length; k++) params[k]!.value.set(shared.values[k]!);
    const rows = Atomics.load(control, ROWS);
    const weighted = Atomics.load(control, WEIGHTED) === 1;
    shared.loss[0] = network.computeGradients(shared.x, shared.y, rows, rng, weighted ? shared.sampleWeights : undefined);
    for (let k = 0; k < trainable.length; k++) shared.grads[k]!.set(trainable[k]!.grad);
    Atomics.store(control, ANSWER, request);
    Atomics.notify(control, ANSWER);
  }
}
