/**
 * Calls and events of the Build, Train, Evaluate and Predict & export steps: training runs in workers,
 * their live progress, evaluation, predictions, model and project files.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/model-handlers.ts.
 */
// import { call, id } from '../call-spec.ts';
// import { v } from '../validate.ts';

export const modelCalls = {} as const;

/** Events of this area; `never` while it has none. */
export type ModelEvent = never;

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins). */
export const modelProgressEventTypes: readonly ModelEvent['type'][] = [];
