/**
 * One training run as the Train step shows it: its summary from main, plus the live history the curves draw
 * (every epoch, and the running training loss per batch). Arrays are replaced, never mutated, and kept in
 * `$state.raw`: a long run's history is not made deeply reactive.
 */
import type { BatchEvent, EpochEvent, TrainBeginEvent } from '../../../../engine/nn/fit-types.ts';
import type { RunStatus, RunSummary, TrainingProgressEvent } from '../../../../main/api/calls/training-calls.ts';

/** Batch points kept per run; beyond it every other point is dropped, so the curve keeps its shape. */
export const MAX_BATCH_POINTS = 2000;

const FINAL: ReadonlySet<RunStatus> = new Set(['completed', 'stopped', 'failed']);

export class LiveRun {
  readonly runId: string;
  summary: RunSummary;
  status: RunStatus;
  begin: TrainBeginEvent | null;
  epochs: readonly EpochEvent[];
  /** [epochs done + batch / batches, running training loss of that epoch]. */
  batchLoss = $state.raw<readonly (readonly [number, number])[]>([]);
  lastBatch = $state.raw<BatchEvent | null>(null);

  readonly finished: boolean;
  /** Share of all batches of all epochs done, or null before training begins. */
  readonly progress: number | null;
  /** The best epoch so far by the run's early-stopping monitor (validation loss when there is one). */
  readonly bestEpoch: number | null;

  constructor(summary: RunSummary) {
    this.runId = summary.runId;
    this.summary = $state.raw(summary);
    this.status = $state(summary.status);
    this.begin = $state.raw(summary.begin);
    this.epochs = $state.raw(summary.epochs);
    this.finished = $derived(FINAL.has(this.status));
    this.progress = $derived.by(() => {
      if (this.finished) return 1;
      const b = this.lastBatch;
      if (!b) return this.begin ? 0 : null;
      return (b.epoch - 1 + b.batch / b.batches) / b.epochs;
    });
    this.bestEpoch = $derived(this.summary.outcome?.bestEpoch ?? this.epochs.at(-1)?.bestEpoch ?? null);
  }

  apply(event: TrainingProgressEvent): void {
    if (event.begin) this.begin = event.begin;
    if (event.epochs?.length) this.epochs = [...this.epochs, ...event.epochs];
    if (event.batch) {
      const b = event.batch;
      this.lastBatch = b;
      let points = [...this.batchLoss, [b.epoch - 1 + b.batch / b.batches, b.loss] as const];
      if (points.length > MAX_BATCH_POINTS) points = points.filter((_, i) => i % 2 === 1);
      this.batchLoss = points;
    }
    if (event.summary) {
      this.summary = event.summary;
      this.epochs = event.summary.epochs;
    }
    this.status = event.summary?.status ?? event.status;
  }
}
