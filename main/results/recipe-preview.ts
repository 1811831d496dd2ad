/**
 * The Clean step's answers from a recipe run on a dataset: what each stage did to the rows and columns, the
 * first cleaned rows, and the whole cleaned dataset for the CSV export.
 */
import { isUserFacingError } from '../../engine/errors.ts';
import type { CleanedData } from '../../engine/model/cleaned-data.ts';
import type { DataSplit, Prepared, PreparedPreview } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';
import type { PreviewRows, PreviewStage, RecipePreview } from '../api/calls/recipe-calls.ts';

const SPLITS = ['train', 'validation', 'test'] as const;

function stagesOf(prepared: Pick<Prepared, 'reports'>, table: Table): PreviewStage[] {
  let rows = table.rowCount;
  let columns = table.columns.length;
  return prepared.reports.map((report) => {
    rows -= report.rowsRemoved;
    columns += report.columnsAdded.length - report.columnsRemoved.length;
    return { report, rowsAfter: rows, columnsAfter: columns };
  });
}

function previewRows({ fitted, first }: PreparedPreview): PreviewRows {
  const width = fitted.features.length;
  const rows = Array.from(first.rowIndex, (_, i) => i);
  return {
    dataRows: Array.from(first.rowIndex, (source) => source + 1),
    split: Array.from(first.split, (s) => SPLITS[s]!),
    x: rows.map((i) => Array.from(first.x.subarray(i * width, (i + 1) * width))),
    y: Array.from(first.y),
  };
}

/** The Clean step's preview of a recipe run on `table`; a step that cannot run is an answer too (ok: false, naming it). */
export async function recipePreviewOf(table: Table, run: () => Promise<PreparedPreview>): Promise<RecipePreview> {
  let prepared: PreparedPreview;
  try {
    prepared = await run();
  } catch (error) {
    if (!isUserFacingError(error) || error.code === 'cancelled') throw error;
    return { ok: false, code: error.code, message: error.message, stepId: error.stepId };
  }
  return {
    ok: true,
    rowsBefore: table.rowCount,
    columnsBefore: table.columns.length,
    stages: stagesOf(prepared, table),
    rows: prepared.rows,
    features: prepared.fitted.features,
    task: prepared.fitted.target.task,
    classLabels: prepared.fitted.target.classLabels ?? [],
    states: Object.fromEntries(prepared.fitted.steps.map((s) => [s.id, s.state])),
    preview: previewRows(prepared),
  };
}

/** Every prepared row with its split, in the order of the source file. */
function rowsInFileOrder(prepared: Prepared): { split: number; index: number; source: number }[] {
  const splits: DataSplit[] = [prepared.train, prepared.validation, prepared.test];
  return splits.flatMap((s, split) => Array.from(s.rowIndex, (source, index) => ({ split, index, source }))).sort((a, b) => a.source - b.source);
}

/** The prepared matrices as one cleaned dataset, rows in file order. */
export function cleanedOf(prepared: Prepared): CleanedData {
  const width = prepared.fitted.features.length;
  const splits: DataSplit[] = [prepared.train, prepared.validation, prepared.test];
  const rows = rowsInFileOrder(prepared);
  const x = new Float32Array(rows.length * width);
  const y = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const split = splits[r.split]!;
    x.set(split.x.subarray(r.index * width, (r.index + 1) * width), i * width);
    y[i] = split.y[r.index]!;
  });
  return { features: prepared.fitted.features, x, rows: rows.length, rowIndex: Int32Array.from(rows, (r) => r.source), rejected: [], target: { name: prepared.fitted.target.column, y } };
}
