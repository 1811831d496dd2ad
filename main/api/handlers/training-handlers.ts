/** What the Build and Train calls (main/api/calls/training-calls.ts) do, in terms of the services. */
import type { trainingCalls } from '../calls/training-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createTrainingHandlers(_services: Services): AreaHandlers<typeof trainingCalls> {
  return {};
}
