/**
 * Predictions as CSV: every column of the file as it was read (the model's inputs exactly as written, when the
 * file was read with `keepText: inputNames(model)`), then `predicted_<target>`, one `probability_<label>` column
 * per class (classification), `prediction_error`, which says why a row could not be predicted, and `prediction_warning`,
 * which says why to doubt a row that was predicted (a category never seen in training). Every row of the input
 * appears, in order. Cells are formula-safe (see csv-text.ts).
 * The column names are a public interface (scripts read them): extend, never rename.
 */
import type { LoadedModel } from '../../engine/model/load-model.ts';
import type { ModelPredictions } from '../../engine/model/predict.ts';
import { cellValue, type Table } from '../../engine/table/table.ts';
import { writeFileAtomic } from '../project/atomic-write.ts';
import { csvLine } from './csv-text.ts';

/** Probabilities are written to 6 decimals: enough for any decision, short enough to read. */
const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export function predictionHeader(table: Table, model: LoadedModel): string[] {
  const target = model.recipe.target;
  const classes = target.task === 'regression' ? [] : (target.classLabels ?? []);
  return [...table.columns.map((c) => c.name), `predicted_${target.column}`, ...classes.map((label) => `probability_${label}`), 'prediction_error', 'prediction_warning'];
}

export function* predictionCsvLines(table: Table, model: LoadedModel, predictions: ModelPredictions): Generator<string> {
  const target = model.recipe.target;
  const classes = target.task === 'regression' ? [] : (target.classLabels ?? []);
  const byRow = new Int32Array(table.rowCount).fill(-1);
  predictions.rowIndex.forEach((source, i) => (byRow[source] = i));
  const reasons = new Map(predictions.rejected.map((r) => [r.row, r.reason]));
  const cautions = new Map(predictions.warnings.map((w) => [w.row, w.reason]));
  yield csvLine(predictionHeader(table, model));
  for (let row = 0; row < table.rowCount; row++) {
    const cells: (string | number | null)[] = table.columns.map((c) => cellValue(c, row));
    const i = byRow[row]!;
    if (i < 0) cells.push(null, ...classes.map(() => null), reasons.get(row) ?? 'not predicted', null);
    else if (target.task === 'regression') cells.push(predictions.values![i]!, null, cautions.get(row) ?? null);
    else {
      const p = predictions.probabilities!;
      const probabilities = target.task === 'binary' ? [1 - p[i]!, p[i]!] : classes.map((_, k) => p[i * classes.length + k]!);
      cells.push(predictions.labels![i]!, ...probabilities.map(round6), null, cautions.get(row) ?? null);
    }
    yield csvLine(cells);
  }
}

export async function savePredictionsCsv(path: string, table: Table, model: LoadedModel, predictions: ModelPredictions): Promise<void> {
  await writeFileAtomic(path, predictionCsvLines(table, model, predictions));
}
