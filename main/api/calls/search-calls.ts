/**
 * Calls and events of the network search in the Train step ("Find a good network"): a budgeted search in
 * main's search workers, its live leaderboard, pause/resume/stop, and "Use this network", which makes one
 * finished trial an ordinary run (its curves in Train, its model in Evaluate and Predict & export).
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/search-handlers.ts.
 */
import { call, id, none } from '../call-spec.ts';
import { v } from '../validate.ts';
import { recipe, type RunSummary } from './training-calls.ts';

/** The app's budget choices are 30 s … 10 min; anything above 0 is accepted here so main says why 0 will not do. */
export const MAX_SEARCH_BUDGET_SECONDS = 600;

const searchRef = v.object({ searchId: id });

export const searchCalls = {
  /** Starts a search at once, as `preparing`; its progress arrives as `searchProgress` events. */
  startSearch: call(v.object({ datasetId: id, recipe, budgetSeconds: v.number({ min: 0, max: MAX_SEARCH_BUDGET_SECONDS }) })).returns<SearchSummary>(),
  /** False when the search is not in a state that changes (already paused, finished or unknown). */
  pauseSearch: call(searchRef).returns<{ changed: boolean }>(),
  resumeSearch: call(searchRef).returns<{ changed: boolean }>(),
  /** Ends the search after its running trials' current batch; the trials finished so far stay usable. */
  stopSearch: call(searchRef).returns<{ changed: boolean }>(),
  /** Makes a finished trial an ordinary run: its model is scored once on the test rows and kept for Evaluate. */
  useSearchTrial: call(v.object({ searchId: id, trial: v.number({ min: 1, max: 1_000_000, integer: true }) })).returns<RunSummary>(),
  /** Every search of this session, oldest first. */
  listSearches: call(none).returns<SearchSummary[]>(),
} as const;

export type SearchStatus = 'preparing' | 'running' | 'paused' | 'stopping' | 'finishing' | 'done' | 'failed';

/** One finished trial as the leaderboard shows it. */
export interface SearchTrialPoint {
  readonly trial: number;
  /** "2 × 64 relu, dropout 0.1, lr 0.003, batch 32": the network and settings in words. */
  readonly description: string;
  /** How numbers reached its network: the recipe's (`standard`), or encoded piecewise-linearly by the search (`pieces`). */
  readonly inputs: 'standard' | 'pieces';
  /** Validation score on the non-test rows (accuracy or R²), mean and spread over the folds. */
  readonly mean: number;
  readonly std: number;
  /** Seconds since the search started (pauses excluded) when the trial finished. */
  readonly at: number;
  readonly seconds: number;
  readonly epochs: number;
  /** Set once "Use this network" made it a run. */
  readonly runId: string | null;
}

export interface SearchSummary {
  readonly searchId: string;
  readonly datasetId: string;
  readonly status: SearchStatus;
  readonly budgetSeconds: number;
  readonly elapsedSeconds: number;
  readonly metric: 'accuracy' | 'r2' | null;
  /** How each trial is validated: "5-fold cross-validation on the 614 non-test rows". */
  readonly validation: string | null;
  /** Finished trials, in the order they finished. */
  readonly trials: readonly SearchTrialPoint[];
  /** The best trial so far (the leaderboard's first row). */
  readonly best: number | null;
  readonly endReason: 'trials' | 'budget' | 'stopped' | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface SearchProgressEvent {
  readonly type: 'searchProgress';
  /** The search id, so the event hub throttles each search on its own (latest wins: every event is whole). */
  readonly operationId: string;
  readonly summary: SearchSummary;
}

export type SearchEvent = SearchProgressEvent;

export const searchProgressEventTypes: readonly SearchEvent['type'][] = ['searchProgress'];
