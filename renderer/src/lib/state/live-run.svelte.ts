/**
 * One training run as the Train step shows it: its summary from main, plus the live history the curves draw
 * (every epoch, and the running training loss per batch). Arrays are replaced, never mutated, and kept in
 * `$state.raw`: a long run's history is not made deeply reactive.
 */
import type { BatchEvent, EpochEvent, TrainBeginEvent } from '../../../../engine/nn/fit-types.ts';
import type { RunStatus, RunSummary, TrainingProgressEvent } from '../../../../main/api/calls/training-calls.ts';

/** Batch points kept per run; beyond it every other point is dropped, so the curve keeps its shape. */
export const MAX_BATCH_POINTS = 2000;
/**
 * The charts redraw at most this often. Progress arrives up to 30 times a second per run, and redrawing two
 * charts that often keeps a slow machine's window busy; the progress bar still moves with every update.
 */
export const CURVE_INTERVAL_MS = 250;

export interface Curves {
  readonly epochs: readonly EpochEvent[];
  readonly batchLoss: readonly (readonly [number, number])[];
}

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
  /** The history as the charts draw it: refreshed at most every CURVE_INTERVAL_MS, and at once when the run ends. */
  curves: Curves;
  private curveTimer: ReturnType<typeof setTimeout> | null = null;

  readonly finished: boolean;
  /** Share of all batches of all epochs done, or null before training begins; a stopped or failed run stays where it got to. */
  readonly progress: number | null;
  /** The best epoch so far by the run's early-stopping monitor (validation loss when there is one). */
  readonly bestEpoch: number | null;

  constructor(summary: RunSummary) {
    this.runId = summary.runId;
    this.summary = $state.raw(summary);
    this.status = $state(summary.status);
    this.begin = $state.raw(summary.begin);
    this.epochs = $state.raw(summary.epochs);
    this.curves = $state.raw({ epochs: summary.epochs, batchLoss: [] });
    this.finished = $derived(FINAL.has(this.status));
    this.progress = $derived.by(() => {
      if (this.status === 'completed') return 1;
      if (this.finished) return Math.min(1, this.epochs.length / Math.max(1, this.summary.settings.epochs));
      const b = this.lastBatch;
      if (!b) return this.begin ? 0 : null;
      return (b.epoch - 1 + b.batch / b.batches) / b.epochs;
    });
    this.bestEpoch = $derived(this.summary.outcome?.bestEpoch ?? this.epochs.at(-1)?.bestEpoch ?? null);
  }

  apply(event: TrainingProgressEvent): void {
    if (event.begin) this.begin = event.begin;
    // Only epochs not seen yet: news kept from before the run was added may repeat what its summary holds.
    const last = this.epochs.at(-1)?.epoch ?? 0;
    const fresh = event.epochs?.filter((e) => e.epoch > last) ?? [];
    if (fresh.length) this.epochs = [...this.epochs, ...fresh];
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
    this.refreshCurves();
  }

  private refreshCurves(): void {
    const now = () => {
      if (this.curveTimer) clearTimeout(this.curveTimer);
      this.curveTimer = null;
      this.curves = { epochs: this.epochs, batchLoss: this.batchLoss };
    };
    if (this.finished) now();
    else this.curveTimer ??= setTimeout(now, CURVE_INTERVAL_MS);
  }
}
