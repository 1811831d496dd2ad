/**
 * How the trainer and its helper thread exchange half batches (engine/nn/data-parallel.ts): one
 * SharedArrayBuffer laid out identically on both sides, and a few Int32 control words driven by Atomics. Plain
 * ECMAScript: the host only starts the thread and calls `serveGradients` there (main/training/gradient-helper.ts).
 */
import type { KernelPath } from './kernels-dense.ts';
import { Network } from './network.ts';
import type { NetworkSpec } from './network-spec.ts';
import { Rng, type RngState } from './rng.ts';

/** Everything the helper needs, all structured-cloneable (posted as the worker's data). */
export interface HelperSetup {
  readonly spec: NetworkSpec;
  /** The trainer's kernels: the replica must run the same ones to compute the same numbers. */
  readonly kernels: KernelPath;
  /** Largest half batch the buffers hold. */
  readonly maxRows: number;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

// Control words: the request counter the trainer bumps, the counter the helper answers with, the rows of the
// request, whether it has sample weights, the helper's state, and the four words of the second half's random
// stream (in before, advanced out after).
export const REQUEST = 0;
export const ANSWER = 1;
export const ROWS = 2;
export const WEIGHTED = 3;
export const STATE = 4;
export const RNG = 5;
export const CONTROL_WORDS = 9;
export const STATE_STARTING = 0;
export const STATE_READY = 1;
export const STATE_FAILED = 2;
export const STOP = -1;
/**
 * Polls before sleeping: waking a thread from Atomics.wait costs tens of microseconds (more in a virtual
 * machine), as much as a small half batch. While the helper is in use, requests follow each other within an
 * optimizer step, so it polls that long; unused, it sleeps.
 */
const SPINS = 50_000;

/** Returns once control[index] !== value: polls first, then blocks. */
export function waitWhileEqual(control: Int32Array, index: number, value: number, spins = SPINS): void {
  for (let i = 0; i < spins; i++) if (Atomics.load(control, index) !== value) return;
  while (Atomics.load(control, index) === value) Atomics.wait(control, index, value);
}

export function writeRng(control: Int32Array, state: RngState): void {
  control[RNG] = state.a;
  control[RNG + 1] = state.b;
  control[RNG + 2] = state.c;
  control[RNG + 3] = state.d;
}

export function readRng(control: Int32Array): RngState {
  return { a: control[RNG]!, b: control[RNG + 1]!, c: control[RNG + 2]!, d: control[RNG + 3]! };
}

/** Float32 views of the shared data buffer, laid out identically on both sides. */
export class SharedLayout {
  readonly buffer: SharedArrayBuffer;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly sampleWeights: Float32Array;
  /** The helper's half's outputs, as `batchOutputs` gives them. */
  readonly outputs: Float32Array;
  /** One per param (all of them: the helper's replica takes every value). */
  readonly values: Float32Array[];
  /** One per trainable param, in `trainable()` order. */
  readonly grads: Float32Array[];
  readonly loss: Float64Array;

  /** `buffer`: the other side's; null makes a new one. */
  constructor(network: Network, maxRows: number, buffer: SharedArrayBuffer | null) {
    const yWidth = network.loss.targetWidth(network.outputSize);
    const params = network.params(), trainable = network.trainable();
    const floats = maxRows * (network.inputSize + yWidth + 1 + network.outputSize) + params.reduce((s, p) => s + p.value.length, 0) + trainable.reduce((s, p) => s + p.value.length, 0);
    this.buffer = buffer ?? new SharedArrayBuffer(8 + 4 * floats);
    this.loss = new Float64Array(this.buffer, 0, 1);
    let at = 8;
    const take = (n: number): Float32Array => {
      const view = new Float32Array(this.buffer, at, n);
      at += 4 * n;
      return view;
    };
    this.x = take(maxRows * network.inputSize);
    this.y = take(maxRows * yWidth);
    this.sampleWeights = take(maxRows);
    this.outputs = take(maxRows * network.outputSize);
    this.values = params.map((p) => take(p.value.length));
    this.grads = trainable.map((p) => take(p.value.length));
  }
}

/**
 * The helper thread's side: builds the replica, reports ready, then answers requests until told to stop.
 * Blocks its thread (Atomics.wait) between requests.
 */
export function serveGradients(setup: HelperSetup): void {
  const control = new Int32Array(setup.control);
  let network: Network;
  let shared: SharedLayout;
  try {
    network = new Network(setup.spec, new Rng(0), { kernels: setup.kernels });
    if (network.kernelPath !== setup.kernels) throw new Error(`the helper thread cannot run the ${setup.kernels} kernels (it has ${network.kernelPath})`);
    shared = new SharedLayout(network, setup.maxRows, setup.data);
  } catch (error) {
    Atomics.store(control, STATE, STATE_FAILED);
    Atomics.notify(control, STATE);
    throw error;
  }
  const params = network.params(), trainable = network.trainable();
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
    const rng = new Rng(readRng(control));
    shared.loss[0] = network.computeGradients(shared.x, shared.y, rows, rng, weighted ? shared.sampleWeights : undefined);
    for (let k = 0; k < trainable.length; k++) shared.grads[k]!.set(trainable[k]!.grad);
    shared.outputs.set(network.batchOutputs());
    writeRng(control, rng.getState());
    Atomics.store(control, ANSWER, request);
    Atomics.notify(control, ANSWER);
  }
}
