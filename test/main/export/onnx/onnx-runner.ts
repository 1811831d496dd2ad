/**
 * Running an exported graph with onnxruntime-web (WebAssembly, in Node) on a table's raw rows, and comparing
 * every row with Layerlab's own prediction (`predictTable`, what `layerlab predict` writes).
 *
 * Inputs are built from the file's cells as a caller would from a CSV: text columns as their text (an empty
 * cell as '', 'NA' or '?', in turn), number columns as float32 (NaN for an empty cell), dates as epoch milliseconds. A cell that
 * Layerlab cannot read as its column's type (text in a number column) becomes NaN here: that is the caller's
 * conversion, which the graph cannot see, so such rows are counted apart (`unreadable`), never compared.
 */
import * as ort from 'onnxruntime-web';
import type { LoadedModel } from '../../../../engine/model/load-model.ts';
import { predictTable } from '../../../../engine/model/predict.ts';
import { alignToSchema } from '../../../../engine/prep/align.ts';
import { numberLabel } from '../../../../engine/prep/table-ops.ts';
import type { InputColumn } from '../../../../engine/prep/types.ts';
import type { Column, Table } from '../../../../engine/table/table.ts';

ort.env.wasm.numThreads = 1;

/** Rows per run: bounds the runtime's memory on wide tables (diabetes130 has 2,000+ cells per row inside). */
const CHUNK_ROWS = 16_384;

export interface OnnxPredictions {
  readonly label: readonly (string | number)[];
  /** rows × classes; null for regression. */
  readonly probabilities: Float32Array | null;
  readonly error: readonly string[];
}

/** An empty text cell as files write it: '', or one of the missing-value markers the graph knows. */
const EMPTY_TEXTS = ['', 'NA', '?'];

function cellText(column: Column, row: number): string {
  if (column.storage === 'category') return column.codes[row]! < 0 ? EMPTY_TEXTS[row % EMPTY_TEXTS.length]! : column.levels[column.codes[row]!]!;
  const v = column.values[row]!;
  return Number.isNaN(v) ? EMPTY_TEXTS[row % EMPTY_TEXTS.length]! : numberLabel(v);
}

function cellNumber(column: Column, row: number, date: boolean): number {
  if (column.storage === 'number') return column.values[row]!;
  const text = cellText(column, row).trim();
  if (text === '' || text.toLowerCase() === 'nan') return NaN;
  return date ? Date.parse(text) : Number(text);
}

function inputTensor(spec: InputColumn, column: Column, start: number, end: number): ort.Tensor {
  const n = end - start;
  if (spec.storage === 'category') return new ort.Tensor('string', Array.from({ length: n }, (_, i) => cellText(column, start + i)), [n, 1]);
  const date = spec.type === 'datetime';
  const values = Array.from({ length: n }, (_, i) => cellNumber(column, start + i, date));
  return date ? new ort.Tensor('float64', Float64Array.from(values), [n, 1]) : new ort.Tensor('float32', Float32Array.from(values), [n, 1]);
}

export async function runOnnx(bytes: Uint8Array, model: LoadedModel, table: Table): Promise<OnnxPredictions> {
  const session = await ort.InferenceSession.create(bytes);
  const label: (string | number)[] = [];
  const error: string[] = [];
  const classes = model.recipe.target.classLabels?.length ?? 0;
  const probabilities = model.recipe.target.task === 'regression' ? null : new Float32Array(table.rowCount * classes);
  try {
    for (let start = 0; start < table.rowCount; start += CHUNK_ROWS) {
      const end = Math.min(start + CHUNK_ROWS, table.rowCount);
      const feeds = Object.fromEntries(model.recipe.inputSchema.map((spec) => [spec.name, inputTensor(spec, table.columns.find((c) => c.name === spec.name)!, start, end)]));
      const out = await session.run(feeds);
      label.push(...(Array.from(out.label!.data as ArrayLike<string | number>)));
      error.push(...(out.prediction_error!.data as string[]));
      probabilities?.set(out.probabilities!.data as Float32Array, start * classes);
    }
  } finally {
    await session.release();
  }
  return { label, probabilities, error };
}

export interface Comparison {
  readonly rows: number;
  readonly refused: number;
  /** Rows Layerlab refuses for a cell it cannot read as its column's type: the caller's conversion, not the graph's. */
  readonly unreadable: number;
  /** Rows whose label may differ because Layerlab's own decision is a near-tie (within the 1e-5 tolerance). */
  readonly nearTies: number;
  readonly largestDifference: number;
  readonly mismatches: readonly string[];
}

/** Within 1e-5: probabilities absolutely; regression values relative to the larger of |value|, the target's std, 1. */
export const TOLERANCE = 1e-5;

export function compareWithLayerlab(model: LoadedModel, table: Table, onnx: OnnxPredictions, threshold = model.threshold): Comparison {
  const ours = predictTable(model, table, threshold);
  const target = model.recipe.target;
  const { rejected: unreadableRows } = alignToSchema(table, model.recipe.inputSchema);
  const position = new Map(Array.from(ours.rowIndex, (row, i) => [row, i]));
  const refusedBy = new Map(ours.rejected.map((r) => [r.row, r]));
  const mismatches: string[] = [];
  const mismatch = (row: number, what: string): void => void (mismatches.length < 20 && mismatches.push(`row ${row}: ${what}`));
  let nearTies = 0;
  let largest = 0;
  for (let row = 0; row < table.rowCount; row++) {
    if (unreadableRows.has(row)) continue;
    const refusal = refusedBy.get(row);
    const error = onnx.error[row]!;
    if (refusal) {
      if (!error.startsWith(`"${refusal.column}"`)) mismatch(row, `Layerlab refuses it (${refusal.reason}), ONNX says ${JSON.stringify(error)}`);
      continue;
    }
    if (error !== '') {
      mismatch(row, `ONNX refuses it (${error}), Layerlab predicts it`);
      continue;
    }
    const i = position.get(row)!;
    if (target.task === 'regression') {
      const mine = ours.values![i]!;
      const difference = Math.abs((onnx.label[row] as number) - mine) / Math.max(1, Math.abs(mine), target.scale?.std ?? 1);
      largest = Math.max(largest, difference);
      if (!(difference <= TOLERANCE)) mismatch(row, `Layerlab ${mine}, ONNX ${onnx.label[row]}`);
      continue;
    }
    const k = target.classLabels!.length;
    const p = ours.probabilities!;
    const mine = k === 2 ? [1 - p[i]!, p[i]!] : Array.from(p.subarray(i * k, (i + 1) * k));
    mine.forEach((v, c) => {
      const difference = Math.abs(v - onnx.probabilities![row * k + c]!);
      largest = Math.max(largest, difference);
      if (!(difference <= TOLERANCE)) mismatch(row, `P(${target.classLabels![c]}) Layerlab ${v}, ONNX ${onnx.probabilities![row * k + c]}`);
    });
    if (onnx.label[row] === ours.labels![i]) continue;
    const sorted = [...mine].sort((a, b) => b - a);
    const tie = k === 2 ? Math.abs(p[i]! - threshold) <= TOLERANCE : sorted[0]! - sorted[1]! <= TOLERANCE;
    if (tie) nearTies++;
    else mismatch(row, `label Layerlab ${ours.labels![i]}, ONNX ${onnx.label[row]}`);
  }
  return { rows: table.rowCount, refused: ours.rejected.length, unreadable: unreadableRows.size, nearTies, largestDifference: largest, mismatches };
}
