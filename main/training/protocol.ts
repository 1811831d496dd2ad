/**
 * The one message protocol between a training session (main thread) and its worker. Large typed arrays are in
 * shared memory both ways (the prepared matrices in, the held-out predictions out): shared, not copied.
 */
import type { BatchEvent, EpochEvent, PauseEvent, TrainBeginEvent } from '../../engine/nn/fit-types.ts';
import type { PreparedJob, TrainingResult } from '../../engine/pipeline/train-job.ts';
import type { StepReport } from '../../engine/prep/types.ts';

export interface StartRequest {
  readonly type: 'start';
  readonly job: PreparedJob;
  /** The run's TrainingControl words (pause/resume/cancel), shared with the session. */
  readonly control: SharedArrayBuffer;
  /** Fewest milliseconds between two batch events: the worker never floods its parent. */
  readonly batchEventIntervalMs: number;
}

export type WorkerMessage =
  | { readonly type: 'prepared'; readonly reports: readonly StepReport[]; readonly features: readonly string[]; readonly rows: TrainingResult['rows'] }
  | { readonly type: 'begin'; readonly event: TrainBeginEvent }
  | { readonly type: 'batch'; readonly event: BatchEvent }
  | { readonly type: 'epoch'; readonly event: EpochEvent }
  | { readonly type: 'paused'; readonly event: PauseEvent }
  | { readonly type: 'resumed'; readonly event: PauseEvent }
  | { readonly type: 'done'; readonly result: TrainingResult }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
