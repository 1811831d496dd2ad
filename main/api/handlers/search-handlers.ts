/** What the network search and cross-validation calls (main/api/calls/search-calls.ts, validation-calls.ts) do, in terms of the services. */
import { modelSource } from '../../export/app-identity.ts';
import type { searchCalls } from '../calls/search-calls.ts';
import type { validationCalls } from '../calls/validation-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createSearchHandlers(services: Services): AreaHandlers<typeof searchCalls & typeof validationCalls> {
  const { datasets, searches, crossValidations } = services;
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
    startCrossValidation: async ({ datasetId, recipe, design, settings, folds, runId }) =>
      crossValidations.start({ table: datasets.get(datasetId).table, recipe, design, settings, folds, runId: runId ?? null }),
    stopCrossValidation: async ({ validationId }) => ({ changed: crossValidations.stop(validationId) }),
  };
}
