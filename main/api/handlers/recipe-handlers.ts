/** What the Clean step's calls (main/api/calls/recipe-calls.ts) do, in terms of the services. */
import type { recipeCalls } from '../calls/recipe-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createRecipeHandlers(_services: Services): AreaHandlers<typeof recipeCalls> {
  return {};
}
