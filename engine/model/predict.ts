/**
 * Predicting with a loaded model from raw rows: the fitted recipe applied exactly as at training time (the same
 * transform code, the same fitted state), then the network's one forward path, then the outputs in the user's
 * words. Rows the recipe cannot use come back in `rejected` with the column and the reason.
 */
import { decodePredictions, type DecodedPredictions } from '../prep/decode.ts';
import type { ReadOptions } from '../prep/align.ts';
import { transformForPrediction } from '../prep/predict.ts';
import type { Rejection } from '../prep/types.ts';
import { tableFromRecords, type RecordValue } from '../table/records.ts';
import type { Table } from '../table/table.ts';
import type { LoadedModel } from './load-model.ts';

export interface ModelPredictions extends DecodedPredictions {
  /** The row of the given table behind each prediction. */
  readonly rowIndex: Int32Array;
  readonly rejected: readonly Rejection[];
  /** Rows predicted despite a value the model handled by rule (an unseen category): the reason, per row. */
  readonly warnings: readonly Rejection[];
}

/**
 * `read`: how the table's file writes numbers and dates, when its input columns were read as text (see
 * `inputNames`), so each cell is judged as written.
 */
export function predictTable(model: LoadedModel, table: Table, threshold = model.threshold, read: ReadOptions = {}): ModelPredictions {
  const input = transformForPrediction(model.recipe, table, read);
  const outputs = model.network.predict(input.x, input.rows);
  return { ...decodePredictions(model.recipe, outputs, input.rows, threshold), rowIndex: input.rowIndex, rejected: input.rejected, warnings: input.warnings };
}

/**
 * The columns to read as exact text in a file to predict (the loader's `keepText`): every input, so that no cell
 * is turned into a gap by the loader's guesses (an "old" among ages) before the model's own reading can name
 * it, row by row.
 */
export function inputNames(model: LoadedModel): readonly string[] {
  return model.recipe.inputSchema.map((input) => input.name);
}

/**
 * Rows as records (`{ Age: 42, Geography: 'France' }`), e.g. typed into the prediction form. Values are read as
 * a file's cells would be; columns the model does not need are ignored.
 */
export function predictRecords(model: LoadedModel, records: readonly Readonly<Record<string, RecordValue>>[], threshold = model.threshold): ModelPredictions {
  const columns = [...new Set([...model.recipe.inputSchema.map((c) => c.name), ...records.flatMap((r) => Object.keys(r))])];
  return predictTable(model, tableFromRecords(records, { columns }).table, threshold);
}
