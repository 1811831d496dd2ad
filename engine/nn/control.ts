/**
 * Pause, resume and cancel for a training run, checked by the fit loop between batches.
 *
 * Two words in an Int32Array: the command (written by whoever drives the run) and the trainer's status
 * (written by the fit loop). On a SharedArrayBuffer the driver lives on another thread: `pause()` makes the
 * trainer block in `Atomics.wait` after its current batch — no polling, no event loop, no cost per batch beyond
 * one load — until `resume()` or `cancel()` wakes it. The same-thread variant (`TrainingControl.local`) exists for
 * tests and single-threaded hosts: a paused trainer there calls `whilePaused` in a loop, and only that callback
 * can resume or cancel the run. Use one control per run: cancellation is final.
 */

const COMMAND = 0;
const STATUS = 1;
const COMMANDS = ['run', 'pause', 'cancel'] as const;
const STATUSES = ['idle', 'running', 'paused', 'finished'] as const;
const RUN = 0;
const PAUSE = 1;
const CANCEL = 2;

export type TrainingCommand = (typeof COMMANDS)[number];
export type TrainingStatus = (typeof STATUSES)[number];

export class TrainingControl {
  private constructor(
    private readonly words: Int32Array,
    private readonly whilePaused: (() => void) | null,
  ) {}

  /** A control whose `buffer` can be posted to the worker that trains (`TrainingControl.attach` there). */
  static shared(): TrainingControl {
    return new TrainingControl(new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)), null);
  }

  /** The worker's view of a control created with `shared()` on the driving thread. */
  static attach(buffer: SharedArrayBuffer): TrainingControl {
    return new TrainingControl(new Int32Array(buffer, 0, 2), null);
  }

  /** A same-thread control: while paused, the trainer calls `whilePaused` until it resumes or cancels the run. */
  static local(whilePaused: () => void): TrainingControl {
    return new TrainingControl(new Int32Array(2), whilePaused);
  }

  get buffer(): SharedArrayBuffer | null {
    // SharedArrayBuffer is undefined in pages that are not cross-origin isolated.
    return typeof SharedArrayBuffer !== 'undefined' && this.words.buffer instanceof SharedArrayBuffer ? this.words.buffer : null;
  }

  get command(): TrainingCommand {
    return COMMANDS[Atomics.load(this.words, COMMAND)]!;
  }

  get status(): TrainingStatus {
    return STATUSES[Atomics.load(this.words, STATUS)]!;
  }

  get cancelled(): boolean {
    return Atomics.load(this.words, COMMAND) === CANCEL;
  }

  /** Takes effect after the batch in progress. No effect once cancelled. */
  pause(): void {
    Atomics.compareExchange(this.words, COMMAND, RUN, PAUSE);
  }

  resume(): void {
    if (Atomics.compareExchange(this.words, COMMAND, PAUSE, RUN) === PAUSE) this.wake();
  }

  /** Ends the run after the batch in progress, also while paused. Final: a cancelled control stays cancelled. */
  cancel(): void {
    Atomics.store(this.words, COMMAND, CANCEL);
    this.wake();
  }

  private wake(): void {
    if (this.buffer) Atomics.notify(this.words, COMMAND);
  }

  /** True when the driver asked for something other than running: the fit loop's one check per batch. */
  interrupted(): boolean {
    return Atomics.load(this.words, COMMAND) !== RUN;
  }

  /** Blocks while paused (the status reads 'paused' meanwhile). Called by the fit loop only. */
  waitWhilePaused(): void {
    this.setStatus('paused');
    while (Atomics.load(this.words, COMMAND) === PAUSE) {
      if (this.whilePaused) this.whilePaused();
      else Atomics.wait(this.words, COMMAND, PAUSE);
    }
    this.setStatus('running');
  }

  /** Written by the fit loop only: 'running' while it trains, 'finished' when it returns. */
  setStatus(status: TrainingStatus): void {
    Atomics.store(this.words, STATUS, STATUSES.indexOf(status));
  }
}
