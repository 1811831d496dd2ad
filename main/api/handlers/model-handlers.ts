/** What the Build/Train/Evaluate/Predict calls (main/api/calls/model-calls.ts) do, in terms of the services. */
import type { modelCalls } from '../calls/model-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createModelHandlers(_services: Services): AreaHandlers<typeof modelCalls> {
  return {};
}
