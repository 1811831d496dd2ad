/**
 * One column worker kept between loads, so the second thread's code is as warm as the main thread's (the app's
 * start-up warm-up, warm-up.ts, warms both). A load borrows it; a load that starts while it is out gets a
 * worker of its own, ended afterwards. An idle worker does not keep the process alive.
 */
import type { Worker } from 'node:worker_threads';
import { bundledOrSource, launchWorker } from '../workers/worker-launcher.ts';

export interface BorrowedWorker {
  readonly worker: Worker;
  /** `healthy`: it may serve another load; `finished`: it completed this one (its code is warm now). */
  release(healthy: boolean, finished: boolean): void;
}

export function defaultColumnWorkerFile(): URL {
  return bundledOrSource(new URL('./column-worker.cjs', import.meta.url), new URL('./column-worker.ts', import.meta.url));
}

export class ColumnWorkerPool {
  private kept: Worker | null = null;
  private lent = false;
  private warm = false;

  constructor(private readonly start: () => Worker = () => launchWorker(defaultColumnWorkerFile())) {}

  /** An idle worker that has already completed a load is waiting. */
  get hasWarmWorker(): boolean {
    return this.kept !== null && !this.lent && this.warm;
  }

  borrow(): BorrowedWorker {
    if (this.kept && this.lent) {
      const own = this.start();
      return { worker: own, release: () => void own.terminate() };
    }
    const worker = this.kept ?? this.keep(this.start());
    this.lent = true;
    worker.ref();
    return {
      worker,
      release: (healthy, finished) => {
        if (this.kept !== worker) return;
        if (!healthy) return this.drop(worker);
        this.lent = false;
        this.warm ||= finished;
        worker.unref();
      },
    };
  }

  /** Ends the kept worker (tests; the process exits without it anyway). */
  close(): void {
    if (this.kept) this.drop(this.kept);
  }

  private keep(worker: Worker): Worker {
    this.kept = worker;
    this.warm = false;
    // A worker that dies while idle is simply replaced by the next load.
    worker.on('error', () => this.kept === worker && this.drop(worker));
    worker.on('exit', () => this.kept === worker && this.drop(worker));
    return worker;
  }

  private drop(worker: Worker): void {
    if (this.kept === worker) {
      this.kept = null;
      this.lent = false;
      this.warm = false;
    }
    void worker.terminate();
  }
}

/** The app's pool: every load of the process shares it. */
export const columnWorkerPool = new ColumnWorkerPool();
