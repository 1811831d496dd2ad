/**
 * Calls and events of the Train step's K-fold cross-validation: the network and settings of a run checked on
 * K folds of the non-test rows in a worker, every metric reported as mean ± spread (as Weka and Orange do).
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/search-handlers.ts.
 */
import { call, id } from '../call-spec.ts';
import { v } from '../validate.ts';
import { networkDesign, recipe, trainingSettings } from './training-calls.ts';

/** The K the Train form offers for its cross-validation (besides none): one list, read by the form and by main's advice. */
export const TRAIN_FOLD_CHOICES: readonly number[] = [3, 5, 10];

export const validationCalls = {
  /** Starts at once, in its own worker; the result arrives as a `crossValidationProgress` event. `runId`: the run it goes with. */
  startCrossValidation: call(
    v.object({ datasetId: id, recipe, design: networkDesign, settings: trainingSettings, folds: v.number({ min: 2, max: 20, integer: true }), runId: v.optional(id) }),
  ).returns<CrossValidationSummary>(),
  /** False when it had already ended. */
  stopCrossValidation: call(v.object({ validationId: id })).returns<{ changed: boolean }>(),
} as const;

export interface MetricSpreadSummary {
  readonly mean: number;
  readonly std: number;
}

export interface CrossValidationSummary {
  readonly validationId: string;
  readonly runId: string | null;
  readonly folds: number;
  readonly status: 'running' | 'done' | 'stopped' | 'failed';
  /** Non-test rows dealt into the folds, once known. */
  readonly rows: number | null;
  /** Per metric (accuracy, f1, … or r2, rmse, mae): mean and spread over the folds. */
  readonly metrics: Readonly<Record<string, MetricSpreadSummary>> | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface CrossValidationEvent {
  readonly type: 'crossValidationProgress';
  readonly summary: CrossValidationSummary;
}
