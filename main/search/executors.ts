/**
 * Where a search's jobs run. `WorkerExecutor`: one worker thread per slot (two on a two-core machine), each
 * preparing its own copy of the data; a job goes to the first free worker. `InProcessExecutor`: the same
 * engine functions on this thread, each job's result handed back after a delay the caller chooses — tests
 * use it to make later trials finish first and check the search does not depend on it.
 */
import type { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../engine/errors.ts';
import type { ModelBaselines } from '../../engine/model/model-file.ts';
import { TrainingControl } from '../../engine/nn/control.ts';
import type { NetworkJSON } from '../../engine/nn/network-json.ts';
import type { SplitEvaluation } from '../../engine/pipeline/train-job.ts';
import type { Recipe } from '../../engine/prep/types.ts';
import { prepareSearch, type FoldChoice, type PreparedSearch } from '../../engine/search/search-data.ts';
import { baselinesJob, runTrialJob, testJob } from '../../engine/search/search-jobs.ts';
import type { TrialRequest } from '../../engine/search/scheduler.ts';
import type { TrialOutcome } from '../../engine/search/trial.ts';
import type { InputEncoding } from '../../engine/search/trial-config.ts';
import type { Table } from '../../engine/table/table.ts';
import { bundledOrSource, launchWorker } from '../workers/worker-launcher.ts';
import { preparedInfo } from './prepared-info.ts';
import type { PreparedInfo, SearchJob, SearchJobResult } from './protocol.ts';

export interface SearchExecutor {
  /** Jobs that can run at once. */
  readonly slots: number;
  prepare(table: Table, recipe: Recipe, folds: FoldChoice): Promise<PreparedInfo>;
  trial(request: TrialRequest, control: TrainingControl): Promise<TrialOutcome>;
  /** The baselines; `control` cancels their linear model (its report is then null). */
  baselines(seed: number, control: TrainingControl): Promise<ModelBaselines | null>;
  test(encoding: InputEncoding, networks: readonly NetworkJSON[]): Promise<SplitEvaluation | null>;
  dispose(): Promise<void>;
}

/** The search worker: the bundle beside main in a desktop build, the .ts source otherwise. */
export function defaultSearchWorkerFile(): URL {
  return bundledOrSource(new URL('./search-worker.cjs', import.meta.url), new URL('./search-worker.ts', import.meta.url));
}

interface Slot {
  readonly worker: Worker;
  busy: boolean;
}

export class WorkerExecutor implements SearchExecutor {
  private readonly pool: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];

  constructor(readonly slots = 2, startWorker: () => Worker = () => launchWorker(defaultSearchWorkerFile())) {
    this.pool = Array.from({ length: slots }, () => ({ worker: startWorker(), busy: false }));
  }

  private send(slot: Slot, job: SearchJob): Promise<SearchJobResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (result: SearchJobResult): void => {
        cleanup();
        if (result.type === 'error') reject(new UserFacingError(result.code, result.message));
        else resolve(result);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(new UserFacingError('worker-crashed', `A search worker crashed: ${error.message}. Try again, or with fewer rows if memory ran out.`));
      };
      const cleanup = (): void => {
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
      };
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.postMessage(job);
    });
  }

  private acquire(): Promise<Slot> {
    const free = this.pool.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  /** Runs a job on the first free worker; the result has the job's own type. */
  private async run<T extends SearchJob['type']>(job: Extract<SearchJob, { type: T }>): Promise<Extract<SearchJobResult, { type: T }>> {
    const slot = await this.acquire();
    try {
      return (await this.send(slot, job)) as Extract<SearchJobResult, { type: T }>;
    } finally {
      this.release(slot);
    }
  }

  async prepare(table: Table, recipe: Recipe, folds: FoldChoice): Promise<PreparedInfo> {
    const results = await Promise.all(this.pool.map((slot) => this.send(slot, { type: 'prepare', table, recipe, folds })));
    return (results[0] as Extract<SearchJobResult, { type: 'prepared' }>).info;
  }

  async trial(request: TrialRequest, control: TrainingControl): Promise<TrialOutcome> {
    return (await this.run({ type: 'trial', request, control: control.buffer! })).outcome;
  }

  async baselines(seed: number, control: TrainingControl): Promise<ModelBaselines | null> {
    return (await this.run({ type: 'baselines', seed, control: control.buffer! })).baselines;
  }

  async test(encoding: InputEncoding, networks: readonly NetworkJSON[]): Promise<SplitEvaluation | null> {
    return (await this.run({ type: 'test', encoding, networks })).evaluation;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.pool.map((s) => s.worker.terminate()));
  }
}

export class InProcessExecutor implements SearchExecutor {
  private prepared: PreparedSearch | null = null;

  /** `delayMs(request)`: how long a trial's result waits before it is handed back. */
  constructor(
    readonly slots = 2,
    private readonly delayMs: (request: TrialRequest) => number = () => 0,
  ) {}

  private ready(): PreparedSearch {
    if (!this.prepared) throw new Error('prepare the search first');
    return this.prepared;
  }

  async prepare(table: Table, recipe: Recipe, folds: FoldChoice): Promise<PreparedInfo> {
    this.prepared = prepareSearch(table, recipe, folds);
    return preparedInfo(this.prepared);
  }

  async trial(request: TrialRequest, control: TrainingControl): Promise<TrialOutcome> {
    const outcome = runTrialJob(this.ready(), request, control);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs(request)));
    return outcome;
  }

  async baselines(seed: number, control: TrainingControl): Promise<ModelBaselines | null> {
    return baselinesJob(this.ready(), seed, control);
  }

  async test(encoding: InputEncoding, networks: readonly NetworkJSON[]): Promise<SplitEvaluation | null> {
    return testJob(this.ready(), encoding, networks);
  }

  async dispose(): Promise<void> {
    this.prepared = null;
  }
}
