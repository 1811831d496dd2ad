/**
 * The engine worker pool: one long-lived worker thread per core, doing every piece of engine work that can take
 * more than a few milliseconds on a large table (profiles, suggestions, recipe previews, preparation, evaluation,
 * file predictions, model files), so main's event loop only routes, validates and writes: a request to the web
 * host or an IPC call never waits behind a million rows.
 *
 * - Calls wait in main, in order, and go to a worker only when it is free: each worker runs one call at a time,
 *   so a cancelled call that has not started is simply dropped, and a new call never queues behind a long one
 *   while another worker is idle.
 * - A call may name a home (`recipes:<dataset>`): calls with the same home run on the same worker, where that
 *   dataset's prepared stages are cached, so an edit of the last step re-runs only that step.
 * - Tables and models go to a worker once, before the first call there that reads them (shared memory: the
 *   columns are not copied), and again only when they change.
 * - Cores are shared with training, searches and cross-validations: while they run (each on threads of its
 *   own), `reserve` takes their cores out of the pool's share, down to one worker (never none: a preview must
 *   still answer). Work then queues in main, and their threads keep their cores; as they end, the pool grows back.
 * - Started with the app (`start`): the workers are created and warmed on a small synthetic table while the
 *   user looks at the first screen; anywhere else (tests, scripts) they start with the first call. Warm-up
 *   never delays real work: its parts start only when no call waits, and a call that arrives stops them.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { isUserFacingError, UserFacingError } from '../../../engine/errors.ts';
import { bundledOrSource, launchWorker } from '../../workers/worker-launcher.ts';
import { newCancelWord, PoolWorker, type RunningCall } from './pool-worker.ts';
import type { ArgsOf, EngineCallName, ProgressOf, ResultOf, ToEngineWorker } from './protocol.ts';

/**
 * What a call needs its worker to hold first, read when the call starts: by key (`dataset:<session>:<id>`), the
 * thing itself (sent again only when another object is under the key) and the message that sends it.
 */
export type Deliveries = () => readonly { readonly key: string; readonly held: object; readonly message: ToEngineWorker }[];

export interface PoolCall<K extends EngineCallName> {
  readonly session: string;
  readonly name: K;
  readonly args: ArgsOf<K>;
  readonly deliveries?: Deliveries;
  /** Calls with the same home run on the same worker (its caches). */
  readonly home?: string;
  /** Warm-up and the like: runs only when no other call waits, on the worker given. */
  readonly background?: { readonly worker: number };
  readonly onProgress?: (progress: ProgressOf<K>) => void;
  /** Aborting drops a waiting call and stops a running one; an abort reason that is a user-facing error is what the call rejects with. */
  readonly signal?: AbortSignal;
}

function cancelled(): UserFacingError {
  return new UserFacingError('cancelled', 'The work was cancelled.');
}

interface Waiting {
  readonly call: PoolCall<EngineCallName>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export interface EnginePoolOptions {
  /** Workers; one per core by default. */
  readonly size?: number;
  /** For tests: how a worker is made. */
  readonly startWorker?: () => Worker;
}

export function defaultEngineWorkerFile(): URL {
  return bundledOrSource(new URL('./engine-worker.cjs', import.meta.url), new URL('./worker/engine-worker.ts', import.meta.url));
}

/** Why an aborted call failed: the abort's reason when it is a user-facing error (`superseded`), else `cancelled`. */
function abortReason(signal: AbortSignal | undefined): UserFacingError | null {
  return isUserFacingError(signal?.reason) ? signal.reason : null;
}

export class EnginePool {
  readonly size: number;
  private readonly workers: (PoolWorker | null)[];
  private readonly waiting: Waiting[] = [];
  private readonly homes = new Map<string, number>();
  /** Cores others use, by who reserved them: counted again each time the pool starts calls. */
  private readonly reserved = new Map<string, () => number>();
  private readonly startWorker: () => Worker;
  private nextCallId = 1;
  private closed = false;

  constructor(options: EnginePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.workers = Array.from({ length: this.size }, () => null);
    this.startWorker = options.startWorker ?? (() => launchWorker(defaultEngineWorkerFile()));
  }

  /** Starts every worker now and warms each once `warmUpAfterMs` have passed (the app does this as it opens). */
  start({ warmUpAfterMs = 300 }: { readonly warmUpAfterMs?: number } = {}): void {
    for (let i = 0; i < this.size; i++) this.workerAt(i);
    setTimeout(() => {
      for (let worker = 0; worker < this.size; worker++) void this.warmUp(worker);
    }, warmUpAfterMs).unref();
  }

  /** Workers the pool may keep busy now: one per core, less the cores others reserved, never fewer than one. */
  get capacity(): number {
    let reserved = 0;
    for (const cores of this.reserved.values()) reserved += cores();
    return Math.max(1, this.size - reserved);
  }

  /**
   * Takes `cores` out of the pool's share under `key`: a count (0 gives them back), or how many are in use now,
   * asked each time the pool starts calls (so a search that has just started counts at once). Training runs,
   * searches and cross-validations do; call `recount` when theirs goes down, so waiting calls start.
   */
  reserve(key: string, cores: number | (() => number)): void {
    if (typeof cores === 'function') this.reserved.set(key, cores);
    else if (cores > 0) this.reserved.set(key, () => cores);
    else this.reserved.delete(key);
    this.dispatch();
  }

  /** Reserved cores may have been given back: starts the calls that now fit. */
  recount(): void {
    this.dispatch();
  }

  run<K extends EngineCallName>(call: PoolCall<K>): Promise<ResultOf<K>> {
    if (this.closed) return Promise.reject(new UserFacingError('cancelled', 'Layerlab is closing: the work was not started.'));
    if (call.signal?.aborted) return Promise.reject(abortReason(call.signal) ?? cancelled());
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const waiting: Waiting = { call: call as unknown as PoolCall<EngineCallName>, resolve: resolve as (value: unknown) => void, reject };
      this.waiting.push(waiting);
      call.signal?.addEventListener('abort', () => this.abort(waiting), { once: true });
      this.dispatch();
    });
  }

  /** Tells every worker holding `key` to let it go; `message` is the forget message to send. */
  forget(key: string, message: ToEngineWorker): void {
    for (const worker of this.workers) {
      if (!worker?.holds.delete(key)) continue;
      if (!worker.crashed) worker.post(message);
    }
  }

  /** A session closes: every worker lets go of what it held for it (keys and homes name their session as `:<session>:`). */
  closeSession(session: string): void {
    const mark = `:${session}:`;
    for (const worker of this.workers) {
      if (!worker || worker.crashed) continue;
      for (const key of [...worker.holds.keys()]) if (key.includes(mark)) worker.holds.delete(key);
      worker.post({ type: 'closeSession', session });
    }
    for (const home of [...this.homes.keys()]) if (home.includes(mark)) this.homes.delete(home);
  }

  /** Ends every worker; calls waiting or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.waiting.splice(0)) waiting.reject(new UserFacingError('cancelled', 'Layerlab is closing: the work was not started.'));
    await Promise.all(this.workers.map((worker) => worker?.terminate()));
    this.workers.fill(null);
  }

  private async warmUp(worker: number): Promise<void> {
    let parts = 1;
    for (let part = 0; part < parts && !this.closed; part++) {
      try {
        ({ parts } = await this.run({ session: 'warm-up', name: 'warmUp', args: { part }, background: { worker } }));
      } catch {
        return; // a warm-up that fails only costs the warm-up
      }
    }
  }

  private workerAt(index: number): PoolWorker {
    const existing = this.workers[index];
    if (existing && !existing.crashed) return existing;
    const worker = new PoolWorker(this.startWorker(), (self) => this.freed(self));
    this.workers[index] = worker;
    return worker;
  }

  private freed(worker: PoolWorker): void {
    if (worker.crashed) {
      const index = this.workers.indexOf(worker);
      // The next call starts a new worker in its place; homes there start afresh.
      for (const [home, at] of this.homes) if (at === index) this.homes.delete(home);
      if (index >= 0) this.workers[index] = null;
    }
    this.dispatch();
  }

  /** A call aborted while waiting is dropped; a running one is stopped by its worker (see `begin`). */
  private abort(waiting: Waiting): void {
    const at = this.waiting.indexOf(waiting);
    if (at < 0) return;
    this.waiting.splice(at, 1);
    waiting.reject(abortReason(waiting.call.signal) ?? cancelled());
  }

  private busy(): number {
    return this.workers.filter((worker) => worker && !worker.idle && !worker.crashed).length;
  }

  /** Starts waiting calls, in order, on free workers, as far as the capacity allows. */
  private dispatch(): void {
    if (this.closed) return;
    const foreground = this.waiting.some((w) => !w.call.background);
    for (let i = 0; i < this.waiting.length && this.busy() < this.capacity; ) {
      const waiting = this.waiting[i]!;
      const index = this.placeFor(waiting.call, foreground);
      if (index === null) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.begin(waiting, index);
    }
    this.yieldWarmUps();
  }

  /**
   * Warm-up yields to real work: each call still waiting stops one warm-up (on its home worker when it has one),
   * which costs only the rest of that worker's warm-up.
   */
  private yieldWarmUps(): void {
    const yielding = new Set<PoolWorker>();
    for (const { call } of this.waiting) {
      if (call.background) continue;
      const home = call.home === undefined ? undefined : this.homes.get(call.home);
      const candidates = home === undefined ? this.workers : [this.workers[home] ?? null];
      const worker = candidates.find((w) => w?.inBackground && !yielding.has(w));
      if (!worker) continue;
      yielding.add(worker);
      worker.yieldBackground();
    }
  }

  /** The free worker this call may start on now, or null. */
  private placeFor(call: PoolCall<EngineCallName>, foregroundWaiting: boolean): number | null {
    if (call.background) {
      if (foregroundWaiting) return null;
      return this.workers[call.background.worker]?.running ? null : call.background.worker;
    }
    const home = call.home === undefined ? undefined : this.homes.get(call.home);
    if (home !== undefined) return this.workers[home]?.running ? null : home;
    for (let index = 0; index < this.size; index++) if (!this.workers[index]?.running) return index;
    return null;
  }

  private begin(waiting: Waiting, index: number): void {
    const { call } = waiting;
    const worker = this.workerAt(index);
    if (call.home !== undefined) this.homes.set(call.home, index);
    try {
      for (const { key, held, message } of call.deliveries?.() ?? []) {
        if (worker.holds.get(key) === held) continue;
        worker.post(message);
        worker.holds.set(key, held);
      }
    } catch (error) {
      // What it reads is gone (a dataset closed while the call waited): it fails without starting.
      waiting.reject(error as Error);
      return;
    }
    const callId = this.nextCallId++;
    const running: RunningCall = {
      callId,
      cancel: newCancelWord(),
      background: call.background !== undefined,
      onProgress: (progress) => call.onProgress?.(progress as never),
      settle: (outcome) => {
        // Aborted with a reason (`superseded`): that is the answer, even if the worker finished meanwhile. Without
        // one, the worker's own `cancelled` error (or its result, when it finished first) is.
        const reason = call.signal?.aborted ? abortReason(call.signal) : null;
        if (reason) waiting.reject(reason);
        else if ('value' in outcome) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      },
    };
    call.signal?.addEventListener('abort', () => worker.cancel(callId), { once: true });
    worker.start(running, { type: 'call', callId, session: call.session, name: call.name, args: call.args, cancel: running.cancel });
  }
}

/** The process's pool: the app's services and every test share it, as they share the machine's cores. */
export const enginePool = new EnginePool();
