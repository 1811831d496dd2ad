/**
 * Data-parallel gradients. A batch of at least `minRows` rows is computed as two halves: the first on this
 * thread with the fit loop's random stream, the second with a random stream of its own (Dropout masks), and
 * the halves' means are combined row-weighted in a fixed order, g = (n₁·g₁ + n₂·g₂) / n. Which thread computes
 * the second half changes nothing in the result: a helper thread with a replica of the network (same spec, same
 * kernels, the weights copied in, the stream's state handed over and back) when that is measured to be faster
 * (thread-choice.ts), else this thread. So a run is bit-identical on one core and on two, and the choice can
 * follow the machine's load. Against an unsplit batch it differs by float rounding only (each half sums its rows
 * separately). Networks with BatchNorm are never split: their batch statistics would change.
 */
import {
  ANSWER,
  CONTROL_WORDS,
  readRng,
  REQUEST,
  ROWS,
  SharedLayout,
  STATE,
  STATE_READY,
  STOP,
  waitWhileEqual,
  WEIGHTED,
  writeRng,
  type HelperSetup,
} from './gradient-helper-protocol.ts';
import type { Network } from './network.ts';
import type { NetworkSpec } from './network-spec.ts';
import { Rng, type RngState } from './rng.ts';
import { defaultClock } from './run-clock.ts';
import { ThreadChoice } from './thread-choice.ts';
import type { Param, RandomSource, TrainableNetwork } from './types.ts';

export { serveGradients, type HelperSetup } from './gradient-helper-protocol.ts';

/** Whether this network's gradients can be split over rows (no batch statistics). */
export function canSplitBatches(spec: NetworkSpec): boolean {
  return !spec.layers.some((l) => l.type === 'batchNormalization');
}

/** Starts a thread that calls `serveGradients(setup)`; returns how to release it. */
export type StartHelper = (setup: HelperSetup) => () => void;

/**
 * Batches from this much arithmetic (6 · parameters · rows FLOP: forward and backward) are split in two halves:
 * from about here a second thread can pay on a quiet 2-core machine (bench/parallel-bench.ts;
 * docs/performance.md), and on one thread a split costs a few percent. The classic 13-6-6-1 network never
 * splits; 13-64-32-1 from batch 444, 13-128-64-1 from 132.
 */
export const SPLIT_MIN_FLOPS_PER_BATCH = 8e6;
/** A helper thread is started only for runs of at least this much arithmetic (its start costs ~0.1 s of a core). */
export const HELPER_MIN_FLOPS_PER_RUN = 2e9;

const flopsPerRow = (network: Network): number => 6 * network.trainable().reduce((sum, p) => sum + p.value.length, 0);

/** The fewest rows of a batch of this network that is split. */
export function splitMinRows(network: Network): number {
  return Math.max(2, Math.ceil(SPLIT_MIN_FLOPS_PER_BATCH / flopsPerRow(network)));
}

/** Whether a run of `samples` training rows (rows × epochs) in batches of `batchSize` is worth a helper thread. */
export function wantsHelper(network: Network, batchSize: number, samples: number): boolean {
  return canSplitBatches(network.spec) && batchSize >= splitMinRows(network) && flopsPerRow(network) * samples >= HELPER_MIN_FLOPS_PER_RUN;
}

export interface DataParallelOptions {
  /** Batches with fewer rows are not split. */
  readonly minRows: number;
  /** The largest batch that will be trained. */
  readonly maxBatch: number;
  /** The run's seed: the second halves' random stream is drawn from it. */
  readonly seed: number;
  /** Null: no helper thread (this run has one core); the halves are computed here, with the same results. */
  readonly startHelper: StartHelper | null;
  /** Milliseconds from an arbitrary origin, to time batches both ways (default `performance.now`). */
  readonly clock?: () => number;
  /** `measured` (default): the helper computes second halves when timing says it pays; `helper`: whenever it is ready. */
  readonly use?: 'measured' | 'helper';
}

/**
 * What the fit loop should train for `network`: its batches split (and a helper thread offered where the run is
 * worth one), or null when its batches are too small to split. `startHelper` null: this run has one core.
 */
export function dataParallelFor(network: Network, run: { readonly batchSize: number; readonly samples: number; readonly seed: number }, startHelper: StartHelper | null): DataParallelNetwork | null {
  const minRows = splitMinRows(network);
  if (!canSplitBatches(network.spec) || run.batchSize < minRows) return null;
  return new DataParallelNetwork(network, {
    minRows,
    maxBatch: run.batchSize,
    seed: run.seed,
    startHelper: wantsHelper(network, run.batchSize, run.samples) ? startHelper : null,
  });
}

/** The helper thread and the memory shared with it (none without a helper: no SharedArrayBuffer is needed). */
interface HelperLink {
  readonly control: Int32Array;
  readonly shared: SharedLayout;
  readonly release: () => void;
}

export class DataParallelNetwork implements TrainableNetwork {
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly yWidth: number;
  private readonly trainableParams: readonly Param[];
  private helper: HelperLink | null = null;
  /** Where the second half's gradients and outputs land when computed on this thread (as the helper's would). */
  private readonly localGrads: Float32Array[];
  private readonly localOutputs: Float32Array;
  private readonly outputs: Float32Array;
  private readonly choice = new ThreadChoice();
  private readonly clock: () => number;
  private secondRng: RngState;
  private lastRows = 0;
  private lastSplit = false;
  private requests = 0;

  constructor(
    readonly network: Network,
    private readonly options: DataParallelOptions,
  ) {
    this.inputSize = network.inputSize;
    this.outputSize = network.outputSize;
    this.yWidth = network.loss.targetWidth(network.outputSize);
    this.trainableParams = network.trainable();
    this.secondRng = new Rng(options.seed).fork().getState();
    const maxRows = Math.ceil(options.maxBatch / 2);
    this.localGrads = this.trainableParams.map((p) => new Float32Array(p.value.length));
    this.localOutputs = new Float32Array(maxRows * network.outputSize);
    this.outputs = new Float32Array(options.maxBatch * network.outputSize);
    this.clock = options.clock ?? defaultClock();
    if (options.startHelper && canSplitBatches(network.spec)) {
      const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
      const shared = new SharedLayout(network, maxRows, null);
      const release = options.startHelper({ spec: network.spec, kernels: network.kernelPath, maxRows, control: control.buffer as SharedArrayBuffer, data: shared.buffer });
      this.helper = { control, shared, release };
    }
  }

  private get helperReady(): boolean {
    return this.helper !== null && Atomics.load(this.helper.control, STATE) === STATE_READY;
  }

  /** Waits up to `timeoutMs` for the helper to start; true once it is ready. Training never waits for it. */
  waitUntilReady(timeoutMs = 30_000): boolean {
    if (this.helper === null) return false;
    Atomics.wait(this.helper.control, STATE, 0, timeoutMs);
    return this.helperReady;
  }

  /** Whether the helper thread computes the second halves now (as the last timing chose). */
  get usingHelper(): boolean {
    return this.helperReady && (this.options.use === 'helper' || this.choice.helping);
  }

  computeGradients(x: Float32Array, y: Float32Array, rows: number, rng: RandomSource, sampleWeights?: Float32Array): number {
    this.lastRows = rows;
    this.lastSplit = rows >= this.options.minRows && rows <= this.options.maxBatch && canSplitBatches(this.network.spec);
    if (!this.lastSplit) return this.network.computeGradients(x, y, rows, rng, sampleWeights);
    const mine = rows >> 1;
    const theirs = rows - mine;
    const helped = this.helperReady && (this.options.use === 'helper' || this.choice.useHelper());
    const started = this.clock();
    let theirLoss: number;
    let myLoss: number;
    if (helped) {
      const { control, shared } = this.helper!;
      copyRange(x, mine * this.inputSize, theirs * this.inputSize, shared.x);
      copyRange(y, mine * this.yWidth, theirs * this.yWidth, shared.y);
      if (sampleWeights) copyRange(sampleWeights, mine, theirs, shared.sampleWeights);
      const params = this.network.params();
      for (let k = 0; k < params.length; k++) shared.values[k]!.set(params[k]!.value);
      Atomics.store(control, ROWS, theirs);
      Atomics.store(control, WEIGHTED, sampleWeights ? 1 : 0);
      writeRng(control, this.secondRng);
      const request = ++this.requests;
      Atomics.store(control, REQUEST, request);
      Atomics.notify(control, REQUEST);
      myLoss = this.network.computeGradients(x, y, mine, rng, sampleWeights);
      waitWhileEqual(control, ANSWER, request - 1);
      this.secondRng = readRng(control);
      theirLoss = shared.loss[0]!;
    } else {
      // The helper's computation, here: the second half first (its rows in place), its results kept as the helper's.
      const stream = new Rng(this.secondRng);
      const theirX = x.subarray(mine * this.inputSize, rows * this.inputSize), theirY = y.subarray(mine * this.yWidth, rows * this.yWidth);
      theirLoss = this.network.computeGradients(theirX, theirY, theirs, stream, sampleWeights?.subarray(mine, rows));
      this.secondRng = stream.getState();
      this.trainableParams.forEach((p, k) => this.localGrads[k]!.set(p.grad));
      this.localOutputs.set(this.network.batchOutputs());
      myLoss = this.network.computeGradients(x, y, mine, rng, sampleWeights);
    }
    const theirGrads = helped ? this.helper!.shared.grads : this.localGrads;
    const a = mine / rows, b = theirs / rows;
    for (let k = 0; k < this.trainableParams.length; k++) {
      const g = this.trainableParams[k]!.grad, h = theirGrads[k]!;
      for (let i = 0; i < g.length; i++) g[i] = a * g[i]! + b * h[i]!;
    }
    const width = this.outputSize;
    this.outputs.set(this.network.batchOutputs());
    this.outputs.set((helped ? this.helper!.shared.outputs : this.localOutputs).subarray(0, theirs * width), mine * width);
    if (this.helperReady) this.choice.record(helped, this.clock() - started);
    return a * myLoss + b * theirLoss;
  }

  batchOutputs(): Float32Array {
    return this.lastSplit ? this.outputs.subarray(0, this.lastRows * this.outputSize) : this.network.batchOutputs();
  }

  predict(x: Float32Array, rows: number): Float32Array {
    return this.network.predict(x, rows);
  }

  evaluateLoss(x: Float32Array, y: Float32Array, rows: number, sampleWeights?: Float32Array): number {
    return this.network.evaluateLoss(x, y, rows, sampleWeights);
  }

  evaluate(x: Float32Array, y: Float32Array, rows: number, outputs: Float32Array, sampleWeights?: Float32Array): number {
    return this.network.evaluate(x, y, rows, outputs, sampleWeights);
  }

  params(): readonly Param[] {
    return this.network.params();
  }

  /** Ends the helper thread's loop (it then returns from `serveGradients`) and releases the thread. */
  close(): void {
    if (!this.helper) return;
    Atomics.store(this.helper.control, REQUEST, STOP);
    Atomics.notify(this.helper.control, REQUEST);
    this.helper.release();
    this.helper = null;
  }
}

function copyRange(from: Float32Array, start: number, count: number, to: Float32Array): void {
  for (let i = 0; i < count; i++) to[i] = from[start + i]!;
}
