/** What the Build and Train calls (main/api/calls/training-calls.ts) do, in terms of the services. */
import { UserFacingError } from '../../../engine/errors.ts';
import { countParameters, validateNetworkSpec } from '../../../engine/nn/network-spec.ts';
import { buildNetworkSpec } from '../../../engine/pipeline/train-job.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Prepared, Recipe } from '../../../engine/prep/types.ts';
import { modelSource } from '../../export/app-identity.ts';
import type { NetworkPreview, trainingCalls } from '../calls/training-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { targetSuggestionFor } from './target-choice.ts';

/**
 * The last recipe prepared for a preview: the builder asks again on every design change, and preparing a big
 * table (fitting every step) takes far longer than building a spec.
 */
interface PreparedCache {
  readonly key: string;
  readonly prepared: Prepared;
}

export function createTrainingHandlers(services: Services): AreaHandlers<typeof trainingCalls> {
  const { datasets, training } = services;
  let cache: PreparedCache | null = null;

  function prepared(datasetId: string, recipe: Recipe): Prepared {
    const key = `${datasetId}:${JSON.stringify(recipe)}`;
    if (cache?.key !== key) cache = { key, prepared: prepare(datasets.get(datasetId).table, recipe) };
    return cache.prepared;
  }

  return {
    defaultRecipe: async ({ datasetId, target }) => {
      const { table } = datasets.get(datasetId);
      const chosen = target ?? (await targetSuggestionFor(services, datasetId)).suggested?.column;
      if (!chosen) throw new UserFacingError('no-target', 'No column of this table looks like something to predict. Choose the target in the Data step.');
      return suggestRecipe(table, { target: chosen });
    },
    networkPreview: async ({ datasetId, recipe, design, loss }) => {
      const { fitted, train, validation, test } = prepared(datasetId, recipe);
      const spec = buildNetworkSpec(design, fitted, loss ? { loss } : {});
      validateNetworkSpec(spec);
      const output = spec.layers.at(-1)!;
      const preview: NetworkPreview = {
        task: fitted.target.task,
        target: fitted.target.column,
        features: fitted.features,
        classLabels: fitted.target.classLabels ?? null,
        output: { units: output.type === 'dense' ? output.units : 1, activation: (output.type === 'dense' && output.activation) || 'linear' },
        loss: spec.loss,
        parameters: countParameters(spec),
        rows: { train: train.rows, validation: validation.rows, test: test.rows },
      };
      return preview;
    },
    startTraining: async ({ datasetId, recipe, design, settings, label }) => {
      const { table, loaded } = datasets.get(datasetId);
      return training.start({ datasetId, job: { table, recipe, design, settings }, source: modelSource(loaded), ...(label ? { label } : {}) });
    },
    pauseTraining: async ({ runId }) => ({ changed: training.pause(runId) }),
    resumeTraining: async ({ runId }) => ({ changed: training.resume(runId) }),
    stopTraining: async ({ runId }) => ({ changed: training.stop(runId) }),
    listRuns: async () => training.list(),
  };
}
