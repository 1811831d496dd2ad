/**
 * What the Evaluate step's calls and the prediction form do (main/api/calls/results-calls.ts), over the models
 * in the ModelRegistry: lists and details, the evaluation on held-out rows, the rows behind a cell, one row
 * predicted, and a model file opened from disk.
 */
import { isUserFacingError, UserFacingError } from '../../../engine/errors.ts';
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import type { SplitEvaluation } from '../../../engine/pipeline/train-job.ts';
import type { Table } from '../../../engine/table/table.ts';
import { readModelFile } from '../../export/model-io.ts';
import { cellRows, evaluate, heldOutFrom, type HeldOut } from '../../results/evaluation.ts';
import { details, summarize } from '../../results/model-summary.ts';
import { predictOne } from '../../results/predictions.ts';
import type { OpenModel, TrainedModel } from '../../services/model-registry.ts';
import type { EvaluationSplit, resultsCalls } from '../calls/results-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { withSource } from './files.ts';

type EvaluationCalls = Pick<typeof resultsCalls, 'listModels' | 'modelDetails' | 'evaluation' | 'evaluationRows' | 'predictOne' | 'openModelFile'>;

interface HeldOutRows {
  readonly evaluation: SplitEvaluation | null;
  /** 'session': the run's own; 'dataset': computed again from the open dataset; null: not available. */
  readonly basis: 'session' | 'dataset' | null;
  /** The table the rows index. */
  readonly table: Table | null;
  readonly notes: readonly string[];
}

export function createEvaluationHandlers(services: Services): AreaHandlers<EvaluationCalls> {
  const { models, datasets, recipes } = services;
  /** A model file's held-out rows computed again, by table (a column's type change makes a new one) and model. */
  const recomputed = new WeakMap<Table, Map<string, HeldOut>>();

  /** An open dataset, or null once Layerlab has let it go (it keeps the few most recent). */
  function datasetOrNull(datasetId: string) {
    try {
      return datasets.get(datasetId);
    } catch (error) {
      if (isUserFacingError(error)) return null;
      throw error;
    }
  }

  /** The held-out rows' predictions and the table they index, when main has them or can compute them. */
  async function heldOutOf({ entry, loaded }: OpenModel, split: EvaluationSplit, datasetId: string | undefined): Promise<HeldOutRows> {
    if (entry.result) {
      const table = entry.datasetId ? (datasetOrNull(entry.datasetId)?.table ?? null) : null;
      return { evaluation: entry.result[split], basis: 'session', table, notes: [] };
    }
    const dataset = datasetId ? datasetOrNull(datasetId) : null;
    if (!dataset) return { evaluation: null, basis: null, table: null, notes: [] };
    if (dataset.summary.sha256 !== loaded.file.provenance.source.sha256) {
      const note = `The open dataset (${dataset.summary.name}) is not the file this model was trained on (${loaded.file.provenance.source.name}), so its held-out rows cannot be found in it.`;
      return { evaluation: null, basis: null, table: null, notes: [note] };
    }
    const byModel = recomputed.get(dataset.table) ?? new Map<string, HeldOut>();
    recomputed.set(dataset.table, byModel);
    let heldOut = byModel.get(entry.modelId);
    if (!heldOut) {
      try {
        heldOut = heldOutFrom(loaded, await recipes.prepared(dataset.summary.datasetId, loaded.recipe.recipe));
      } catch (error) {
        if (!isUserFacingError(error)) throw error;
        const note = `The held-out rows could not be prepared again from ${dataset.summary.name} (${error.message}) — was a column's type changed since training?`;
        return { evaluation: null, basis: null, table: null, notes: [note] };
      }
      byModel.set(entry.modelId, heldOut);
    }
    return { evaluation: heldOut[split], basis: 'dataset', table: dataset.table, notes: [] };
  }

  /** The table the model was trained on, when it is open: the run's own, or the open dataset with the same bytes. */
  function trainingTable(entry: TrainedModel, loaded: LoadedModel, datasetId: string | undefined): Table | null {
    if (entry.datasetId) return datasetOrNull(entry.datasetId)?.table ?? null;
    const dataset = datasetId ? datasetOrNull(datasetId) : null;
    return dataset?.summary.sha256 === loaded.file.provenance.source.sha256 ? dataset.table : null;
  }

  return {
    listModels: async () => models.openAll().map(({ entry, loaded }) => summarize(entry, loaded)),
    modelDetails: async ({ modelId, datasetId }) => {
      const { entry, loaded } = models.open(modelId);
      return details(entry, loaded, trainingTable(entry, loaded, datasetId));
    },
    evaluation: async ({ modelId, split, threshold, datasetId }) => {
      const model = models.open(modelId);
      const heldOut = await heldOutOf(model, split, datasetId);
      const { loaded } = model;
      return evaluate(modelId, loaded, split, heldOut.basis ? { evaluation: heldOut.evaluation, basis: heldOut.basis } : null, threshold ?? loaded.threshold, heldOut.notes);
    },
    evaluationRows: async ({ modelId, split, threshold, datasetId, actual, predicted, start, count }) => {
      const model = models.open(modelId);
      const { loaded } = model;
      const classes = loaded.recipe.target.classLabels?.length ?? 0;
      if (classes === 0) throw new UserFacingError('not-classification', 'This model predicts numbers: it has no confusion matrix to list rows from.');
      if (actual >= classes || predicted >= classes) throw new UserFacingError('no-such-cell', `The confusion matrix has ${classes} classes; there is no cell (${actual}, ${predicted}).`);
      const heldOut = await heldOutOf(model, split, datasetId);
      if (!heldOut.evaluation || !heldOut.table) {
        throw new UserFacingError(
          'rows-unavailable',
          `The rows behind this cell are not available: ${heldOut.notes[0] ?? `open the data this model was trained on (${loaded.file.provenance.source.name}) in the Data step, then come back.`}`,
        );
      }
      return cellRows(loaded, heldOut.evaluation, heldOut.table, { threshold: threshold ?? loaded.threshold, actual, predicted, start, count });
    },
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
