/**
 * The app's training runs: TrainingSessions (one worker per run) plus what the window and the other steps need
 * around them — which dataset and design each run used, its progress as `trainingProgress` events, and, when a
 * run ends with something learned, its model file in the ModelRegistry for the Evaluate and Predict steps.
 */
import type { Worker } from 'node:worker_threads';
import { buildModelFile, type ModelFile, type ModelFileInput, type ModelSource } from '../../engine/model/model-file.ts';
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
  /** For tests: how a worker is made. */
  readonly startWorker?: () => Worker;
  readonly stopGraceMs?: number;
}

interface RunRecord {
  readonly datasetId: string;
  readonly label: string;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly source: ModelSource;
  begin: RunSummary['begin'];
  modelId: string | null;
  /** Set when the run finished but its model could not be kept: the run then counts as failed. */
  modelError: { readonly code: string; readonly message: string } | null;
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

export class TrainingRuns {
  private readonly sessions: TrainingSessions;
  private readonly records = new Map<string, RunRecord>();

  constructor(private readonly options: TrainingRunsOptions) {
    this.sessions = new TrainingSessions({
      onUpdate: (update) => this.receive(update),
      ...(options.startWorker ? { startWorker: options.startWorker } : {}),
      ...(options.stopGraceMs !== undefined ? { stopGraceMs: options.stopGraceMs } : {}),
    });
  }

  start(request: RunRequest): RunSummary {
    const { job } = request;
    const ready = Promise.resolve(job.prepared).then((prepared): PreparedJob => ({ prepared, design: job.design, settings: job.settings }));
    const runId = this.sessions.start(ready, request.label);
    const label = this.sessions.get(runId)!.label;
    this.records.set(runId, { datasetId: request.datasetId, label, design: job.design, settings: job.settings, source: request.source, begin: null, modelId: null, modelError: null });
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

  list(): RunSummary[] {
    return this.sessions.list().flatMap((info) => this.summary(info.runId) ?? []);
  }

  summary(runId: string): RunSummary | null {
    const info = this.sessions.get(runId);
    const record = this.records.get(runId);
    if (!info || !record) return null;
    return {
      runId,
      label: record.label,
      datasetId: record.datasetId,
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
    const input: ModelFileInput = { result, design: record.design, settings: record.settings, source: record.source, app: await this.options.app() };
    const model = this.options.buildModel ? await this.options.buildModel(input) : buildModelFile(input);
    const name = designName(record.design, outputSize(result.network.spec));
    this.options.models.add({ modelId: runId, label: `${record.label} · ${name} · ${record.settings.optimizer.kind}`, datasetId: record.datasetId, model, result, path: null });
    record.modelId = runId;
  }
}
