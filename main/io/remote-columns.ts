/**
 * Column-parallel loading of large plain files: a worker thread collects and infers the right-hand columns
 * while this thread reads, hashes and splits the file and collects the rest. Every column still sees exactly
 * its own cells in row order, so the table is the one a single thread makes (tests compare the two on every
 * dataset). The table builder keeps deciding what a row is; it tells the worker what to store.
 *
 * Messages, in order, one worker per load:
 *   → run {run}        plain records: copies of the chunk's bytes and field offsets, moved, not cloned
 *   ← taken {buffers}  one per run, giving the copies' buffers back for the next run: this side never runs more
 *                      than a few chunks ahead and allocates no new buffer in a steady load (memory stays flat)
 *   → row {fields}     an irregular row, as texts, for the worker's columns
 *   → finish {lines}   ← done {columns} or failed {error}
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../engine/errors.ts';
import type { ColumnSetup, ColumnSink, PlainRun } from '../../engine/table/column-sink.ts';
import type { InferredColumn } from '../../engine/table/infer.ts';
import { bundledOrSource, launchWorker } from '../workers/worker-launcher.ts';
import type { TextEncoding } from './detect-format.ts';
import { NotUtf8Error } from './text-source.ts';

export interface ColumnWorkerData {
  readonly setup: ColumnSetup;
  readonly first: number;
  readonly encoding: TextEncoding;
  readonly file: string;
}

export type ToColumnWorker = { type: 'run'; run: PlainRun } | { type: 'row'; fields: readonly string[] } | { type: 'finish'; lines: Int32Array };

/** The buffers a run's copies live in; they travel to the worker and back. */
export interface RunBuffers {
  readonly bytes: ArrayBuffer;
  readonly starts: ArrayBuffer;
  readonly ends: ArrayBuffer;
}

export type FromColumnWorker =
  | { type: 'taken'; buffers: RunBuffers }
  | { type: 'done'; columns: InferredColumn[] }
  | { type: 'failed'; error: { name: string; message: string; code: string | null } };

/** How a load uses threads: `auto` goes parallel for large, wide files on a machine with two cores or more. */
export type ParallelChoice = 'auto' | 'never' | 'always';

/** The worker could not do its part (its module would not load, it crashed): load on one thread instead. */
export class ColumnWorkerUnavailable extends Error {
  override readonly name = 'ColumnWorkerUnavailable';
}

/**
 * Below these the worker costs more than it saves. Its thread starts in 50 ms, but its code is cold: it
 * compiles the loader's loops again while the main thread has them warm, and its isolate adds about 13 MB.
 * On diabetes130 (18 MB) it was slower on two cores and took the load past 3× the file in memory.
 */
export const PARALLEL_MIN_BYTES = 64 * 2 ** 20;
export const PARALLEL_MIN_COLUMNS = 8;
/** Share of columns kept on this thread, which also reads, hashes and splits the whole file. */
const LOCAL_SHARE = 0.25;
const MAX_RUNS_AHEAD = 2;

export function wantsParallel(choice: ParallelChoice | undefined, totalBytes: number): boolean {
  if (choice === 'always') return true;
  return choice !== 'never' && totalBytes >= PARALLEL_MIN_BYTES && availableParallelism() >= 2;
}

export function defaultColumnWorkerFile(): URL {
  return bundledOrSource(new URL('./column-worker.cjs', import.meta.url), new URL('./column-worker.ts', import.meta.url));
}

/** Opens a worker for the columns of a table once its header is known (the table builder's `columnSink`). */
export class ColumnWorkers {
  current: RemoteColumns | null = null;

  constructor(
    private readonly choice: ParallelChoice | undefined,
    private readonly encoding: TextEncoding,
    private readonly file: string,
    start?: (data: ColumnWorkerData) => Worker,
  ) {
    this.start = start ?? ((data) => launchWorker(defaultColumnWorkerFile(), { workerData: data }));
  }

  private readonly start: (data: ColumnWorkerData) => Worker;

  readonly sinkFor = (setup: ColumnSetup): ColumnSink | null => {
    const width = setup.names.length;
    if (width < (this.choice === 'always' ? 2 : PARALLEL_MIN_COLUMNS)) return null;
    const first = Math.max(1, Math.round(width * LOCAL_SHARE));
    this.current = new RemoteColumns(this.start({ setup, first, encoding: this.encoding, file: this.file }), first);
    return this.current;
  };

  /** Waits while the worker is behind; throws what it failed with. */
  async ready(): Promise<void> {
    await this.current?.ready();
  }

  close(): void {
    this.current?.close();
  }
}

export class RemoteColumns implements ColumnSink {
  private ahead = 0;
  private readonly free: RunBuffers[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private finished: { resolve: (columns: InferredColumn[]) => void; reject: (error: Error) => void } | null = null;

  constructor(
    private readonly worker: Worker,
    readonly first: number,
  ) {
    worker.on('message', (message: FromColumnWorker) => {
      if (message.type === 'taken') {
        this.ahead--;
        this.free.push(message.buffers);
        this.wakeUp();
      } else if (message.type === 'done') {
        this.finished?.resolve(message.columns);
      } else {
        this.fail(rebuilt(message.error));
      }
    });
    worker.on('error', (error) => this.fail(new ColumnWorkerUnavailable(`the column worker stopped: ${error.message}`)));
    worker.on('exit', (code) => this.fail(new ColumnWorkerUnavailable(`the column worker exited (code ${code})`)));
  }

  storeRun(run: PlainRun): void {
    // The chunk's buffers are reused for the next chunk: the worker gets copies, in buffers it gave back.
    const fields = run.starts.length;
    const spare = this.free.pop();
    const buffers = {
      bytes: spare && spare.bytes.byteLength >= run.bytes.length ? spare.bytes : new ArrayBuffer(Math.ceil(run.bytes.length * 1.25)),
      starts: spare && spare.starts.byteLength >= fields * 4 ? spare.starts : new ArrayBuffer(fields * 5),
      ends: spare && spare.ends.byteLength >= fields * 4 ? spare.ends : new ArrayBuffer(fields * 5),
    };
    const copy = { bytes: new Uint8Array(buffers.bytes, 0, run.bytes.length), starts: new Int32Array(buffers.starts, 0, fields), ends: new Int32Array(buffers.ends, 0, fields), size: run.size };
    copy.bytes.set(run.bytes);
    copy.starts.set(run.starts);
    copy.ends.set(run.ends);
    this.ahead++;
    this.post({ type: 'run', run: copy }, [buffers.bytes, buffers.starts, buffers.ends]);
  }

  storeRow(fields: readonly string[]): void {
    this.post({ type: 'row', fields });
  }

  finish(lines: Int32Array): Promise<readonly InferredColumn[]> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<InferredColumn[]>((resolve, reject) => (this.finished = { resolve, reject }));
    const copy = lines.slice();
    this.post({ type: 'finish', lines: copy }, [copy.buffer]);
    return done;
  }

  async ready(): Promise<void> {
    while (!this.failure && this.ahead > MAX_RUNS_AHEAD) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  close(): void {
    this.failure ??= new ColumnWorkerUnavailable('the load ended');
    this.worker.removeAllListeners();
    void this.worker.terminate();
  }

  private post(message: ToColumnWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.failure) this.worker.postMessage(message, transfer);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.finished?.reject(error);
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** The worker's error as the single-thread load would have thrown it. */
function rebuilt(error: { name: string; message: string; code: string | null }): Error {
  if (error.name === 'NotUtf8Error') return new NotUtf8Error(error.message);
  if (error.code !== null) return new UserFacingError(error.code, error.message);
  return new Error(error.message);
}
