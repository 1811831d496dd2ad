/** How a trained model reads in lists and comparison tables: what it predicts, its shape, its test numbers. */
import type { ClassificationReport, RegressionReport } from '../../engine/metrics/index.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import type { SplitSpec } from '../../engine/prep/types.ts';
import type { HeadlineMetrics, ModelDetails, ModelSummary } from '../api/calls/results-calls.ts';
import type { TrainedModel } from '../services/model-registry.ts';

function isRegression(report: ClassificationReport | RegressionReport): report is RegressionReport {
  return 'rmse' in report;
}

const finite = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function headline(report: ClassificationReport | RegressionReport | null): HeadlineMetrics | null {
  if (!report) return null;
  if (isRegression(report)) {
    return { rows: report.rows, accuracy: null, precision: null, recall: null, f1: null, auc: null, r2: finite(report.r2), mae: finite(report.mae), rmse: finite(report.rmse) };
  }
  return {
    rows: report.rows,
    accuracy: finite(report.accuracy),
    precision: finite(report.precision),
    recall: finite(report.recall),
    f1: finite(report.f1),
    auc: finite(report.auc),
    r2: null,
    mae: null,
    rmse: null,
  };
}

/** "11 → 6 → 6 → 1": inputs, each Dense layer's units, outputs. */
function shapeOf(loaded: LoadedModel): string {
  const units = loaded.file.training.design.hidden.flatMap((layer) => ('units' in layer && typeof layer.units === 'number' ? [layer.units] : []));
  return [loaded.recipe.features.length, ...units, loaded.recipe.target.outputWidth].join(' → ');
}

type Rows = ModelSummary['rows'];

/**
 * The split as the model was trained: the recipe's, except where the rows say otherwise. A search trial's network
 * was trained and stopped on one fold of the non-test rows (the recipe sets no validation share: trials are
 * validated on folds), so Evaluate would read "0% validation" beside its validation rows; its non-test share is
 * then divided as its rows were.
 */
export function splitAsTrained(split: SplitSpec, rows: Rows): SplitSpec {
  const held = rows.train + rows.validation;
  if (split.validation > 0 || rows.validation === 0 || held === 0) return split;
  const nonTest = split.train + split.validation;
  return { ...split, train: (nonTest * rows.train) / held, validation: (nonTest * rows.validation) / held };
}

export function summarize(entry: TrainedModel, loaded: LoadedModel): ModelSummary {
  const { file, recipe } = loaded;
  return {
    modelId: entry.modelId,
    label: entry.label,
    origin: entry.result ? 'run' : 'file',
    task: recipe.target.task,
    target: recipe.target.column,
    sourceName: file.provenance.source.name,
    sourceSha256: file.provenance.source.sha256,
    shape: shapeOf(loaded),
    parameters: loaded.network.parameterCount.trainable,
    epochs: file.training.epochsCompleted,
    optimizer: file.training.settings.optimizer.kind,
    threshold: recipe.target.task === 'binary' ? loaded.threshold : null,
    test: headline(file.metrics.test),
    heldOutRows: entry.result !== null,
    split: splitAsTrained(recipe.recipe.split, file.training.rows),
    rows: { train: file.training.rows.train, validation: file.training.rows.validation, test: file.training.rows.test },
  };
}

/** The model's details, short of the form's typical values (computed over its training data, in the engine pool). */
export function details(entry: TrainedModel, loaded: LoadedModel): Omit<ModelDetails, 'typical'> {
  const target = loaded.recipe.target;
  return {
    summary: summarize(entry, loaded),
    inputs: loaded.recipe.inputSchema,
    classLabels: target.classLabels ?? null,
    positiveLabel: target.positiveLabel ?? null,
  };
}
