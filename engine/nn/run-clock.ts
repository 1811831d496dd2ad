/**
 * Time for progress reports: elapsed seconds without the pauses, throughput and a remaining-time estimate from
 * the share of batches done. Nothing in training depends on it, so results stay deterministic.
 */

/** performance.now where the host has it (browsers, workers, Node), else Date.now. */
export function defaultClock(): () => number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? () => performance.now() : () => Date.now();
}

export class RunClock {
  private readonly started: number;
  private pausedMs = 0;
  private pausedAt: number | null = null;

  constructor(private readonly now: () => number) {
    this.started = now();
  }

  pause(): void {
    this.pausedAt = this.now();
  }

  resume(): void {
    if (this.pausedAt !== null) this.pausedMs += this.now() - this.pausedAt;
    this.pausedAt = null;
  }

  elapsedSeconds(): number {
    return (this.now() - this.started - this.pausedMs) / 1000;
  }

  /** Timing fields of a progress event after `samples` training rows and `fractionDone` of all batches. */
  timing(samples: number, fractionDone: number): { samplesPerSecond: number; elapsedSeconds: number; etaSeconds: number } {
    const elapsedSeconds = this.elapsedSeconds();
    return {
      samplesPerSecond: elapsedSeconds > 0 ? samples / elapsedSeconds : 0,
      elapsedSeconds,
      etaSeconds: fractionDone > 0 ? (elapsedSeconds * (1 - fractionDone)) / fractionDone : Infinity,
    };
  }
}
