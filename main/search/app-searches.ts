/**
 * The app's network searches ("Find a good network" in the Train step): a SearchSession per search, its
 * progress as whole `searchProgress` snapshots, and "Use this network", which scores a finished trial once on
 * the test rows and hands it to TrainingRuns as an ordinary run (curves, Evaluate, export). The latest
 * search keeps its workers (and their prepared data) until the next one starts, so its trials stay usable.
 */
import { availableParallelism } from 'node:os';
import { UserFacingError } from '../../engine/errors.ts';
import type { ModelBaselines, ModelSource } from '../../engine/model/model-file.ts';
import type { TrialRecord } from '../../engine/search/final-model.ts';
import { describeConfig } from '../../engine/search/trial-config.ts';
import type { Recipe } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';
import type { SearchProgressEvent, SearchSummary, SearchTrialPoint } from '../api/calls/search-calls.ts';
import type { RunSummary } from '../api/calls/training-calls.ts';
import type { TrainingRuns } from '../training/training-runs.ts';
import { appSearchMessages, inAppWords } from './app-search-messages.ts';
import { WorkerExecutor, type SearchExecutor } from './executors.ts';
import type { PreparedInfo } from './protocol.ts';
import { SearchSession } from './search-session.ts';
import { trialAsRun } from './trial-as-run.ts';

export interface AppSearchRequest {
  readonly datasetId: string;
  readonly table: Table;
  readonly recipe: Recipe;
  readonly budgetSeconds: number;
  readonly source: ModelSource;
}

export interface AppSearchesOptions {
  readonly publish: (event: SearchProgressEvent) => void;
  /** Called when a search ends, so the event hub delivers its last snapshot at once. */
  readonly flush?: (searchId: string) => void;
  readonly training: TrainingRuns;
  /** For tests: where trials run (default: a worker per core, two at most). */
  readonly executor?: () => SearchExecutor;
  /** Milliseconds between snapshots while nothing else happens (the elapsed time moves on). */
  readonly tickMs?: number;
  /** For tests: most epochs of a full-budget trial (default: the search's own budget for the table's size). */
  readonly epochs?: number;
}

interface AppSearch {
  readonly id: string;
  readonly request: AppSearchRequest;
  readonly session: SearchSession;
  readonly executor: SearchExecutor;
  info: PreparedInfo | null;
  metric: SearchSummary['metric'];
  points: SearchTrialPoint[];
  best: number | null;
  baselines: ModelBaselines | null;
  endReason: SearchSummary['endReason'];
  error: SearchSummary['error'];
  failed: boolean;
  released: boolean;
  /** Seconds the search ran, once it ended (its clock stops there). */
  seconds: number | null;
  /** Settles when the session has ended (its final model scored by the workers, or failed). */
  ended: Promise<void>;
}

/** An executor whose `dispose` the session's end does not reach: the app lets its workers go later. */
function keptAlive(executor: SearchExecutor): SearchExecutor {
  return new Proxy(executor, {
    get(target, key) {
      if (key === 'dispose') return async () => {};
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A search in these states keeps its workers busy (preparing, training trials, or scoring its final model). */
const BUSY: ReadonlySet<SearchSummary['status']> = new Set(['preparing', 'running', 'stopping', 'finishing']);

/** A refusal of the search as the app says it: without command-line flags, with what the user can do in the app. */
function appSearchError(error: UserFacingError): string {
  return error.code === 'too-few-rows-for-folds' ? appSearchMessages.foldsRefused(error.message) : inAppWords(error.message);
}

function defaultExecutor(): SearchExecutor {
  return new WorkerExecutor(Math.max(1, Math.min(2, availableParallelism())));
}

export class AppSearches {
  private readonly searches = new Map<string, AppSearch>();
  private nextId = 1;

  constructor(private readonly options: AppSearchesOptions) {}

  start(request: AppSearchRequest): SearchSummary {
    if (!(request.budgetSeconds > 0)) throw new UserFacingError('usage', appSearchMessages.budgetNotPositive(request.budgetSeconds));
    for (const older of this.searches.values()) void this.release(older);
    const id = `search-${this.nextId++}`;
    const executor = (this.options.executor ?? defaultExecutor)();
    const { split } = request.recipe;
    // Trials are validated on folds of the non-test rows: no separate validation rows.
    const recipe: Recipe = { ...request.recipe, split: { ...split, train: 1 - split.test, validation: 0 } };
    const search: AppSearch = { id, request, executor, info: null, metric: null, points: [], best: null, baselines: null, endReason: null, error: null, failed: false, released: false, seconds: null, session: null!, ended: Promise.resolve() };
    const session = new SearchSession(request.table, recipe, { budgetSeconds: request.budgetSeconds, folds: 'auto', seed: split.seed, ensembleTrials: 1, ...(this.options.epochs ? { epochs: this.options.epochs } : {}) }, keptAlive(executor), {
      onPrepared: (info, context) => {
        search.info = info;
        search.metric = context.classification ? 'accuracy' : 'r2';
      },
      onTrialFinished: (record, board) => {
        search.points.push(this.point(search, record));
        search.best = board[0]?.trial ?? null;
        this.publish(search);
      },
      onStatus: () => this.publish(search),
    });
    Object.assign(search, { session });
    this.searches.set(id, search);
    const ticker = setInterval(() => this.publish(search), this.options.tickMs ?? 1000);
    search.ended = session
      .run()
      .then(
        (result) => {
          search.baselines = result.baselines;
          search.endReason = result.endReason;
        },
        (error: unknown) => {
          search.failed = true;
          search.error = error instanceof UserFacingError ? { code: error.code, message: appSearchError(error) } : { code: 'internal', message: appSearchMessages.failed(error) };
        },
      )
      .finally(() => {
        search.seconds = session.elapsedSeconds();
        clearInterval(ticker);
        this.publish(search);
        this.options.flush?.(id);
      });
    return this.summary(search);
  }

  pause(searchId: string): boolean {
    return this.get(searchId).session.pause();
  }

  resume(searchId: string): boolean {
    return this.get(searchId).session.resume();
  }

  stop(searchId: string): boolean {
    return this.get(searchId).session.stop();
  }

  /** Cores the searches keep busy now: each working search (not paused, not ended) its executor's slots. */
  coresInUse(): number {
    let cores = 0;
    for (const search of this.searches.values()) if (!search.failed && BUSY.has(search.session.currentStatus)) cores += search.executor.slots;
    return cores;
  }

  list(): SearchSummary[] {
    return [...this.searches.values()].map((s) => this.summary(s));
  }

  /** Makes a finished trial an ordinary run; asked twice, it answers with the same run. */
  async useTrial(searchId: string, trial: number): Promise<RunSummary> {
    const search = this.get(searchId);
    const point = search.points.find((p) => p.trial === trial);
    const record = search.session.finishedTrials.find((r) => r.request.id === trial);
    if (!point || !record || !search.info) throw new UserFacingError('unknown-trial', appSearchMessages.unknownTrial(trial));
    if (point.runId) {
      const existing = this.options.training.summary(point.runId);
      if (existing) return existing;
    }
    if (search.released) throw new UserFacingError('search-released', appSearchMessages.released);
    const run = await trialAsRun(search.info, record, search.executor, search.baselines);
    const summary = await this.options.training.adopt({ ...run, datasetId: search.request.datasetId, label: `Search trial ${trial}`, target: run.result.fitted.target.column, source: search.request.source });
    search.points = search.points.map((p) => (p.trial === trial ? { ...p, runId: summary.runId } : p));
    this.publish(search);
    return summary;
  }

  async dispose(): Promise<void> {
    for (const search of this.searches.values()) search.session.stop();
    await Promise.all([...this.searches.values()].map((s) => this.release(s)));
  }

  private get(searchId: string): AppSearch {
    const search = this.searches.get(searchId);
    if (!search) throw new UserFacingError('unknown-search', appSearchMessages.unknownSearch);
    return search;
  }

  private async release(search: AppSearch): Promise<void> {
    if (search.released) return;
    search.released = true;
    search.session.stop();
    // The stopped session still scores its final model on the workers: they go once it has ended.
    await search.ended;
    await search.executor.dispose();
  }

  private point(search: AppSearch, record: TrialRecord): SearchTrialPoint {
    const epochs = record.outcome.folds.reduce((n, f) => n + f.history.epochsCompleted, 0) / Math.max(1, record.outcome.folds.length);
    return { trial: record.request.id, description: describeConfig(record.request.config), inputs: record.request.config.inputs, mean: record.score!.mean, std: record.score!.std, at: search.session.elapsedSeconds(), seconds: record.seconds, epochs, runId: null };
  }

  private publish(search: AppSearch): void {
    this.options.publish({ type: 'searchProgress', operationId: search.id, summary: this.summary(search) });
  }

  private summary(search: AppSearch): SearchSummary {
    const { info, session } = search;
    const folds = info?.folds.length ?? 0;
    return {
      searchId: search.id,
      datasetId: search.request.datasetId,
      status: search.failed ? 'failed' : session.currentStatus,
      budgetSeconds: search.request.budgetSeconds,
      elapsedSeconds: search.seconds ?? session.elapsedSeconds(),
      metric: search.metric,
      validation: info ? appSearchMessages.validation(folds, info.rows.nonTest) : null,
      trials: search.points,
      best: search.best,
      endReason: search.endReason,
      error: search.error,
    };
  }
}
