/**
 * One engine worker as the pool sees it: the call it runs (one at a time), what it already holds (tables and
 * models, by identity, so a changed one is sent again), and how it ended if it crashed.
 */
import type { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../../engine/errors.ts';
import { CANCELLED, RUNNING, type FromEngineWorker, type ToEngineWorker, type WorkerError } from './protocol.ts';

export interface RunningCall {
  readonly callId: number;
  readonly cancel: Int32Array;
  readonly onProgress: (progress: unknown) => void;
  readonly settle: (outcome: { readonly value: unknown } | { readonly error: Error }) => void;
  /** Warm-up: an idle worker's work, which keeps no process alive. */
  readonly background: boolean;
}

/** The error a worker sent, as the thread that asked sees it: a user-facing one keeps its code and step. */
export function rebuiltError(error: WorkerError): Error {
  if (error.code === null) return new Error(error.message);
  return new UserFacingError(error.code, error.message, error.stepId ? { stepId: error.stepId } : {});
}

export class PoolWorker {
  running: RunningCall | null = null;
  /** Why the worker ended, once it has. */
  crashed: string | null = null;
  /** What this worker holds, by key (`dataset:<session>:<id>`), as the object it was sent. */
  readonly holds = new Map<string, unknown>();
  private ended = false;

  constructor(
    readonly worker: Worker,
    /** Told when the worker can take another call, or has died (`crashed` set). */
    private readonly onFree: (self: PoolWorker) => void,
  ) {
    worker.unref();
    worker.on('message', (message: FromEngineWorker) => this.receive(message));
    worker.on('error', (error) => this.end(`it failed: ${error.message}`));
    worker.on('exit', (code) => this.end(`it exited with code ${code}`));
  }

  get idle(): boolean {
    return this.running === null && this.crashed === null;
  }

  post(message: ToEngineWorker): void {
    this.worker.postMessage(message);
  }

  start(call: RunningCall, message: ToEngineWorker & { type: 'call' }): void {
    this.running = call;
    if (!call.background) this.worker.ref();
    this.post(message);
  }

  cancel(callId: number): void {
    if (this.running?.callId !== callId) return;
    Atomics.store(this.running.cancel, 0, CANCELLED);
    this.post({ type: 'cancel', callId });
  }

  /** Whether it runs background work (warm-up) that real work could have instead. */
  get inBackground(): boolean {
    return this.running?.background === true;
  }

  /** Stops the background work it runs (it fails as cancelled at its next check, which frees the worker). */
  yieldBackground(): void {
    const call = this.running;
    if (call?.background && Atomics.load(call.cancel, 0) === RUNNING) this.cancel(call.callId);
  }

  terminate(): Promise<number> {
    this.ended = true;
    return this.worker.terminate();
  }

  private receive(message: FromEngineWorker): void {
    const call = this.running;
    if (!call || call.callId !== message.callId) return;
    if (message.type === 'progress') return call.onProgress(message.progress);
    this.running = null;
    this.worker.unref();
    call.settle(message.type === 'result' ? { value: message.value } : { error: rebuiltError(message.error) });
    this.onFree(this);
  }

  private end(reason: string): void {
    if (this.crashed !== null) return;
    this.crashed = reason;
    const call = this.running;
    this.running = null;
    if (call && !this.ended) {
      const error = new UserFacingError(
        'engine-crashed',
        `The engine thread working on this stopped (${reason}); your data is still open. Try again, and if it happens again, the table may be too large for this computer's memory.`,
      );
      call.settle({ error });
    } else if (call) {
      call.settle({ error: new UserFacingError('cancelled', 'Layerlab is closing: the work was stopped.') });
    }
    if (!this.ended) this.onFree(this);
  }
}

export function newCancelWord(): Int32Array {
  const word = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(word, 0, RUNNING);
  return word;
}
