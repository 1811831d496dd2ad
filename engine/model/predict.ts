/**
 * Predicting with a loaded model from raw rows: the fitted recipe applied exactly as at training time (the same
 * transform code, the same fitted state), then the network's one forward path, then the outputs in the user's
 * words. Rows the recipe cannot use come back in `rejected` with the column and the reason.
 */
import { decodePredictions, type DecodedPredictions } from '../prep/decode.ts';
import { transformForPrediction } from '../prep/predict.ts';
import type { Rejection } from '../prep/types.ts';
import { tableFromRecords, type RecordValue } from '../table/records.ts';
import type { Table } from '../table/table.ts';
import type { LoadedModel } from './load-model.ts';

export interface ModelPredictions extends DecodedPredictions {
  /** The row of the given table behind each prediction. */
  readonly rowIndex: Int32Array;
  readonly rejected: readonly Rejection[];
}

export function predictTable(model: LoadedModel, table: Table, threshold = model.threshold): ModelPredictions {
  const input = transformForPrediction(model.recipe, table);
  const outputs = model.network.predict(input.x, input.rows);
  return { ...decodePredictions(model.recipe, outputs, input.rows, threshold), rowIndex: input.rowIndex, rejected: input.rejected };
}

/**
 * Rows as records (`{ Age: 42, Geography: 'France' }`), e.g. typed into the prediction form. Values are read as
 * a file's cells would be; columns the model does not need are ignored.
 */
export function predictRecords(model: LoadedModel, records: readonly Readonly<Record<string, RecordValue>>[], threshold = model.threshold): ModelPredictions {
  const columns = [...new Set([...model.recipe.inputSchema.map((c) => c.name), ...records.flatMap((r) => Object.keys(r))])];
  return predictTable(model, tableFromRecords(records, { columns }).table, threshold);
}
