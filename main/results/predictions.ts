/**
 * Predictions for the Predict step: one row typed into the form (with a word about every value the model did
 * not see in training), and a whole file, predicted in chunks so that progress can be shown and a cancel is
 * heard between chunks. The work is the model file's own predict path (engine/model/predict.ts).
 */
import { parseCellNumber } from '../../engine/table/number-text.ts';
import { UserFacingError } from '../../engine/errors.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import { predictRecords, predictTable, type ModelPredictions } from '../../engine/model/predict.ts';
import type { ReadOptions } from '../../engine/prep/align.ts';
import { takeRows } from '../../engine/prep/table-ops.ts';
import type { InputColumn, Rejection } from '../../engine/prep/types.ts';
import { cellValue, type Table } from '../../engine/table/table.ts';
import type { FilePrediction, SinglePrediction } from '../api/calls/results-calls.ts';

/** Rows predicted between two progress reports (and cancel checks). */
export const PREDICT_CHUNK_ROWS = 5000;
const PREVIEW_ROWS = 50;
const SHOWN_REJECTIONS = 5;

const number = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6))));

/** What is unusual about a typed value, compared with the training rows; null when nothing is. */
export function valueWarning(input: InputColumn, text: string): string | null {
  const value = text.trim();
  if (value === '') {
    return input.missingAllowed ? null : `"${input.name}" is empty, and the recipe has no value to fill in for it. Enter a value.`;
  }
  if (input.storage === 'category') {
    if (input.categories && !input.categories.includes(value)) {
      const known = input.categories.slice(0, 8).map((c) => `"${c}"`).join(', ');
      return `"${value}" never appeared in "${input.name}" during training (known: ${known}${input.categories.length > 8 ? ', …' : ''}). The prediction treats it as the recipe says for unseen categories; pick a known value to be sure.`;
    }
    return null;
  }
  // Read as a file's cell is (engine/prep/align.ts): thousands separators yes, `0x1F` or `Infinity` no.
  const parsed = parseCellNumber(value, false);
  if (!Number.isFinite(parsed)) {
    return input.type === 'datetime' ? null : `"${value}" is not a number, and "${input.name}" holds numbers. Enter a number.`;
  }
  if (input.min !== undefined && input.max !== undefined && (parsed < input.min || parsed > input.max)) {
    return `${number(parsed)} is outside the training range of "${input.name}" (${number(input.min)} to ${number(input.max)}). The model never saw such a value, so treat this prediction with care.`;
  }
  return null;
}

export function predictOne(model: LoadedModel, values: readonly { column: string; value: string }[], threshold: number): SinglePrediction {
  const byColumn = new Map(values.map((v) => [v.column, v.value]));
  const unknown = values.find((v) => !model.recipe.inputSchema.some((input) => input.name === v.column));
  if (unknown) throw new UserFacingError('unknown-column', `The model has no input named "${unknown.column}". Reload the form from the model and try again.`);
  const warnings = model.recipe.inputSchema.flatMap((input) => {
    const message = valueWarning(input, byColumn.get(input.name) ?? '');
    return message ? [{ column: input.name, message }] : [];
  });
  const record = Object.fromEntries(model.recipe.inputSchema.map((input) => [input.name, (byColumn.get(input.name) ?? '').trim() || null]));
  const result = predictRecords(model, [record], threshold);
  if (result.rowIndex.length === 0) {
    return { prediction: null, value: null, probabilities: [], error: result.rejected[0]?.reason ?? 'The model could not use this row.', warnings };
  }
  if (result.values) return { prediction: number(result.values[0]!), value: result.values[0]!, probabilities: [], error: null, warnings };
  const classLabels = result.classLabels!;
  const p = result.probabilities!;
  const probabilities =
    classLabels.length === 2 ? [{ label: classLabels[1]!, probability: p[0]! }, { label: classLabels[0]!, probability: 1 - p[0]! }] : classLabels.map((label, k) => ({ label, probability: p[k]! }));
  probabilities.sort((a, b) => b.probability - a.probability);
  return { prediction: result.labels![0]!, value: null, probabilities, error: null, warnings };
}

/**
 * Predicts `table` a chunk at a time; `onProgress` after each chunk; throws `cancelled` once `signal` aborts.
 * `read`: how the file writes numbers and dates (its input columns read as text, see `inputNames`).
 */
export async function predictInChunks(
  model: LoadedModel,
  table: Table,
  threshold: number,
  signal: AbortSignal,
  onProgress: (done: number) => void,
  read: ReadOptions = {},
): Promise<ModelPredictions> {
  const parts: ModelPredictions[] = [];
  const rejected: Rejection[] = [];
  const warnings: Rejection[] = [];
  for (let start = 0; start < table.rowCount; start += PREDICT_CHUNK_ROWS) {
    if (signal.aborted) throw new UserFacingError('cancelled', 'Predicting the file was cancelled. Nothing was saved.');
    const end = Math.min(table.rowCount, start + PREDICT_CHUNK_ROWS);
    const rows = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const part = predictTable(model, takeRows(table, rows), threshold, read);
    parts.push({ ...part, rowIndex: part.rowIndex.map((r) => r + start) });
    for (const r of part.rejected) rejected.push({ ...r, row: r.row + start });
    for (const w of part.warnings) warnings.push({ ...w, row: w.row + start });
    onProgress(end);
    // Lets the event loop deliver progress and hear a cancel between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return joinPredictions(model, parts, rejected, warnings);
}

function concatFloat<T extends Float32Array | Float64Array>(arrays: readonly T[], make: (n: number) => T): T {
  const out = make(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

function joinPredictions(model: LoadedModel, parts: readonly ModelPredictions[], rejected: readonly Rejection[], warnings: readonly Rejection[]): ModelPredictions {
  const rowIndex = Int32Array.from(parts.flatMap((p) => Array.from(p.rowIndex)));
  if (model.recipe.target.task === 'regression') {
    return { values: concatFloat(parts.map((p) => p.values!), (n) => new Float64Array(n)), rowIndex, rejected, warnings };
  }
  return {
    labels: parts.flatMap((p) => p.labels!),
    probabilities: concatFloat(parts.map((p) => p.probabilities!), (n) => new Float32Array(n)),
    classLabels: model.recipe.target.classLabels!,
    rowIndex,
    rejected,
    warnings,
  };
}

/** What the Predict step shows about a predicted file before it is saved. */
export function describePredictions(predictionId: string, name: string, model: LoadedModel, table: Table, predictions: ModelPredictions): FilePrediction {
  const target = model.recipe.target;
  const byRow = new Int32Array(Math.min(table.rowCount, PREVIEW_ROWS)).fill(-1);
  predictions.rowIndex.forEach((source, i) => {
    if (source < byRow.length) byRow[source] = i;
  });
  const reasons = new Map(predictions.rejected.map((r) => [r.row, r.reason]));
  const cautions = new Map(predictions.warnings.map((w) => [w.row, w.reason]));
  const shownInputs = table.columns.slice(0, 6);
  const regression = predictions.values !== undefined;
  const rows = Array.from(byRow, (i, row): (number | string | null)[] => {
    const inputs = shownInputs.map((c) => cellValue(c, row));
    if (i < 0) return [row + 1, ...inputs, null, ...(regression ? [] : [null]), reasons.get(row) ?? 'not predicted', null];
    const caution = cautions.get(row) ?? null;
    if (regression) return [row + 1, ...inputs, Number(predictions.values![i]!.toPrecision(6)), null, caution];
    const p = predictions.probabilities!;
    const classLabels = target.classLabels!;
    const label = predictions.labels![i]!;
    const confidence = classLabels.length === 2 ? (label === classLabels[1] ? p[i]! : 1 - p[i]!) : p[i * classLabels.length + classLabels.indexOf(label)]!;
    return [row + 1, ...inputs, label, Math.round(confidence * 1000) / 1000, null, caution];
  });
  const counts = predictions.labels
    ? target.classLabels!.map((label) => ({ label, rows: predictions.labels!.filter((l) => l === label).length }))
    : [];
  return {
    predictionId,
    name,
    rows: table.rowCount,
    predicted: predictions.rowIndex.length,
    rejected: predictions.rejected.length,
    rejections: predictions.rejected.slice(0, SHOWN_REJECTIONS).map((r) => ({ row: r.row + 1, column: r.column, reason: r.reason })),
    warned: predictions.warnings.length,
    warnings: predictions.warnings.slice(0, SHOWN_REJECTIONS).map((w) => ({ row: w.row + 1, column: w.column, reason: w.reason })),
    preview: {
      columns: ['row', ...shownInputs.map((c) => c.name), `predicted_${target.column}`, ...(regression ? [] : ['confidence']), 'prediction_error', 'prediction_warning'],
      rows,
    },
    counts,
  };
}
