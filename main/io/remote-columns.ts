/**
 * Column-parallel loading of large plain files: a worker thread collects and infers the right-hand columns
 * while this thread reads, hashes and splits the file and collects the rest. Every column still sees exactly
 * its own cells in row order, so the table is the one a single thread makes (tests compare the two on every
 * dataset). The table builder keeps deciding what a row is; it tells the worker what to store.
 *
 * Messages, in order, each with its load's number (a worker serves one load after another, column-worker-pool.ts):
 *   → begin {setup}    the columns from `first` on are the worker's
 *   → run {run}        plain records: copies of the chunk's bytes and field offsets, moved, not cloned
 *   ← taken {buffers}  one per run, giving the copies' buffers back for the next run: this side never runs more
 *                      than a few chunks ahead and allocates no new buffer in a steady load (memory stays flat)
 *   → row {fields}     an irregular row, as texts, for the worker's columns
 *   → finish {lines}   ← done {columns} or failed {error}
 *   → abandon          the load stopped here (cancelled, failed on this side): the worker forgets it
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../engine/errors.ts';
import type { ColumnSetup, ColumnSink, PlainRun } from '../../engine/table/column-sink.ts';
import type { InferredColumn } from '../../engine/table/infer.ts';
import { columnWorkerPool, type BorrowedWorker, type ColumnWorkerPool } from './column-worker-pool.ts';
import type { TextEncoding } from './detect-format.ts';
import { NotUtf8Error } from './text-source.ts';

export type ToColumnWorker =
  | { type: 'begin'; load: number; setup: ColumnSetup; first: number; encoding: TextEncoding; file: string }
  | { type: 'run'; load: number; run: PlainRun }
  | { type: 'row'; load: number; fields: readonly string[] }
  | { type: 'finish'; load: number; lines: Int32Array }
  | { type: 'abandon'; load: number };

/** The buffers a run's copies live in; they travel to the worker and back. */
export interface RunBuffers {
  readonly bytes: ArrayBuffer;
  readonly starts: ArrayBuffer;
  readonly ends: ArrayBuffer;
}

export type FromColumnWorker =
  | { type: 'taken'; load: number; buffers: RunBuffers }
  | { type: 'done'; load: number; columns: InferredColumn[] }
  | { type: 'failed'; load: number; error: { name: string; message: string; code: string | null } };

/** How a load uses threads: `auto` decides by file size and whether a warm worker waits (`wantsParallel`). */
export type ParallelChoice = 'auto' | 'never' | 'always';

/** The worker could not do its part (its module would not load, it crashed): load on one thread instead. */
export class ColumnWorkerUnavailable extends Error {
  override readonly name = 'ColumnWorkerUnavailable';
}

/**
 * From this size a warm worker (one that has loaded before: the app warms it at start) pays on two cores:
 * diabetes130 (18 MB) loads faster and within 3× its size in memory. A cold worker compiles the loader's
 * loops again while the main thread has them warm; it pays only from PARALLEL_COLD_MIN_BYTES, where that
 * cost is small against the file (a fresh process, such as the CLI's, starts cold).
 */
export const PARALLEL_MIN_BYTES = 8 * 2 ** 20;
export const PARALLEL_COLD_MIN_BYTES = 64 * 2 ** 20;
export const PARALLEL_MIN_COLUMNS = 8;
/**
 * Share of columns kept on this thread, which also reads, hashes and splits the whole file. Measured on
 * diabetes130 with a warm worker: 0.15 took about 340 ms, 0.25 about 370, 0.35 about 395.
 */
const LOCAL_SHARE = 0.15;
const MAX_RUNS_AHEAD = 2;

/**
 * What a load needs besides its table (read buffers, the splitter, the builders' dictionaries, garbage not yet
 * collected) and what a second thread adds to that (its isolate, and its own garbage V8 lets build up before it
 * collects), measured on the 1,000,000 × 50 table of `npm run bench:memory`: 33 MB and 28 MB over the table.
 */
export const LOAD_OVERHEAD_BYTES = 40 * 2 ** 20;
export const WORKER_OVERHEAD_BYTES = 32 * 2 ** 20;

/**
 * `auto`: a file from 64 MB gets the worker only when its table (estimated on the sample, table-size.ts) leaves
 * room for the worker's memory under twice the file, the loading goal; a table of mostly numbers does not (its
 * numbers take 8 bytes a cell against about 5 of text), and there the worker also costs more CPU than it saves.
 * From 8 MB, a warm worker. Unknown table size: judged by size alone. Never while the machine has no idle core
 * (`busyCores`, the load average of the last minute): the worker costs 10–30% more CPU than one thread, paid
 * back only by a core that would otherwise wait (under a load of 13 on 2 cores it was never faster).
 */
export function wantsParallel(
  choice: ParallelChoice | undefined,
  totalBytes: number,
  pool: ColumnWorkerPool = columnWorkerPool,
  tableBytes?: number,
  busyCores = loadavg()[0]!,
): boolean {
  if (choice === 'always') return true;
  if (choice === 'never' || availableParallelism() < 2 || totalBytes < PARALLEL_MIN_BYTES) return false;
  if (busyCores > availableParallelism() - 1) return false;
  if (totalBytes < PARALLEL_COLD_MIN_BYTES) return pool.hasWarmWorker;
  return tableBytes === undefined || tableBytes + LOAD_OVERHEAD_BYTES + WORKER_OVERHEAD_BYTES <= 2 * totalBytes;
}

let loads = 0;

/** Borrows a worker for the columns of a table once its header is known (the table builder's `columnSink`). */
export class ColumnWorkers {
  current: RemoteColumns | null = null;

  constructor(
    private readonly choice: ParallelChoice | undefined,
    private readonly encoding: TextEncoding,
    private readonly file: string,
    private readonly pool: ColumnWorkerPool = columnWorkerPool,
  ) {}

  readonly sinkFor = (setup: ColumnSetup): ColumnSink | null => {
    const width = setup.names.length;
    if (width < (this.choice === 'always' ? 2 : PARALLEL_MIN_COLUMNS)) return null;
    const first = Math.max(1, Math.round(width * LOCAL_SHARE));
    this.current = new RemoteColumns(this.pool.borrow(), { type: 'begin', load: ++loads, setup, first, encoding: this.encoding, file: this.file });
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
  readonly first: number;
  private readonly load: number;
  private readonly worker: Worker;
  private ahead = 0;
  private readonly free: RunBuffers[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  /** The worker itself broke (not the file): it serves no other load. */
  private broken = false;
  private completed = false;
  private finished: { resolve: (columns: InferredColumn[]) => void; reject: (error: Error) => void } | null = null;
  private readonly listeners: { message: (m: FromColumnWorker) => void; error: (e: Error) => void; exit: (code: number) => void };

  constructor(
    private readonly borrowed: BorrowedWorker,
    begin: Extract<ToColumnWorker, { type: 'begin' }>,
  ) {
    this.worker = borrowed.worker;
    this.first = begin.first;
    this.load = begin.load;
    this.listeners = {
      message: (message) => {
        if (message.load !== this.load) return; // a previous load's late reply
        if (message.type === 'taken') {
          this.ahead--;
          this.free.push(message.buffers);
          this.wakeUp();
        } else if (message.type === 'done') {
          this.completed = true;
          this.finished?.resolve(message.columns);
        } else {
          this.fail(rebuilt(message.error));
        }
      },
      error: (error) => this.breakDown(`the column worker stopped: ${error.message}`),
      exit: (code) => this.breakDown(`the column worker exited (code ${code})`),
    };
    this.worker.on('message', this.listeners.message);
    this.worker.on('error', this.listeners.error);
    this.worker.on('exit', this.listeners.exit);
    this.post(begin);
  }

  storeRun(run: PlainRun): void {
    // The chunk's buffers are reused for the next chunk: the worker gets copies, in buffers it gave back. Only
    // the bytes the run's records span are copied, to the same offsets, so the field offsets stay as they are:
    // a chunk that irregular rows cut into many runs is not copied whole for each.
    const fields = run.starts.length;
    const from = fields > 0 ? run.starts[0]! : 0;
    const to = fields > 0 ? run.ends[fields - 1]! : 0;
    const spare = this.free.pop();
    const buffers = {
      bytes: spare && spare.bytes.byteLength >= to ? spare.bytes : new ArrayBuffer(Math.ceil(Math.max(to, run.bytes.length) * 1.25)),
      starts: spare && spare.starts.byteLength >= fields * 4 ? spare.starts : new ArrayBuffer(fields * 5),
      ends: spare && spare.ends.byteLength >= fields * 4 ? spare.ends : new ArrayBuffer(fields * 5),
    };
    const copy = { bytes: new Uint8Array(buffers.bytes, 0, to), starts: new Int32Array(buffers.starts, 0, fields), ends: new Int32Array(buffers.ends, 0, fields), size: run.size };
    copy.bytes.set(run.bytes.subarray(from, to), from);
    copy.starts.set(run.starts);
    copy.ends.set(run.ends);
    this.ahead++;
    this.post({ type: 'run', load: this.load, run: copy }, [buffers.bytes, buffers.starts, buffers.ends]);
  }

  storeRow(fields: readonly string[]): void {
    this.post({ type: 'row', load: this.load, fields });
  }

  finish(lines: Int32Array): Promise<readonly InferredColumn[]> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<InferredColumn[]>((resolve, reject) => (this.finished = { resolve, reject }));
    const copy = lines.slice();
    this.post({ type: 'finish', load: this.load, lines: copy }, [copy.buffer]);
    return done;
  }

  async ready(): Promise<void> {
    while (!this.failure && this.ahead > MAX_RUNS_AHEAD) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /** The load is over (done, failed or given up): the worker goes back to the pool, or away if it broke. */
  close(): void {
    if (!this.completed && !this.broken) this.worker.postMessage({ type: 'abandon', load: this.load } satisfies ToColumnWorker);
    this.failure ??= new ColumnWorkerUnavailable('the load ended');
    this.worker.off('message', this.listeners.message);
    this.worker.off('error', this.listeners.error);
    this.worker.off('exit', this.listeners.exit);
    this.borrowed.release(!this.broken, this.completed);
  }

  private post(message: ToColumnWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.failure) this.worker.postMessage(message, transfer);
  }

  private breakDown(reason: string): void {
    this.broken = true;
    this.fail(new ColumnWorkerUnavailable(reason));
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
