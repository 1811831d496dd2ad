/** What the Evaluate and Predict & export calls (main/api/calls/results-calls.ts) do, in terms of the services. */
import type { resultsCalls } from '../calls/results-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createResultsHandlers(_services: Services): AreaHandlers<typeof resultsCalls> {
  return {};
}
