/**
 * What a report shows, gathered from a model and, when at hand, a table: its training file (same SHA-256: the
 * recipe's own run gives each step's effect and the test rows) or another file holding the target (judged on every
 * row). Without a table the report shows what the model file saved. The CLI and the app both come through here.
 */
import { permutationImportance, type ImportanceResult } from '../../engine/insight/importance.ts';
import { networkPicture } from '../../engine/insight/network-picture.ts';
import { classificationReport } from '../../engine/metrics/index.ts';
import { cleanedData } from '../../engine/model/cleaned-data.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import { evaluateSplit, type SplitEvaluation } from '../../engine/pipeline/train-job.ts';
import { prepare } from '../../engine/prep/prepare.ts';
import type { DataSplit, StepReport } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';
import { rowsOf } from '../results/judged-rows.ts';
import type { ReportEvaluation, ReportInput } from './report-types.ts';

/** Dots in the predicted-vs-actual plot at most. */
const MAX_POINTS = 400;

export interface ReportSources {
  readonly model: LoadedModel;
  readonly label: string;
  readonly data: { readonly table: Table; readonly sha256: string; readonly name: string } | null;
  /** Binary: the decision threshold chosen (the model's own otherwise). */
  readonly threshold?: number;
  readonly importance: { readonly repeats: number; readonly seed: number; readonly maxRows?: number };
  readonly writer: ReportInput['writer'];
  readonly created?: Date;
}

interface Judged {
  readonly steps: readonly StepReport[] | null;
  readonly split: DataSplit;
  readonly rowsText: string;
  readonly what: 'rows' | 'test rows';
  readonly name: string;
}

/** The rows known to have a target, out of a file other than the training file. */
function everyRow(model: LoadedModel, table: Table, name: string): Judged | null {
  const data = cleanedData(model, table);
  if (!data.target) return null;
  const keep = Array.from({ length: data.rows }, (_, i) => i).filter((i) => !Number.isNaN(data.target!.y[i]!));
  const width = data.features.length;
  const x = new Float32Array(keep.length * width);
  keep.forEach((i, k) => x.set(data.x.subarray(i * width, (i + 1) * width), k * width));
  return {
    steps: null,
    split: { x, y: Float32Array.from(keep, (i) => data.target!.y[i]!), rows: keep.length, rowIndex: Int32Array.from(keep, (i) => data.rowIndex[i]!) },
    rowsText: `all ${keep.length.toLocaleString('en-US')} rows of ${name} with a known ${model.recipe.target.column}`,
    what: 'rows',
    name,
  };
}

function judged(model: LoadedModel, data: NonNullable<ReportSources['data']>): Judged | null {
  if (data.sha256 !== model.file.provenance.source.sha256) return everyRow(model, data.table, data.name);
  const prepared = prepare(data.table, model.recipe.recipe);
  return { steps: prepared.reports, split: prepared.test, rowsText: `the ${prepared.test.rows.toLocaleString('en-US')} test rows of ${data.name}`, what: 'test rows', name: data.name };
}

function evenSample(n: number, max: number): number[] {
  return Array.from({ length: Math.min(n, max) }, (_, k) => Math.floor((k * n) / Math.min(n, max)));
}

function evaluationOf(model: LoadedModel, split: SplitEvaluation, rowsText: string, threshold: number): ReportEvaluation {
  const classLabels = model.recipe.target.classLabels;
  if (!classLabels) {
    const points = evenSample(split.rows, MAX_POINTS).map((i) => [split.actual[i]!, split.predicted[i]!] as const);
    return { report: split.report, rows: rowsText, points };
  }
  const report = classificationReport({ labels: split.actual as Int32Array, probabilities: split.predicted as Float32Array, classCount: classLabels.length, classLabels: [...classLabels], threshold });
  return { report, rows: rowsText, points: null };
}

export function reportInput(sources: ReportSources): ReportInput {
  const { model, data } = sources;
  const threshold = sources.threshold ?? model.threshold;
  const notes: string[] = [];
  const rows = data ? judged(model, data) : null;
  if (!data) notes.push(`The training data (${model.file.provenance.source.name}) was not at hand: the evaluation is the one saved in the model file, and importance and each cleaning step's effect are left out.`);
  else if (!rows) notes.push(`${data.name} has no "${model.recipe.target.column}" column, so nothing could be judged on it: the evaluation is the one saved in the model file.`);
  else if (rows.steps === null) notes.push(`${data.name} is not the file the model was trained on (${model.file.provenance.source.name}), so it was judged on every row, and each cleaning step's effect is left out.`);
  const split = rows && rows.split.rows > 0 ? evaluateSplit(model.network, model.recipe, rows.split) : null;
  let importance: (ImportanceResult & { rowsText: string }) | null = null;
  if (data && rows && split) {
    const result = permutationImportance(model, data.table, split.rowIndex, sources.importance);
    importance = { ...result, rowsText: `${rowsOf(result, rows.what)} of ${rows.name}` };
  }
  return {
    file: model.file,
    label: sources.label,
    steps: rows?.steps ?? null,
    evaluation: split ? evaluationOf(model, split, rows!.rowsText, threshold) : null,
    importance,
    picture: networkPicture(model, split ? { rows: { x: rows!.split.x, rows: rows!.split.rows } } : {}),
    threshold: model.recipe.target.task === 'binary' ? threshold : null,
    writer: sources.writer,
    created: sources.created ?? new Date(),
    notes,
  };
}
