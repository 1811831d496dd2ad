/**
 * Calls that tidy the runs and models of a session (the Train step's runs table, the Evaluate step's models):
 * rename one, delete one (kept aside so that an undo brings it back), undo a delete. A run's model carries the
 * run's id, so one id names both; a model file opened from disk has only its model id.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/run-handlers.ts.
 */
import { call, id } from '../call-spec.ts';
import { v } from '../validate.ts';

export const runCalls = {
  renameRun: call(v.object({ id, label: v.string({ min: 1, max: 120 }) })).returns<{ readonly renamed: boolean }>(),
  deleteRun: call(v.object({ id })).returns<{ readonly deleted: boolean }>(),
  restoreRun: call(v.object({ id })).returns<{ readonly restored: boolean }>(),
} as const;
