/**
 * A network search as a service: the CLI and the app drive it the same way. It prepares the data in its
 * workers, runs the scheduler's trials on every free worker, keeps every finished trial (networks, histories,
 * scores) so any trial can become an ordinary run, and ends on the trial limit, on its wall-clock budget
 * (preparation included, pauses excluded) or when stopped — then averages the chosen networks and scores them,
 * once, on the test rows. Progress goes to hooks; pause, resume and stop take effect after the current batch.
 */
import { UserFacingError } from '../../engine/errors.ts';
import type { ModelBaselines } from '../../engine/model/model-file.ts';
import { TrainingControl } from '../../engine/nn/control.ts';
import type { SplitEvaluation } from '../../engine/pipeline/train-job.ts';
import type { FittedRecipe, Recipe } from '../../engine/prep/types.ts';
import { epochBudget } from '../../engine/search/epochs.ts';
import { finalModel, leaderboard, rankTrials, type FinalModel, type LeaderboardRow, type TrialRecord } from '../../engine/search/final-model.ts';
import { preferredBatch } from '../../engine/search/portfolio.ts';
import { SearchScheduler, type TrialRequest } from '../../engine/search/scheduler.ts';
import { trialScore } from '../../engine/search/search-jobs.ts';
import type { SpaceContext } from '../../engine/search/space.ts';
import type { Table } from '../../engine/table/table.ts';
import type { SearchExecutor } from './executors.ts';
import { searchMessages } from './messages.ts';
import type { PreparedInfo } from './protocol.ts';

export interface SearchOptions {
  /** Wall-clock seconds for the whole search, preparation included; absent: no time limit. */
  readonly budgetSeconds?: number;
  /** Most trials to start; with this limit and no budget the search is deterministic. */
  readonly trials?: number;
  readonly folds: number | 'auto';
  readonly seed: number;
  /** Most trials whose networks the final model averages (1: only the best trial's). */
  readonly ensembleTrials: number;
  /** Most epochs of a full-budget trial; by default enough steps for the table's size (engine/search/epochs.ts). */
  readonly epochs?: number;
  /**
   * Milliseconds from an arbitrary origin, for the budget (default: wall-clock `performance.now`). The quality
   * bench can count the process's own CPU time per worker instead, to measure on a busy machine what a quiet
   * one would do in the same budget.
   */
  readonly clock?: () => number;
}

export type SearchStatus = 'preparing' | 'running' | 'paused' | 'stopping' | 'finishing' | 'done' | 'failed';
export type SearchEndReason = 'trials' | 'budget' | 'stopped';

export interface SearchHooks {
  onPrepared?(info: PreparedInfo, context: SpaceContext): void;
  onTrialStarted?(request: TrialRequest): void;
  onTrialFinished?(record: TrialRecord, board: readonly LeaderboardRow[]): void;
  /** A trial took the lead. */
  onBest?(record: TrialRecord): void;
  onStatus?(status: SearchStatus): void;
}

export interface SearchResult {
  readonly info: PreparedInfo;
  readonly context: SpaceContext;
  /** The fitted recipe the final model reads (its encoding's). */
  readonly fitted: FittedRecipe;
  readonly final: FinalModel;
  readonly test: SplitEvaluation | null;
  readonly baselines: ModelBaselines | null;
  /** Every finished trial, in the order they were started. */
  readonly trials: readonly TrialRecord[];
  readonly leaderboard: readonly LeaderboardRow[];
  readonly startedTrials: number;
  readonly seconds: number;
  readonly endReason: SearchEndReason;
}

interface Running {
  readonly request: TrialRequest;
  readonly control: TrainingControl;
  readonly started: number;
}

export class SearchSession {
  private status: SearchStatus = 'preparing';
  private readonly records: TrialRecord[] = [];
  private readonly running = new Map<number, Running>();
  private stopReason: SearchEndReason | null = null;
  private pausedAt: number | null = null;
  private pausedMs = 0;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private wake: (() => void) | null = null;
  private best: TrialRecord | null = null;
  private failure: unknown = null;
  private info: PreparedInfo | null = null;
  /** The baselines' linear model: cancelled with the trials when the search ends. */
  private readonly baselinesControl = TrainingControl.shared();

  constructor(
    private readonly table: Table,
    private readonly recipe: Recipe,
    private readonly options: SearchOptions,
    private readonly executor: SearchExecutor,
    private readonly hooks: SearchHooks = {},
  ) {
    const { budgetSeconds, trials } = options;
    if (budgetSeconds === undefined && trials === undefined) throw new UserFacingError('usage', searchMessages.noLimit);
    this.clock = options.clock ?? (() => performance.now());
    this.startedAt = this.clock();
  }

  get currentStatus(): SearchStatus {
    return this.status;
  }

  /** Every finished trial so far (its networks, histories and scores), in start order. */
  get finishedTrials(): readonly TrialRecord[] {
    return this.records;
  }

  /** Seconds the search has run, pauses excluded. */
  elapsedSeconds(): number {
    const paused = this.pausedMs + (this.pausedAt === null ? 0 : this.clock() - this.pausedAt);
    return (this.clock() - this.startedAt - paused) / 1000;
  }

  pause(): boolean {
    if (this.status !== 'running') return false;
    this.setStatus('paused');
    this.pausedAt = this.clock();
    for (const r of this.running.values()) r.control.pause();
    return true;
  }

  resume(): boolean {
    if (this.status !== 'paused') return false;
    this.pausedMs += this.clock() - this.pausedAt!;
    this.pausedAt = null;
    this.setStatus('running');
    for (const r of this.running.values()) r.control.resume();
    this.wake?.();
    return true;
  }

  /** Ends the search after the running trials' current batch; the best finished trials make the model. */
  stop(): boolean {
    if (this.status !== 'running' && this.status !== 'paused' && this.status !== 'preparing') return false;
    this.end('stopped');
    return true;
  }

  private end(reason: SearchEndReason): void {
    if (this.stopReason !== null) return;
    this.stopReason = reason;
    if (this.pausedAt !== null) {
      this.pausedMs += this.clock() - this.pausedAt;
      this.pausedAt = null;
    }
    this.setStatus('stopping');
    for (const r of this.running.values()) r.control.cancel();
    this.baselinesControl.cancel();
    this.wake?.();
  }

  private setStatus(status: SearchStatus): void {
    this.status = status;
    this.hooks.onStatus?.(status);
  }

  private remainingMs(): number {
    const budget = this.options.budgetSeconds;
    return budget === undefined ? Infinity : budget * 1000 - this.elapsedSeconds() * 1000;
  }

  async run(): Promise<SearchResult> {
    try {
      return await this.search();
    } catch (error) {
      this.setStatus('failed');
      throw error;
    } finally {
      await this.executor.dispose();
    }
  }

  private async search(): Promise<SearchResult> {
    const { seed } = this.options;
    this.setStatus('preparing');
    const info = await this.executor.prepare(this.table, this.recipe, { folds: this.options.folds, seed });
    this.info = info;
    if (this.remainingMs() <= 0) throw new UserFacingError('budget-too-small', searchMessages.budgetEndedPreparing(this.options.budgetSeconds!, this.elapsedSeconds()));
    const fitted = info.fitted.standard!;
    const trainRows = Math.round(info.folds.reduce((n, f) => n + f.train, 0) / info.folds.length);
    const context: SpaceContext = { rows: trainRows, classification: fitted.target.task !== 'regression', pieces: info.fitted.pieces !== undefined, epochs: this.options.epochs ?? epochBudget(trainRows, preferredBatch(trainRows)) };
    this.hooks.onPrepared?.(info, context);
    // A trial limit keeps the synchronous rungs (deterministic); a search limited only by time keeps both workers busy.
    const scheduler = new SearchScheduler(context, { seed, ...(this.options.trials !== undefined ? { maxTrials: this.options.trials } : { fillIdle: true }) });
    // Never fatal: without them the report says so, and the model stands.
    const baselines = this.executor.baselines(seed, this.baselinesControl).catch(() => null);
    if (this.stopReason === null) this.setStatus('running');
    const deadline = Number.isFinite(this.remainingMs()) ? setInterval(() => this.remainingMs() <= 0 && this.end('budget'), 100) : null;
    const completions = new Set<Promise<void>>();
    try {
      for (;;) {
        while (this.stopReason === null && this.status === 'running' && this.running.size < this.executor.slots) {
          const next = scheduler.next();
          if (typeof next === 'string') break;
          const done = this.start(next, scheduler).finally(() => completions.delete(done));
          completions.add(done);
        }
        // Nothing runs and nothing can start: the limit, a stop, or (never expected) a rung waiting on nothing.
        if (completions.size === 0 && this.status !== 'paused') break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          for (const c of completions) void c.then(resolve, resolve);
        });
        this.wake = null;
      }
    } finally {
      if (deadline) clearInterval(deadline);
    }
    if (this.failure !== null) throw this.failure;
    return this.finish(info, context, scheduler.startedTrials, await baselines);
  }

  private async start(request: TrialRequest, scheduler: SearchScheduler): Promise<void> {
    const control = TrainingControl.shared();
    this.running.set(request.id, { request, control, started: performance.now() });
    this.hooks.onTrialStarted?.(request);
    let outcome;
    try {
      outcome = await this.executor.trial(request, control);
    } catch (error) {
      this.failure ??= error;
      this.running.delete(request.id);
      this.end('stopped');
      return;
    }
    const running = this.running.get(request.id)!;
    this.running.delete(request.id);
    const score = trialScore(outcome, this.info!.folds.length);
    const record: TrialRecord = { request, outcome, score, seconds: (performance.now() - running.started) / 1000 };
    if (this.stopReason === null) scheduler.finish(request.id, score);
    if (score === null) return;
    this.records.push(record);
    const board = leaderboard(this.records);
    this.hooks.onTrialFinished?.(record, board);
    const leader = rankTrials(this.records)[0]!;
    if (leader !== this.best) {
      this.best = leader;
      this.hooks.onBest?.(leader);
    }
  }

  private async finish(info: PreparedInfo, context: SpaceContext, startedTrials: number, baselines: ModelBaselines | null): Promise<SearchResult> {
    const endReason = this.stopReason ?? 'trials';
    this.setStatus('finishing');
    const fittedStandard = info.fitted.standard!;
    const final = finalModel(this.records, fittedStandard.target, info.y, info.folds, this.options.ensembleTrials);
    if (!final) throw new UserFacingError('no-trial-finished', searchMessages.noTrialFinished(endReason, this.options.budgetSeconds, this.elapsedSeconds()));
    const test = await this.executor.test(final.encoding, final.networks);
    const seconds = this.elapsedSeconds();
    this.setStatus('done');
    return { info, context, fitted: info.fitted[final.encoding]!, final, test, baselines, trials: this.records, leaderboard: leaderboard(this.records), startedTrials, seconds, endReason };
  }
}
