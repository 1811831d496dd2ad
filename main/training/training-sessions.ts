/**
 * Training runs, each in its own worker thread, kept side by side so they can be compared. The window hears
 * about them through `onUpdate`, at most `maxUpdatesPerSecond` times per run: batch progress is coalesced
 * (latest wins), epoch results are batched (none is lost).
 */
import type { Worker } from 'node:worker_threads';
import { isUserFacingError } from '../../engine/errors.ts';
import { TrainingControl } from '../../engine/nn/control.ts';
import type { BatchEvent, EpochEvent, TrainBeginEvent } from '../../engine/nn/fit-types.ts';
import type { PreparedJob, TrainingResult } from '../../engine/pipeline/train-job.ts';
import type { StepReport } from '../../engine/prep/types.ts';
import type { StartRequest, WorkerMessage } from './protocol.ts';
import { bundledOrSource, launchWorker } from '../workers/worker-launcher.ts';

export type RunStatus = 'preparing' | 'training' | 'paused' | 'stopping' | 'completed' | 'stopped' | 'failed';

export interface RunUpdate {
  readonly runId: string;
  readonly status: RunStatus;
  readonly prepared?: { readonly reports: readonly StepReport[]; readonly features: readonly string[]; readonly rows: TrainingResult['rows'] };
  readonly begin?: TrainBeginEvent;
  /** The latest batch progress since the previous update. */
  readonly batch?: BatchEvent;
  /** Every epoch finished since the previous update, in order. */
  readonly epochs?: readonly EpochEvent[];
  readonly result?: TrainingResult;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface RunInfo {
  readonly runId: string;
  readonly label: string;
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly epochs: readonly EpochEvent[];
  readonly result: TrainingResult | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface TrainingSessionsOptions {
  readonly onUpdate: (update: RunUpdate) => void;
  readonly maxUpdatesPerSecond?: number;
  /** For tests: how a worker is made. */
  readonly startWorker?: () => Worker;
  /** A stopped worker that does not finish its batch within this time is terminated. */
  readonly stopGraceMs?: number;
}

interface Run {
  readonly id: string;
  readonly label: string;
  readonly startedAt: number;
  readonly worker: Worker;
  readonly control: TrainingControl;
  status: RunStatus;
  epochs: EpochEvent[];
  result: TrainingResult | null;
  error: { code: string; message: string } | null;
  pending: { batch?: BatchEvent; epochs: EpochEvent[]; extra: Partial<RunUpdate> } | null;
  lastFlush: number;
  flushTimer: ReturnType<typeof setTimeout> | null;
  stopTimer: ReturnType<typeof setTimeout> | null;
}

const FINAL: ReadonlySet<RunStatus> = new Set(['completed', 'stopped', 'failed']);

export class TrainingSessions {
  private readonly runs = new Map<string, Run>();
  private readonly interval: number;
  private nextId = 1;

  constructor(private readonly options: TrainingSessionsOptions) {
    this.interval = 1000 / (options.maxUpdatesPerSecond ?? 30);
  }

  /** Starts a run at once, as `preparing`; a job that cannot be prepared (a rejected promise) fails the run with its reason. */
  start(job: PreparedJob | Promise<PreparedJob>, label = `Run ${this.nextId}`): string {
    const id = `run-${this.nextId++}`;
    const worker = this.options.startWorker ? this.options.startWorker() : launchWorker(defaultTrainingWorkerFile());
    const control = TrainingControl.shared();
    const run: Run = { id, label, startedAt: Date.now(), worker, control, status: 'preparing', epochs: [], result: null, error: null, pending: null, lastFlush: 0, flushTimer: null, stopTimer: null };
    this.runs.set(id, run);
    worker.on('message', (message: WorkerMessage) => this.receive(run, message));
    worker.on('error', (error) => this.fail(run, 'worker-crashed', `The training worker crashed: ${error.message}. Your data and other runs are unaffected; try again, or lower the batch size or network size if memory ran out.`));
    worker.on('exit', (code) => {
      if (!FINAL.has(run.status)) {
        if (run.status === 'stopping') this.finish(run, 'stopped', {});
        else this.fail(run, 'worker-exited', `The training worker stopped unexpectedly (exit code ${code}). Your data and other runs are unaffected; try again.`);
      }
    });
    this.queue(run, { status: 'preparing' });
    Promise.resolve(job).then(
      (ready) => {
        if (FINAL.has(run.status)) return;
        const request: StartRequest = { type: 'start', job: ready, control: control.buffer!, batchEventIntervalMs: this.interval };
        worker.postMessage(request);
      },
      (error: unknown) =>
        isUserFacingError(error) ? this.fail(run, error.code, error.message) : this.fail(run, 'internal', `Training failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`),
    );
    return id;
  }

  pause(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.status !== 'training') return false;
    run.control.pause();
    return true;
  }

  resume(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.status !== 'paused') return false;
    run.control.resume();
    return true;
  }

  /** Ends a run after its current batch, keeping what it learned so far; a worker that does not answer in time is terminated. */
  stop(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || FINAL.has(run.status) || run.status === 'stopping') return false;
    run.control.cancel();
    run.status = 'stopping';
    this.queue(run, {});
    run.stopTimer = setTimeout(() => void run.worker.terminate(), this.options.stopGraceMs ?? 5000);
    return true;
  }

  get(runId: string): RunInfo | undefined {
    const run = this.runs.get(runId);
    return run && this.info(run);
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((r) => this.info(r));
  }

  /** Forgets a finished run (stopping it first if needed). */
  remove(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run) return false;
    if (!FINAL.has(run.status)) void run.worker.terminate();
    this.clearTimers(run);
    this.runs.delete(runId);
    return true;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.values()].map(async (run) => {
      this.clearTimers(run);
      if (!FINAL.has(run.status)) await run.worker.terminate();
    }));
    this.runs.clear();
  }

  private info(run: Run): RunInfo {
    return { runId: run.id, label: run.label, status: run.status, startedAt: run.startedAt, epochs: run.epochs, result: run.result, error: run.error };
  }

  private receive(run: Run, message: WorkerMessage): void {
    if (FINAL.has(run.status)) return;
    switch (message.type) {
      case 'prepared':
        return this.queue(run, { prepared: { reports: message.reports, features: message.features, rows: message.rows } });
      case 'begin':
        if (run.status !== 'stopping') run.status = 'training';
        return this.queue(run, { begin: message.event });
      case 'batch':
        return this.queue(run, {}, message.event);
      case 'epoch':
        run.epochs.push(message.event);
        return this.queue(run, {}, undefined, message.event);
      case 'paused':
        if (run.status !== 'stopping') run.status = 'paused';
        return this.queue(run, {});
      case 'resumed':
        if (run.status !== 'stopping') run.status = 'training';
        return this.queue(run, {});
      case 'done':
        run.result = message.result;
        return this.finish(run, message.result.history.stopReason === 'cancelled' ? 'stopped' : 'completed', { result: message.result });
      case 'error':
        return this.fail(run, message.code, message.message);
    }
  }

  private fail(run: Run, code: string, message: string): void {
    if (FINAL.has(run.status)) return;
    run.error = { code, message };
    this.finish(run, 'failed', { error: run.error });
  }

  private finish(run: Run, status: RunStatus, extra: Partial<RunUpdate>): void {
    run.status = status;
    this.clearTimers(run);
    this.queue(run, extra);
    this.flush(run); // the final state is never delayed
    void run.worker.terminate();
  }

  private clearTimers(run: Run): void {
    if (run.flushTimer) clearTimeout(run.flushTimer);
    if (run.stopTimer) clearTimeout(run.stopTimer);
    run.flushTimer = run.stopTimer = null;
  }

  private queue(run: Run, extra: Partial<RunUpdate>, batch?: BatchEvent, epoch?: EpochEvent): void {
    const pending = (run.pending ??= { epochs: [], extra: {} });
    Object.assign(pending.extra, extra);
    if (batch) pending.batch = batch;
    if (epoch) pending.epochs.push(epoch);
    if (run.flushTimer) return;
    const wait = run.lastFlush + this.interval - performance.now();
    if (wait <= 0) this.flush(run);
    else run.flushTimer = setTimeout(() => this.flush(run), wait);
  }

  private flush(run: Run): void {
    if (run.flushTimer) clearTimeout(run.flushTimer);
    run.flushTimer = null;
    const pending = run.pending;
    if (!pending) return;
    run.pending = null;
    run.lastFlush = performance.now();
    this.options.onUpdate({
      runId: run.id,
      status: run.status,
      ...pending.extra,
      ...(pending.batch ? { batch: pending.batch } : {}),
      ...(pending.epochs.length ? { epochs: pending.epochs } : {}),
    });
  }
}

/** The training worker: the bundle beside main in a desktop build, the .ts source otherwise. */
export function defaultTrainingWorkerFile(): URL {
  return bundledOrSource(new URL('./training-worker.cjs', import.meta.url), new URL('./training-worker.ts', import.meta.url));
}
