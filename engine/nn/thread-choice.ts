/**
 * Whether a helper thread should compute the second half of each split batch: measured while training, not
 * guessed. A second thread pays on a quiet machine for wide layers and large batches, and costs when the other
 * core is busy (another run, another program), which changes during a run. So it times a few batches each way,
 * keeps the faster for a while, then times again; the same choice winning again doubles how long it is kept.
 * Results never depend on it: a split batch is computed the same way on one thread or two.
 */

/** Batches timed each way per round. */
const PROBES = 5;
const FIRST_RUN = 100;
const LONGEST_RUN = 3200;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

export class ThreadChoice {
  private readonly alone: number[] = [];
  private readonly helped: number[] = [];
  /** Batches left before timing again; 0 while timing. */
  private remaining = 0;
  private run = FIRST_RUN;
  /** The last round's choice; null before the first. */
  private helper: boolean | null = null;
  private probeNext = true;

  /** For the next split batch: whether the helper computes its second half. */
  useHelper(): boolean {
    if (this.remaining > 0) return this.helper!;
    // Alternate while timing, so a change of load hits both sides alike.
    this.probeNext = !this.probeNext;
    return this.probeNext;
  }

  /** The wall-clock milliseconds of the batch just computed, as `useHelper` said. */
  record(helped: boolean, ms: number): void {
    if (this.remaining > 0) {
      this.remaining--;
      return;
    }
    (helped ? this.helped : this.alone).push(ms);
    if (this.alone.length < PROBES || this.helped.length < PROBES) return;
    const helper = median(this.helped) < median(this.alone);
    this.run = helper === this.helper ? Math.min(LONGEST_RUN, this.run * 2) : FIRST_RUN;
    this.helper = helper;
    this.remaining = this.run;
    this.alone.length = 0;
    this.helped.length = 0;
  }

  /** What the last round of timing chose. */
  get helping(): boolean {
    return this.helper === true;
  }
}
