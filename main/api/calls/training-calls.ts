/**
 * Calls and events of the Build and Train steps: network design checks, training runs in workers (start,
 * pause, resume, stop, compare) and their live progress. A finished run's model goes to the ModelRegistry.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/training-handlers.ts.
 */
// import { call, id } from '../call-spec.ts';
// import { v } from '../validate.ts';

export const trainingCalls = {} as const;

/** Events of this area; `never` while it has none. */
export type TrainingEvent = never;

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins). */
export const trainingProgressEventTypes: readonly TrainingEvent['type'][] = [];
