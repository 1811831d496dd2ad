/**
 * The Train step's K-fold cross-validations, each on its own worker thread (never main's): started beside a
 * run, stoppable, reported as one `crossValidationProgress` event when it ends.
 */
import type { Worker } from 'node:worker_threads';
import { TrainingControl } from '../../engine/nn/control.ts';
import type { CrossValidation } from '../../engine/pipeline/cross-validate.ts';
import type { NetworkDesign, TrainingSettings } from '../../engine/pipeline/training-settings.ts';
import type { Recipe } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';
import type { CrossValidationEvent, CrossValidationSummary } from '../api/calls/validation-calls.ts';
import { bundledOrSource, launchWorker } from '../workers/worker-launcher.ts';
import { trainFoldsInAppWords } from './app-search-messages.ts';

export interface CrossValidationJob {
  readonly table: Table;
  readonly recipe: Recipe;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly folds: number;
  readonly control: SharedArrayBuffer;
}

export type CrossValidationReply = { readonly type: 'done'; readonly result: CrossValidation } | { readonly type: 'error'; readonly code: string; readonly message: string };

export interface CrossValidationRequest extends Omit<CrossValidationJob, 'control'> {
  readonly runId: string | null;
}

function defaultWorker(): Worker {
  return launchWorker(bundledOrSource(new URL('./cross-validation-worker.cjs', import.meta.url), new URL('./cross-validation-worker.ts', import.meta.url)));
}

interface Entry {
  summary: CrossValidationSummary;
  readonly control: TrainingControl;
  readonly worker: Worker;
}

export class CrossValidations {
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;

  constructor(private readonly options: { readonly publish: (event: CrossValidationEvent) => void; readonly startWorker?: () => Worker }) {}

  start(request: CrossValidationRequest): CrossValidationSummary {
    const validationId = `cv-${this.nextId++}`;
    const control = TrainingControl.shared();
    const worker = (this.options.startWorker ?? defaultWorker)();
    const entry: Entry = { summary: { validationId, runId: request.runId, folds: request.folds, status: 'running', rows: null, metrics: null, error: null }, control, worker };
    this.entries.set(validationId, entry);
    const end = (change: Partial<CrossValidationSummary>): void => {
      if (entry.summary.status !== 'running') return;
      entry.summary = { ...entry.summary, ...change };
      this.options.publish({ type: 'crossValidationProgress', summary: entry.summary });
      void worker.terminate();
    };
    worker.once('message', (reply: CrossValidationReply) => {
      if (reply.type === 'error') end({ status: 'failed', error: { code: reply.code, message: trainFoldsInAppWords(reply.message) } });
      else if (reply.result.cancelled) end({ status: 'stopped', rows: reply.result.rows });
      else end({ status: 'done', rows: reply.result.rows, metrics: Object.fromEntries(Object.entries(reply.result.metrics).map(([name, m]) => [name, { mean: m.mean, std: m.std }])) });
    });
    worker.once('error', (error) => end({ status: 'failed', error: { code: 'worker-crashed', message: `The cross-validation worker crashed: ${error.message}. Try again, or with a smaller network.` } }));
    const { runId: _runId, ...job } = request;
    worker.postMessage({ ...job, control: control.buffer! } satisfies CrossValidationJob);
    return entry.summary;
  }

  /** Cores the cross-validations keep busy now: one per running one (its worker). */
  coresInUse(): number {
    let cores = 0;
    for (const entry of this.entries.values()) if (entry.summary.status === 'running') cores++;
    return cores;
  }

  stop(validationId: string): boolean {
    const entry = this.entries.get(validationId);
    if (!entry || entry.summary.status !== 'running') return false;
    entry.control.cancel();
    return true;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.worker.terminate()));
  }
}
