/**
 * Which trial runs next: Hyperband's successive halving (Li et al., JMLR 2018) in synchronous rungs, η = 3.
 * Bracket 0 is the portfolio at the full epoch budget. Then brackets cycle through three shapes: 9 sampled
 * configs at a ninth of the epochs, the best 3 again at a third, the best 1 at the full budget; 5 configs at a
 * third, the best 1 at the full budget; 3 configs at the full budget. A bracket's configs come from the
 * TPE-style sampler, fed with every config finished before the bracket began.
 *
 * Decisions wait for a whole rung, and a trial's seed depends only on the search seed and its config's
 * number, so the trials, their order and their results are the same whatever order parallel workers finish
 * them in: a search limited by a number of trials is deterministic.
 *
 * A search limited only by time may `fillIdle`: when every config of the open brackets' rungs has started and
 * a worker is free, the next bracket opens at once (its configs sampled from the trials finished so far)
 * instead of the worker waiting for the rung's slowest trial — a bracket's last rung of one config would
 * otherwise leave the other core idle for a whole full-budget trial. Older brackets' promotions still start
 * first. What was finished when a bracket opens then depends on timing, so a trial limit never fills.
 */
import { Rng } from '../nn/rng.ts';
import { portfolio } from './portfolio.ts';
import { proposeConfig, type SpaceContext } from './space.ts';
import type { TrialConfig } from './trial-config.ts';

export const ETA = 3;
/** Bracket shapes after the portfolio: s halvings, from a budget of epochs / 3^s. */
const BRACKET_SHAPES = [2, 1, 0];

export interface TrialRequest {
  /** 1, 2, 3, … in the order trials are started. */
  readonly id: number;
  /** 1, 2, 3, … per distinct config; a promoted config keeps its number. */
  readonly configNumber: number;
  readonly config: TrialConfig;
  readonly seed: number;
  readonly bracket: number;
  readonly rung: number;
}

/** A finished trial's validation score; null when it failed or was cancelled. */
export interface TrialScore {
  readonly mean: number;
  readonly std: number;
  /** Mean validation loss over the folds: breaks ties of the metric. */
  readonly loss: number;
}

/** Higher metric first; among equals, lower loss; failures last. */
export function compareScores(a: TrialScore | null, b: TrialScore | null): number {
  if (a === null || !Number.isFinite(a.mean)) return b === null || !Number.isFinite(b.mean) ? 0 : 1;
  if (b === null || !Number.isFinite(b.mean)) return -1;
  if (a.mean !== b.mean) return b.mean - a.mean;
  const la = Number.isFinite(a.loss) ? a.loss : Infinity;
  const lb = Number.isFinite(b.loss) ? b.loss : Infinity;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

interface Entry {
  readonly configNumber: number;
  readonly config: TrialConfig;
}

interface Bracket {
  readonly index: number;
  /** Halvings left after rung 0. */
  readonly halvings: number;
  rung: number;
  /** This rung's configs, in order; each is started once. */
  entries: Entry[];
  started: number;
  readonly results: Map<number, TrialScore | null>;
  /** Its last rung has finished. */
  done: boolean;
}

export function trialSeed(searchSeed: number, configNumber: number): number {
  return (Math.imul(searchSeed + 1, 0x9e3779b1) ^ Math.imul(configNumber, 0x85ebca6b)) >>> 0;
}

export class SearchScheduler {
  private readonly rng: Rng;
  private readonly brackets: Bracket[] = [];
  private readonly latest = new Map<number, { config: TrialConfig; score: TrialScore | null }>();
  private readonly running = new Map<number, { bracket: Bracket; configNumber: number }>();
  private configs = 0;
  private trials = 0;

  constructor(
    private readonly context: SpaceContext,
    private readonly options: { readonly seed: number; readonly maxTrials?: number; readonly fillIdle?: boolean },
  ) {
    this.rng = new Rng(options.seed ^ 0x51ed270b);
    this.openBracket(0, portfolio(context));
  }

  get startedTrials(): number {
    return this.trials;
  }

  /** Whether the trial limit has been reached: `next` will only say `done`. */
  get exhausted(): boolean {
    return this.options.maxTrials !== undefined && this.trials >= this.options.maxTrials;
  }

  /** The next trial to start now; `wait` until a running trial finishes its rung; `done` when the limit is reached. */
  next(): TrialRequest | 'wait' | 'done' {
    if (this.exhausted) return 'done';
    let bracket = this.brackets.find((b) => !b.done && b.started < b.entries.length);
    if (!bracket) {
      if (!this.options.fillIdle && this.brackets.some((b) => !b.done)) return 'wait';
      this.openBracket(this.brackets.length);
      bracket = this.brackets[this.brackets.length - 1]!;
    }
    const entry = bracket.entries[bracket.started++]!;
    const epochs = Math.max(1, Math.round(this.context.epochs / ETA ** (bracket.halvings - bracket.rung)));
    const config = { ...entry.config, epochs, patience: Math.max(3, Math.round(entry.config.patience * (epochs / this.context.epochs)) ) };
    const request: TrialRequest = { id: ++this.trials, configNumber: entry.configNumber, config, seed: trialSeed(this.options.seed, entry.configNumber), bracket: bracket.index, rung: bracket.rung };
    this.running.set(request.id, { bracket, configNumber: entry.configNumber });
    return request;
  }

  finish(id: number, score: TrialScore | null): void {
    const run = this.running.get(id);
    if (!run) throw new Error(`trial ${id} is not running`);
    this.running.delete(id);
    const { bracket, configNumber } = run;
    bracket.results.set(configNumber, score);
    const entry = bracket.entries.find((e) => e.configNumber === configNumber)!;
    this.latest.set(configNumber, { config: entry.config, score });
    if (bracket.results.size < bracket.entries.length) return;
    if (bracket.rung < bracket.halvings) this.promote(bracket);
    else bracket.done = true;
  }

  private promote(bracket: Bracket): void {
    const keep = Math.max(1, Math.floor(bracket.entries.length / ETA));
    const ranked = [...bracket.entries].sort((a, b) => compareScores(bracket.results.get(a.configNumber)!, bracket.results.get(b.configNumber)!) || a.configNumber - b.configNumber);
    bracket.entries = ranked.slice(0, keep);
    bracket.rung++;
    bracket.started = 0;
    bracket.results.clear();
  }

  private openBracket(index: number, fixed?: readonly TrialConfig[]): void {
    const halvings = fixed ? 0 : BRACKET_SHAPES[(index - 1) % BRACKET_SHAPES.length]!;
    const size = fixed ? fixed.length : Math.ceil(((BRACKET_SHAPES.length) / (halvings + 1)) * ETA ** halvings);
    const ranked = [...this.latest.entries()].sort(([na, a], [nb, b]) => compareScores(a.score, b.score) || na - nb).map(([, v]) => v.config);
    const entries: Entry[] = [];
    for (let i = 0; i < size; i++) {
      const config = fixed ? fixed[i]! : proposeConfig(ranked, this.rng, this.context);
      entries.push({ configNumber: ++this.configs, config });
    }
    this.brackets.push({ index, halvings, rung: 0, entries, started: 0, results: new Map(), done: false });
  }
}
