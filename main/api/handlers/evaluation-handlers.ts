/**
 * What the Evaluate step's calls and the prediction form do (main/api/calls/results-calls.ts), over the models
 * in the ModelRegistry: lists and details, the evaluation on held-out rows, the rows behind a cell, one row
 * predicted, and a model file opened from disk.
 */
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import { readModelFile } from '../../export/model-io.ts';
import { details, summarize } from '../../results/model-summary.ts';
import { predictOne } from '../../results/predictions.ts';
import { typicalValues } from '../../results/typical-values.ts';
import type { HeldOutQuery, HeldOutSource } from '../../services/engine-pool/protocol.ts';
import type { OpenModel, TrainedModel } from '../../services/model-registry.ts';
import type { EvaluationSplit, resultsCalls } from '../calls/results-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { withSource } from './files.ts';

type EvaluationCalls = Pick<typeof resultsCalls, 'listModels' | 'modelDetails' | 'evaluation' | 'evaluationRows' | 'predictOne' | 'openModelFile'>;

export function createEvaluationHandlers(services: Services): AreaHandlers<EvaluationCalls> {
  const { models, datasets, engine } = services;

  /** Where the held-out rows come from, and the open dataset they index: what main knows; the engine pool does the rest. */
  function heldOutQuery({ entry, loaded }: OpenModel, split: EvaluationSplit, datasetId: string | undefined): HeldOutQuery {
    const query = (source: HeldOutSource, tableId: string | null): HeldOutQuery => ({ modelId: entry.modelId, split, source, tableId });
    if (entry.result) return query({ kind: 'session' }, datasets.find(entry.datasetId) ? entry.datasetId : null);
    const dataset = datasets.find(datasetId);
    if (!dataset) return query({ kind: 'none', notes: [] }, null);
    if (dataset.summary.sha256 !== loaded.file.provenance.source.sha256) {
      const note = `The open dataset (${dataset.summary.name}) is not the file this model was trained on (${loaded.file.provenance.source.name}), so its held-out rows cannot be found in it.`;
      return query({ kind: 'none', notes: [note] }, null);
    }
    const { datasetId: id, name } = dataset.summary;
    return query({ kind: 'dataset', datasetId: id, name }, id);
  }

  /** The open dataset the model was trained on: the run's own, or the one with the same bytes. */
  function trainingDataset(entry: TrainedModel, loaded: LoadedModel, datasetId: string | undefined): string | null {
    if (entry.datasetId) return datasets.find(entry.datasetId) ? entry.datasetId : null;
    const dataset = datasets.find(datasetId);
    return dataset?.summary.sha256 === loaded.file.provenance.source.sha256 ? dataset.summary.datasetId : null;
  }

  return {
    listModels: async () => models.openAll().map(({ entry, loaded }) => summarize(entry, loaded)),
    modelDetails: async ({ modelId, datasetId }) => {
      const { entry, loaded } = models.open(modelId);
      const tableId = trainingDataset(entry, loaded, datasetId);
      const inputs = loaded.recipe.inputSchema;
      const typical = tableId ? await engine.call('typicalValues', { datasetId: tableId, inputs }) : typicalValues(inputs, null);
      return { ...details(entry, loaded), typical };
    },
    evaluation: async ({ modelId, split, threshold, datasetId }) =>
      engine.call('evaluation', { ...heldOutQuery(models.open(modelId), split, datasetId), threshold: threshold ?? null }),
    evaluationRows: async ({ modelId, split, threshold, datasetId, actual, predicted, start, count }) =>
      engine.call('evaluationRows', { ...heldOutQuery(models.open(modelId), split, datasetId), threshold: threshold ?? null, actual, predicted, start, count }),
    predictOne: async ({ modelId, values, threshold }) => {
      const { loaded } = models.open(modelId);
      return predictOne(loaded, values, threshold ?? loaded.threshold);
    },
    openModelFile: async ({ source }) =>
      withSource(services, source, async (path, name) => {
        const loaded = await readModelFile(path);
        const entry = models.add({ modelId: models.nextFileId(), label: name, datasetId: null, model: loaded.file, result: null, path: source.kind === 'path' ? path : null }, loaded);
        return summarize(entry, loaded);
      }),
  };
}
