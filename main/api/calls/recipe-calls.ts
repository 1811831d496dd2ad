/**
 * Calls and events of the Clean step: suggesting, previewing and keeping the cleaning recipe of a dataset.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/recipe-handlers.ts.
 */
// import { call, id } from '../call-spec.ts';
// import { v } from '../validate.ts';

export const recipeCalls = {} as const;

/** Events of this area; `never` while it has none. */
export type RecipeEvent = never;

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins). */
export const recipeProgressEventTypes: readonly RecipeEvent['type'][] = [];
