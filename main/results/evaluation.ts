/**
 * A model judged on its held-out rows, for the Evaluate step: the report at a decision threshold, the rows
 * behind a confusion-matrix cell, predicted-vs-actual points. The held-out predictions come from the run
 * itself, or are computed again for a model file when its training data is open (the recipe's seeded split
 * gives the same test rows); otherwise only the report stored in the file can be shown.
 */
import { classificationReport, predictClasses, type ClassificationReport, type RegressionReport } from '../../engine/metrics/index.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import { evaluateSplit, type SplitEvaluation } from '../../engine/pipeline/train-job.ts';
import type { Prepared } from '../../engine/prep/types.ts';
import { cellValue, type Table } from '../../engine/table/table.ts';
import type { Evaluation, EvaluationRows, EvaluationSplit } from '../api/calls/results-calls.ts';

/** Points drawn in the predicted-vs-actual and residual plots; more rows are sampled evenly. */
export const MAX_SCATTER_POINTS = 2000;

export interface HeldOut {
  readonly test: SplitEvaluation | null;
  readonly validation: SplitEvaluation | null;
}

/** The held-out predictions of a model on its own recipe prepared on the table it was trained on, as at the end of its run. */
export function heldOutFrom(model: LoadedModel, prepared: Prepared): HeldOut {
  return {
    test: evaluateSplit(model.network, model.recipe, prepared.test),
    validation: evaluateSplit(model.network, model.recipe, prepared.validation),
  };
}

function evenSample(rows: number, max: number): Int32Array {
  if (rows <= max) return Int32Array.from({ length: rows }, (_, i) => i);
  return Int32Array.from({ length: max }, (_, k) => Math.floor((k * rows) / max));
}

const splitName = (split: EvaluationSplit) => (split === 'test' ? 'test' : 'validation');

export function evaluate(
  modelId: string,
  model: LoadedModel,
  split: EvaluationSplit,
  heldOut: { readonly evaluation: SplitEvaluation | null; readonly basis: 'session' | 'dataset' } | null,
  threshold: number,
  notes: readonly string[] = [],
): Evaluation {
  const target = model.recipe.target;
  const evaluation = heldOut?.evaluation ?? null;
  if (!heldOut || !evaluation) {
    const stored = split === 'test' ? model.file.metrics.test : model.file.metrics.validation;
    if (!stored) {
      const why = heldOut ? `This run kept no ${splitName(split)} rows (its split gives them 0%).` : `This model file holds no ${splitName(split)} report.`;
      return { kind: 'none', modelId, split, notes: [...notes, why] };
    }
    const storedNotes = [...notes, 'Shown as saved in the model file: open the data it was trained on to click cells and move the threshold.'];
    if (target.task === 'regression') return { kind: 'regression', modelId, split, basis: 'stored', report: stored as RegressionReport, points: null, notes: storedNotes };
    return { kind: 'classification', modelId, split, basis: 'stored', report: stored as ClassificationReport, notes: storedNotes };
  }
  if (target.task === 'regression') {
    const sample = evenSample(evaluation.rows, MAX_SCATTER_POINTS);
    const sampled = sample.length < evaluation.rows ? [`The plots show an even sample of ${sample.length} of the ${evaluation.rows} rows; the numbers use every row.`] : [];
    return {
      kind: 'regression',
      modelId,
      split,
      basis: heldOut.basis,
      report: evaluation.report as RegressionReport,
      points: { actual: Array.from(sample, (i) => evaluation.actual[i]!), predicted: Array.from(sample, (i) => evaluation.predicted[i]!) },
      notes: [...notes, ...sampled],
    };
  }
  const classLabels = target.classLabels!;
  const report = classificationReport({
    labels: evaluation.actual as Int32Array,
    probabilities: evaluation.predicted as Float32Array,
    classCount: classLabels.length,
    classLabels: [...classLabels],
    threshold,
  });
  return { kind: 'classification', modelId, split, basis: heldOut.basis, report, notes };
}

/** Positions (within the evaluated rows) whose true class is `actual` and predicted class is `predicted`. */
export function cellMembers(model: LoadedModel, evaluation: SplitEvaluation, threshold: number, actual: number, predicted: number): number[] {
  const classCount = model.recipe.target.classLabels?.length ?? 0;
  const classes = predictClasses(evaluation.predicted as Float32Array, classCount, threshold);
  const members: number[] = [];
  for (let i = 0; i < evaluation.rows; i++) if (evaluation.actual[i] === actual && classes[i] === predicted) members.push(i);
  return members;
}

/** The original rows of one confusion-matrix cell, a page at a time, with the model's probability. */
export function cellRows(model: LoadedModel, evaluation: SplitEvaluation, table: Table, request: { threshold: number; actual: number; predicted: number; start: number; count: number }): EvaluationRows {
  const members = cellMembers(model, evaluation, request.threshold, request.actual, request.predicted);
  const classCount = model.recipe.target.classLabels?.length ?? 0;
  const page = members.slice(request.start, request.start + request.count);
  const probabilities = evaluation.predicted as Float32Array;
  return {
    total: members.length,
    start: Math.min(request.start, members.length),
    columns: table.columns.map((c) => c.name),
    rows: page.map((i) => {
      const source = evaluation.rowIndex[i]!;
      const probability = classCount === 2 ? probabilities[i]! : probabilities[i * classCount + request.predicted]!;
      return { row: source + 1, values: table.columns.map((c) => cellValue(c, source)), probability };
    }),
  };
}
