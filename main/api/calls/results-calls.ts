/**
 * Calls and events of the Evaluate and Predict & export steps, over models in the ModelRegistry (finished runs
 * and model files opened from disk): evaluation, predictions (a form's row, a whole file), model, TF.js, Keras,
 * cleaned-data exports, and project files.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/results-handlers.ts.
 */
// import { call, id } from '../call-spec.ts';
// import { v } from '../validate.ts';

export const resultsCalls = {} as const;

/** Events of this area; `never` while it has none. */
export type ResultsEvent = never;

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins). */
export const resultsProgressEventTypes: readonly ResultsEvent['type'][] = [];
