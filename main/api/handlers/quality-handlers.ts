/** What the model-quality calls (main/api/calls/quality-calls.ts) do, in terms of the services. */
import { compareWithBaselines } from '../../results/baseline-comparison.ts';
import type { qualityCalls } from '../calls/quality-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

export function createQualityHandlers(services: Services): AreaHandlers<typeof qualityCalls> {
  return {
    modelBaselines: async ({ modelId }) => compareWithBaselines(services.models.open(modelId).loaded.file),
  };
}
