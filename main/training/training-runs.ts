/**
 * The app's training runs: TrainingSessions (one worker per run) plus what the window and the other steps need
 * around them — which dataset and design each run used, its progress as `trainingProgress` events, and, when a
 * run ends with something learned, its model file in the ModelRegistry for the Evaluate and Predict steps.
 */
import type { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../engine/errors.ts';
import { buildModelFile, type ModelFile, type ModelFileInput, type ModelSource } from '../../engine/model/model-file.ts';
import type { EpochEvent, TrainBeginEvent } from '../../engine/nn/fit-types.ts';
import { outputSize } from '../../engine/nn/network-spec.ts';
import type { PreparedJob, TrainingResult } from '../../engine/pipeline/train-job.ts';
import type { Prepared } from '../../engine/prep/types.ts';
import type { NetworkDesign, TrainingSettings } from '../../engine/pipeline/training-settings.ts';
import type { RunOutcome, RunSummary, TrainingProgressEvent } from '../api/calls/training-calls.ts';
import type { AppIdentity } from '../export/app-identity.ts';
import type { ModelRegistry } from '../services/model-registry.ts';
import { TrainingSessions, type RunUpdate } from './training-sessions.ts';

export interface RunRequest {
  readonly datasetId: string;
  /** The run's network and settings, and its data once prepared (a preparation that fails fails the run, with its reason). */
  readonly job: { readonly design: NetworkDesign; readonly settings: TrainingSettings; readonly prepared: Prepared | Promise<Prepared> };
  /** The column it predicts (the recipe's target). */
  readonly target: string;
  /** The data's provenance, recorded in the model file. */
  readonly source: ModelSource;
  readonly label?: string;
}

export interface TrainingRunsOptions {
  readonly publish: (event: TrainingProgressEvent) => void;
  readonly models: ModelRegistry;
  readonly app: () => Promise<AppIdentity>;
  /** Builds a finished run's model file (the app's engine pool does, off main's thread); here by default. */
  readonly buildModel?: (input: ModelFileInput) => Promise<ModelFile>;
  /** Runs that may train (or wait paused) at once; MAX_ACTIVE_RUNS by default. */
  readonly maxActiveRuns?: number;
  /** For tests: how a worker is made. */
  readonly startWorker?: () => Worker;
  readonly stopGraceMs?: number;
}

interface RunRecord {
  readonly datasetId: string;
  /** The user may rename a run. */
  label: string;
  readonly target: string;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly source: ModelSource;
  begin: RunSummary['begin'];
  modelId: string | null;
  /** Set when the run finished but its model could not be kept: the run then counts as failed. */
  modelError: { readonly code: string; readonly message: string } | null;
}

/**
 * Runs training (or paused) at once. Each has its own worker holding its own copy of the prepared data and its
 * network; past a few, they only share the same cores more thinly and the memory runs out.
 */
export const MAX_ACTIVE_RUNS = 4;

const ENDED: ReadonlySet<RunSummary['status']> = new Set(['completed', 'stopped', 'failed']);

function tooManyRuns(active: number): UserFacingError {
  return new UserFacingError(
    'too-many-runs',
    `${active} runs are already training or paused, the most Layerlab runs at once (each has its own worker and its own copy of the data). Stop one, or wait for one to finish, then start this one.`,
  );
}

/** "6-6-1": units of each Dense layer, the output included. */
export function designName(design: NetworkDesign, outputUnits: number): string {
  return [...design.hidden.flatMap((layer) => (layer.type === 'dense' ? [layer.units] : [])), outputUnits].join('-');
}

function outcomeOf(result: TrainingResult): RunOutcome {
  const { history } = result;
  const report = result.test?.report;
  const testMetric = !report ? null : 'accuracy' in report ? { name: 'accuracy' as const, value: report.accuracy } : { name: 'r2' as const, value: report.r2 };
  return {
    stopReason: history.stopReason,
    message: history.message,
    epochsCompleted: history.epochsCompleted,
    bestEpoch: history.bestEpoch,
    restoredEpoch: history.restoredEpoch,
    seconds: history.seconds,
    samplesPerSecond: history.samplesPerSecond,
    parameterCount: result.parameterCount,
    testMetric,
  };
}

const FINISHED: ReadonlySet<RunSummary['status']> = new Set(['completed', 'stopped', 'failed']);

/** A run trained elsewhere (a search's trial) and handed over finished: no worker, its epochs from its history. */
export interface AdoptedRun {
  readonly datasetId: string;
  readonly label: string;
  /** The column it predicts (the recipe's target). */
  readonly target: string;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly source: ModelSource;
  readonly result: TrainingResult;
  readonly epochs: readonly EpochEvent[];
  readonly begin: TrainBeginEvent;
}

export class TrainingRuns {
  private readonly sessions: TrainingSessions;
  private readonly records = new Map<string, RunRecord>();
  /** Runs the user deleted: out of the list until an undo. */
  private readonly deleted = new Set<string>();
  private readonly adopted = new Map<string, { readonly run: AdoptedRun; readonly startedAt: number; readonly modelId: string; label: string }>();
  private adoptedCount = 0;

  constructor(private readonly options: TrainingRunsOptions) {
    this.sessions = new TrainingSessions({
      onUpdate: (update) => this.receive(update),
      ...(options.startWorker ? { startWorker: options.startWorker } : {}),
      ...(options.stopGraceMs !== undefined ? { stopGraceMs: options.stopGraceMs } : {}),
    });
  }

  start(request: RunRequest): RunSummary {
    const { job } = request;
    const active = this.sessions.list().filter((run) => !ENDED.has(run.status)).length;
    if (active >= (this.options.maxActiveRuns ?? MAX_ACTIVE_RUNS)) throw tooManyRuns(active);
    const ready = Promise.resolve(job.prepared).then((prepared): PreparedJob => ({ prepared, design: job.design, settings: job.settings }));
    const runId = this.sessions.start(ready, request.label);
    const label = this.sessions.get(runId)!.label;
    this.records.set(runId, { datasetId: request.datasetId, label, target: request.target, design: job.design, settings: job.settings, source: request.source, begin: null, modelId: null, modelError: null });
    return this.summary(runId)!;
  }

  pause(runId: string): boolean {
    return this.sessions.pause(runId);
  }

  resume(runId: string): boolean {
    return this.sessions.resume(runId);
  }

  stop(runId: string): boolean {
    return this.sessions.stop(runId);
  }

  /** Cores the runs keep busy now: one per run that trains (its data-parallel helper, when it pays, borrows a second). */
  coresInUse(): number {
    return this.sessions.list().filter((run) => run.status === 'training').length;
  }

  list(): RunSummary[] {
    const trained = this.sessions.list().flatMap((info) => this.summary(info.runId) ?? []);
    const adopted = [...this.adopted.keys()].map((runId) => this.summary(runId)!);
    return [...trained, ...adopted].filter((run) => !this.deleted.has(run.runId)).sort((a, b) => a.startedAt - b.startedAt);
  }

  /** A finished run leaves the list (an undo brings it back); a run still going must be stopped first. */
  delete(runId: string): boolean {
    const summary = this.summary(runId);
    if (!summary || this.deleted.has(runId)) return false;
    if (!FINISHED.has(summary.status)) throw new UserFacingError('run-active', `${summary.label} is still ${summary.status}. Stop it first, then delete it.`);
    this.deleted.add(runId);
    return true;
  }

  undelete(runId: string): boolean {
    return this.deleted.delete(runId);
  }

  rename(runId: string, label: string): boolean {
    const record = this.records.get(runId) ?? this.adopted.get(runId);
    if (!record || this.deleted.has(runId)) return false;
    record.label = label;
    return true;
  }

  /** Keeps a finished run trained elsewhere as an ordinary one: its model goes to the registry, its summary to the window. */
  async adopt(run: AdoptedRun): Promise<RunSummary> {
    const runId = `search-run-${++this.adoptedCount}`;
    const model = await this.modelFile({ result: run.result, design: run.design, settings: run.settings, source: run.source, app: await this.options.app() });
    const name = designName(run.design, outputSize(run.result.network.spec));
    this.options.models.add({ modelId: runId, label: `${run.label} · ${name} · ${run.settings.optimizer.kind}`, datasetId: run.datasetId, model, result: run.result, path: null });
    this.adopted.set(runId, { run, startedAt: Date.now(), modelId: runId, label: run.label });
    const summary = this.summary(runId)!;
    this.options.publish({ type: 'trainingProgress', runId, status: 'completed', begin: run.begin, summary });
    return summary;
  }

  summary(runId: string): RunSummary | null {
    const adopted = this.adopted.get(runId);
    if (adopted) {
      const { run } = adopted;
      return { runId, label: adopted.label, datasetId: run.datasetId, dataset: { name: run.source.name, sha256: run.source.sha256 }, target: run.target, status: 'completed', startedAt: adopted.startedAt, design: run.design, settings: run.settings, begin: run.begin, epochs: run.epochs, outcome: outcomeOf(run.result), modelId: adopted.modelId, error: null };
    }
    const info = this.sessions.get(runId);
    const record = this.records.get(runId);
    if (!info || !record) return null;
    return {
      runId,
      label: record.label,
      datasetId: record.datasetId,
      dataset: { name: record.source.name, sha256: record.source.sha256 },
      target: record.target,
      status: record.modelError ? 'failed' : info.status,
      startedAt: info.startedAt,
      design: record.design,
      settings: record.settings,
      begin: record.begin,
      epochs: info.epochs,
      outcome: info.result ? outcomeOf(info.result) : null,
      modelId: record.modelId,
      error: record.modelError ?? info.error,
    };
  }

  dispose(): Promise<void> {
    return this.sessions.dispose();
  }

  private receive(update: RunUpdate): void {
    const record = this.records.get(update.runId);
    // The session's first update ('preparing') comes from inside `start`, before the record is kept: the
    // summary `start` returns says the same.
    if (!record) return;
    if (update.begin) record.begin = update.begin;
    const event: TrainingProgressEvent = {
      type: 'trainingProgress',
      runId: update.runId,
      status: update.status,
      ...(update.begin ? { begin: update.begin } : {}),
      ...(update.batch ? { batch: update.batch } : {}),
      ...(update.epochs ? { epochs: update.epochs } : {}),
    };
    const final = update.status === 'completed' || update.status === 'stopped' || update.status === 'failed';
    if (!final) {
      this.options.publish(event);
      return;
    }
    void this.register(update.runId, record, update.result)
      .catch((error: unknown) => {
        record.modelError = { code: 'model-failed', message: `The run finished but its model could not be kept (${error instanceof Error ? error.message : String(error)}). Train it again.` };
      })
      .then(() => {
        const summary = this.summary(update.runId)!;
        this.options.publish({ ...event, status: summary.status, summary });
      });
  }

  /** A run that learned at least one epoch becomes a model, even when stopped early. */
  private async register(runId: string, record: RunRecord, result: TrainingResult | undefined): Promise<void> {
    if (!result || result.history.epochsCompleted < 1) return;
    const model = await this.modelFile({ result, design: record.design, settings: record.settings, source: record.source, app: await this.options.app() });
    const name = designName(record.design, outputSize(result.network.spec));
    this.options.models.add({ modelId: runId, label: `${record.label} · ${name} · ${record.settings.optimizer.kind}`, datasetId: record.datasetId, model, result, path: null });
    record.modelId = runId;
  }

  private async modelFile(input: ModelFileInput): Promise<ModelFile> {
    return this.options.buildModel ? await this.options.buildModel(input) : buildModelFile(input);
  }
}
