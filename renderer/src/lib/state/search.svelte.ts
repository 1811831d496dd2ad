/**
 * The network search ("Find a good network", offered in Build and run in Train): the budget, the current search
 * as main reports it (whole snapshots, latest wins), pause/resume/stop, and "Use this network", which hands the
 * new run to TrainingState so it shows with its curves and goes on to Evaluate like any other run, and puts the
 * trial's layers into the Build step and its settings into the Train form.
 */
import type { SearchSummary } from '../../../../main/api/calls/search-calls.ts';
import type { AppEvent } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import { restoreDesign, restoreSettings } from '../results/project-restore.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { TrainingState } from './training.svelte.ts';

/** The budgets offered, in seconds: 30 s … 10 min. */
export const SEARCH_BUDGETS: readonly number[] = [30, 60, 120, 300, 600];

/** Rows of the leaderboard table (the chart shows every trial). */
export const LEADERBOARD_ROWS = 8;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SearchState {
  budgetSeconds = $state(60);
  current = $state.raw<SearchSummary | null>(null);
  starting = $state(false);
  /** The trial whose "Use this network" is being answered. */
  using = $state<number | null>(null);
  /** Set when another step sends the user here (Build's "Find a good network"): the Train step brings the search into view. */
  invited = $state(false);

  readonly active = $derived(this.current !== null && this.current.status !== 'done' && this.current.status !== 'failed');
  /** Best first; ties keep the earlier trial. */
  readonly ranked = $derived(this.current ? [...this.current.trials].sort((a, b) => b.mean - a.mean || a.trial - b.trial) : []);

  constructor(
    private readonly platform: Platform,
    private readonly dataset: DatasetState,
    private readonly training: TrainingState,
    private readonly notices: Notices,
  ) {}

  /** The search the Train step shows: the current one, while its dataset is the open one. */
  get shown(): SearchSummary | null {
    return this.current !== null && this.current.datasetId === this.dataset.summary?.datasetId ? this.current : null;
  }

  async start(): Promise<void> {
    const datasetId = this.dataset.summary?.datasetId;
    const recipe = this.training.recipe;
    if (!datasetId || !recipe || !this.training.task) {
      this.notices.push('warning', messages.searchNotReady, this.training.previewError ?? messages.trainNotReadyHint);
      return;
    }
    this.starting = true;
    try {
      this.current = await this.platform.api.startSearch({ datasetId, recipe, budgetSeconds: this.budgetSeconds });
    } catch (error) {
      this.notices.push('error', messages.searchFailed, errorText(error));
    } finally {
      this.starting = false;
    }
  }

  pause(): Promise<void> {
    return this.control((searchId) => this.platform.api.pauseSearch({ searchId }));
  }

  resume(): Promise<void> {
    return this.control((searchId) => this.platform.api.resumeSearch({ searchId }));
  }

  stop(): Promise<void> {
    return this.control((searchId) => this.platform.api.stopSearch({ searchId }));
  }

  /**
   * Makes the trial an ordinary run and shows it (its curves here, its model in Evaluate), and puts its network
   * into Build and its settings into the Train form, so the user can change it or train it again.
   */
  async use(trial: number): Promise<void> {
    const searchId = this.current?.searchId;
    const point = this.current?.trials.find((t) => t.trial === trial);
    if (!searchId) return;
    this.using = trial;
    try {
      const run = await this.platform.api.useSearchTrial({ searchId, trial });
      this.training.show(run);
      restoreDesign(this.training, run.design);
      restoreSettings(this.training, run.settings);
      this.notices.push('success', messages.searchNetworkInBuild(trial, this.training.name), messages.searchNetworkInBuildHint(point?.inputs === 'pieces'));
    } catch (error) {
      this.notices.push('error', messages.searchUseFailed(trial), errorText(error));
    } finally {
      this.using = null;
    }
  }

  /** The searches main already has (after the window reloads): the latest one on the open dataset. */
  async load(): Promise<void> {
    try {
      const datasetId = this.dataset.summary?.datasetId;
      const latest = (await this.platform.api.listSearches()).filter((s) => s.datasetId === datasetId).at(-1);
      if (latest) this.current = latest;
    } catch (error) {
      this.notices.push('error', messages.searchFailed, errorText(error));
    }
  }

  onEvent(event: AppEvent): void {
    if (event.type !== 'searchProgress') return;
    const { summary } = event;
    // Another search's news (an older one, or another window's) does not replace the one shown.
    if (this.current && summary.searchId !== this.current.searchId) return;
    // A failure's one line shows in the search panel itself.
    this.current = summary;
  }

  private async control(call: (searchId: string) => Promise<{ changed: boolean }>): Promise<void> {
    const searchId = this.current?.searchId;
    if (!searchId) return;
    try {
      await call(searchId);
    } catch (error) {
      this.notices.push('error', messages.searchFailed, errorText(error));
    }
  }
}
