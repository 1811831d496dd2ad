/** What the network search calls (main/api/calls/search-calls.ts) do, in terms of the services. */
import { modelSource } from '../../export/app-identity.ts';
import type { searchCalls } from '../calls/search-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createSearchHandlers(services: Services): AreaHandlers<typeof searchCalls> {
  const { datasets, searches } = services;
  return {
    startSearch: async ({ datasetId, recipe, budgetSeconds }) => {
      const { table, loaded } = datasets.get(datasetId);
      return searches.start({ datasetId, table, recipe, budgetSeconds, source: modelSource(loaded) });
    },
    pauseSearch: async ({ searchId }) => ({ changed: searches.pause(searchId) }),
    resumeSearch: async ({ searchId }) => ({ changed: searches.resume(searchId) }),
    stopSearch: async ({ searchId }) => ({ changed: searches.stop(searchId) }),
    useSearchTrial: ({ searchId, trial }) => searches.useTrial(searchId, trial),
    listSearches: async () => searches.list(),
  };
}
