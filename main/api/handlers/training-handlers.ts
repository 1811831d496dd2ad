/** What the Build and Train calls (main/api/calls/training-calls.ts) do, in terms of the services. */
import { checkParameterCount, countParameters, validateNetworkSpec } from '../../../engine/nn/network-spec.ts';
import { buildNetworkSpec } from '../../../engine/pipeline/train-job.ts';
import { modelSource } from '../../export/app-identity.ts';
import type { NetworkPreview, trainingCalls } from '../calls/training-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { NewestWins } from './newest-wins.ts';

export function createTrainingHandlers(services: Services): AreaHandlers<typeof trainingCalls> {
  const { datasets, engine, recipes, training } = services;
  /** The Build step's preview follows every edit of the recipe: a newer one cancels the one it replaces. */
  const networkPreviews = new NewestWins();

  return {
    networkPreview: async ({ datasetId, recipe, design, loss }) => {
      // The rows per split and the fitted recipe are all it needs: no matrices.
      const { fitted, rows } = await networkPreviews.run(datasetId, (signal) => engine.preview(datasetId, recipe, 0, { signal }));
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
        rows,
      };
      return preview;
    },
    startTraining: async ({ datasetId, recipe, design, settings, label }) => {
      const { loaded } = datasets.get(datasetId);
      // The hidden layers alone (one input, one output) may be past the cap: refused here, before a worker starts.
      checkParameterCount(countParameters({ inputSize: 1, layers: [...design.hidden, { type: 'dense', units: 1 }], loss: 'mse' }).trainable);
      // Started at once as `preparing`; a recipe that cannot be prepared fails the run, with its reason.
      const prepared = recipes.prepared(datasetId, recipe);
      return training.start({ datasetId, job: { prepared, design, settings }, target: recipe.target.column, source: modelSource(loaded), ...(label ? { label } : {}) });
    },
    pauseTraining: async ({ runId }) => ({ changed: training.pause(runId) }),
    resumeTraining: async ({ runId }) => ({ changed: training.resume(runId) }),
    stopTraining: async ({ runId }) => ({ changed: training.stop(runId) }),
    listRuns: async () => training.list(),
  };
}
