/**
 * Engine work on models, in a worker: the Evaluate step's reports (every threshold's sweep included) and the rows
 * behind a confusion-matrix cell, the prediction form's typical values, a whole file predicted and kept until
 * saved, and a finished run's model file.
 */
import { isUserFacingError, UserFacingError } from '../../../../engine/errors.ts';
import { buildModelFile } from '../../../../engine/model/model-file.ts';
import { inputNames } from '../../../../engine/model/predict.ts';
import type { SplitEvaluation } from '../../../../engine/pipeline/train-job.ts';
import type { Table } from '../../../../engine/table/table.ts';
import { savePredictionsCsv } from '../../../export/predictions-csv.ts';
import { loadTable } from '../../../io/load-table.ts';
import { cellRows, evaluate, heldOutFrom, type HeldOut } from '../../../results/evaluation.ts';
import { describePredictions, predictInChunks } from '../../../results/predictions.ts';
import { typicalValues } from '../../../results/typical-values.ts';
import type { HeldOutQuery } from '../protocol.ts';
import type { CallHandlers } from './call-context.ts';
import type { WorkerSession } from './sessions.ts';

type ModelCalls = Pick<CallHandlers, 'evaluation' | 'evaluationRows' | 'typicalValues' | 'predictFile' | 'savePredictions' | 'buildModelFile'>;

interface HeldOutRows {
  readonly evaluation: SplitEvaluation | null;
  /** 'session': the run's own; 'dataset': computed again from the open dataset; null: not available. */
  readonly basis: 'session' | 'dataset' | null;
  /** The table the rows index. */
  readonly table: Table | null;
  readonly notes: readonly string[];
}

/** The held-out rows' predictions and the table they index, when the session has them or can compute them. */
async function heldOutOf(session: WorkerSession, query: HeldOutQuery): Promise<HeldOutRows> {
  const { data, loaded } = session.model(query.modelId);
  const { source, split } = query;
  if (source.kind === 'none') return { evaluation: null, basis: null, table: null, notes: source.notes };
  if (source.kind === 'session') {
    return { evaluation: data.heldOut?.[split] ?? null, basis: 'session', table: query.tableId ? session.table(query.tableId) : null, notes: [] };
  }
  const table = session.table(source.datasetId);
  const byTable = session.heldOut.get(query.modelId) ?? new WeakMap<Table, HeldOut>();
  session.heldOut.set(query.modelId, byTable);
  let heldOut = byTable.get(table);
  if (!heldOut) {
    try {
      heldOut = heldOutFrom(loaded, await session.recipes.prepared(source.datasetId, loaded.recipe.recipe));
    } catch (error) {
      if (!isUserFacingError(error) || error.code === 'cancelled') throw error;
      const note = `The held-out rows could not be prepared again from ${source.name} (${error.message}) — was a column's type changed since training?`;
      return { evaluation: null, basis: null, table: null, notes: [note] };
    }
    byTable.set(table, heldOut);
  }
  return { evaluation: heldOut[split], basis: 'dataset', table, notes: [] };
}

export const modelCalls: ModelCalls = {
  evaluation: async ({ threshold, ...query }, { session }) => {
    const { loaded } = session.model(query.modelId);
    const heldOut = await heldOutOf(session, query);
    return evaluate(query.modelId, loaded, query.split, heldOut.basis ? { evaluation: heldOut.evaluation, basis: heldOut.basis } : null, threshold ?? loaded.threshold, heldOut.notes);
  },

  evaluationRows: async ({ threshold, actual, predicted, start, count, ...query }, { session }) => {
    const { loaded } = session.model(query.modelId);
    const classes = loaded.recipe.target.classLabels?.length ?? 0;
    if (classes === 0) throw new UserFacingError('not-classification', 'This model predicts numbers: it has no confusion matrix to list rows from.');
    if (actual >= classes || predicted >= classes) throw new UserFacingError('no-such-cell', `The confusion matrix has ${classes} classes; there is no cell (${actual}, ${predicted}).`);
    const heldOut = await heldOutOf(session, query);
    if (!heldOut.evaluation || !heldOut.table) {
      throw new UserFacingError(
        'rows-unavailable',
        `The rows behind this cell are not available: ${heldOut.notes[0] ?? `open the data this model was trained on (${loaded.file.provenance.source.name}) in the Data step, then come back.`}`,
      );
    }
    return cellRows(loaded, heldOut.evaluation, heldOut.table, { threshold: threshold ?? loaded.threshold, actual, predicted, start, count });
  },

  typicalValues: ({ datasetId, inputs }, { session }) => typicalValues(inputs, session.table(datasetId)),

  predictFile: async ({ path, name, modelId, threshold, predictionId }, context) => {
    const { loaded } = context.session.model(modelId);
    const { table, source } = await loadTable(path, {
      signal: context.signal,
      onProgress: (p) => context.progress({ phase: 'read', done: p.bytes, total: p.totalBytes }),
      // Every cell of the inputs as written: the model's reading names what it cannot use, row by row.
      keepText: inputNames(loaded),
    });
    const predictions = await predictInChunks(
      loaded,
      table,
      threshold ?? loaded.threshold,
      context.signal,
      (done) => context.progress({ phase: 'predict', done, total: table.rowCount }),
      { decimalComma: source.decimalComma },
    );
    context.session.predictions.set(predictionId, { name, table, model: loaded, predictions });
    return describePredictions(predictionId, name, loaded, table, predictions);
  },

  savePredictions: async ({ predictionId, path }, { session }) => {
    const kept = session.predictions.get(predictionId);
    if (!kept) throw new UserFacingError('predictions-gone', 'Those predictions are no longer kept (Layerlab keeps the last three files). Predict the file again, then save.');
    await savePredictionsCsv(path, kept.table, kept.model, kept.predictions);
    return null;
  },

  buildModelFile: (input) => buildModelFile(input),
};
