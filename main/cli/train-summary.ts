import type { ClassificationReport, RegressionReport } from '../../engine/metrics/index.ts';
import type { ModelBaselines } from '../../engine/model/model-file.ts';
import type { CrossValidation } from '../../engine/pipeline/cross-validate.ts';
import type { TrainingResult } from '../../engine/pipeline/train-job.ts';
import { bestWasmVariant } from '../../engine/nn/wasm/wasm-module.ts';
import type { Table } from '../../engine/table/table.ts';

export interface SummaryInput {
  readonly file: string;
  readonly table: Table;
  readonly result: TrainingResult;
  /** The training job: preparation, training, test evaluation (not loading the file, not warming the engine). */
  readonly seconds: number;
  /** Compiling and warming the training code on generated rows, once per process, before the job. */
  readonly warmUpSeconds?: number;
  readonly out: string | null;
  readonly crossValidation?: CrossValidation | null;
}

/** Which kernels trained: the fastest WASM build this runtime runs, or the TypeScript reference. */
const kernelPath = (): string => bestWasmVariant() ?? 'typescript';

export const isClassification = (r: ClassificationReport | RegressionReport): r is ClassificationReport => 'confusionMatrix' in r;
export const round = (v: number | null, digits = 4): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** A report's numbers as the `--json` objects give them; `withMatrix` adds the class labels and confusion matrix. */
export function metricsJson(report: ClassificationReport | RegressionReport | null | undefined, withMatrix = true): Record<string, unknown> {
  if (!report) return {};
  if (isClassification(report)) {
    return {
      accuracy: round(report.accuracy),
      precision: round(report.precision),
      recall: round(report.recall),
      f1: round(report.f1),
      auc: round(report.auc),
      logLoss: round(report.logLoss),
      balancedAccuracy: round(report.balancedAccuracy),
      ...(withMatrix ? { classLabels: report.classLabels, confusionMatrix: report.confusionMatrix } : {}),
    };
  }
  return { r2: round(report.r2), rmse: round(report.rmse, 6), mae: round(report.mae, 6), mse: round(report.mse, 6) };
}

/** The baselines as `--json` gives them: each one's metrics on the same test rows. */
export function baselinesJson(baselines: ModelBaselines | null | undefined): Record<string, unknown> {
  if (!baselines) return {};
  return Object.fromEntries(Object.entries(baselines).map(([name, report]) => [name, metricsJson(report as ClassificationReport | RegressionReport | null, false)]));
}

/** Cross-validation as `--json` gives it: `{ folds, rows, metrics: { accuracy: { mean, std, values }, … } }`. */
export function crossValidationJson(cv: CrossValidation): Record<string, unknown> {
  const metrics = Object.fromEntries(Object.entries(cv.metrics).map(([name, m]) => [name, { mean: round(m.mean), std: round(m.std), values: m.values.map((v) => round(v)) }]));
  return { folds: cv.folds, rows: cv.rows, metrics };
}

/** The `--json` object: a public interface (scripts read it), so extend it, never rename its fields. */
export function jsonSummary({ table, result, seconds, warmUpSeconds, crossValidation }: SummaryInput): Record<string, unknown> {
  const metrics = metricsJson(result.test?.report);
  const target = result.fitted.target;
  return {
    task: target.task,
    target: target.column,
    rows: table.rowCount,
    features: result.fitted.features.length,
    epochs: result.history.epochsCompleted,
    seconds: round(seconds, 3),
    metrics,
    /** What to know before trusting it (a suspicious target, no test rows); empty when nothing. */
    warnings: result.reports.flatMap((r) => r.warnings ?? []),
    split: result.rows,
    bestEpoch: result.history.bestEpoch,
    stopReason: result.history.stopReason,
    parameters: result.parameterCount,
    samplesPerSecond: Math.round(result.history.samplesPerSecond),
    threads: result.threads,
    kernels: kernelPath(),
    ...(warmUpSeconds !== undefined ? { warmUpSeconds: round(warmUpSeconds, 3) } : {}),
    ...(target.classLabels ? { classLabels: target.classLabels } : {}),
    baselines: baselinesJson(result.baselines),
    ...(crossValidation ? { crossValidation: crossValidationJson(crossValidation) } : {}),
  };
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
export const fixed = (v: number | null, d = 3): string => (v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(d));

export function confusionTable(report: ClassificationReport): string {
  const labels = report.classLabels;
  const width = Math.max(8, ...labels.map((l) => l.length + 2), ...report.confusionMatrix.flat().map((n) => fmt(n).length + 2));
  const head = `${''.padStart(width)}${labels.map((l) => l.padStart(width)).join('')}`;
  const rows = report.confusionMatrix.map((row, i) => `${labels[i]!.padStart(width)}${row.map((n) => fmt(n).padStart(width)).join('')}`);
  return `confusion matrix (rows: actual, columns: predicted)\n${head}\n${rows.join('\n')}\n`;
}

const METRIC_WORDS: Readonly<Record<string, string>> = { accuracy: 'accuracy', balancedAccuracy: 'balanced accuracy', precision: 'precision', recall: 'recall', f1: 'F1', auc: 'AUC', logLoss: 'log-loss', r2: 'R²', rmse: 'RMSE', mae: 'MAE' };

function crossValidationLine(cv: CrossValidation): string {
  const shown = Object.entries(cv.metrics).filter(([name]) => name !== 'logLoss' && name !== 'balancedAccuracy');
  const parts = shown.map(([name, m]) => `${METRIC_WORDS[name] ?? name} ${fixed(m.mean)} ± ${fixed(m.std)}`);
  return `${cv.folds}-fold cross-validation on ${fmt(cv.rows)} non-test rows (mean ± spread): ${parts.join(' · ')}`;
}

function baselineLines(result: TrainingResult): string[] {
  const { baselines, test } = result;
  if (!baselines || !test) return [];
  const words = (report: ClassificationReport | RegressionReport): string => (isClassification(report) ? `accuracy ${fixed(report.accuracy)}` : `R² ${fixed(report.r2)}`);
  const score = (report: ClassificationReport | RegressionReport): number => (isClassification(report) ? report.accuracy : (report.r2 ?? NaN));
  const constant = baselines.majorityClass ?? baselines.mean;
  const lines = [`baselines on the same test rows: ${baselines.majorityClass ? 'majority class' : 'mean'} ${constant ? words(constant) : 'n/a'} · linear model ${baselines.linear ? words(baselines.linear) : 'n/a'}`];
  if (baselines.linear && !(score(test.report) > score(baselines.linear))) lines.push('note: the network does not beat the linear model on the test rows: a linear model is as good here, and simpler.');
  return lines;
}

export function textSummary({ file, table, result, seconds, out, crossValidation }: SummaryInput): string {
  const target = result.fitted.target;
  const { history, rows } = result;
  const spec = result.network.spec;
  const shape = [spec.inputSize, ...spec.layers.filter((l) => l.type === 'dense').map((l) => (l as { units: number }).units)].join('-');
  const lines: string[] = [];
  const taskWords = target.task === 'regression' ? 'regression' : `${target.task}: ${target.classLabels!.join(' / ')}`;
  lines.push(`Layerlab · ${file} · ${fmt(table.rowCount)} rows × ${table.columns.length} columns`);
  lines.push(`target "${target.column}" (${taskWords}) · ${result.fitted.features.length} features · network ${shape} (${fmt(result.parameterCount)} parameters)`);
  lines.push(`rows: ${fmt(rows.train)} train · ${fmt(rows.validation)} validation · ${fmt(rows.test)} test`);
  lines.push('recipe:');
  for (const r of result.reports) if (r.summary) lines.push(`  ${r.stepId}: ${r.summary}`);
  for (const r of result.reports) for (const warning of r.warnings ?? []) lines.push(`warning: ${warning}`);
  const threads = result.threads === 2 ? ', 2 threads' : '';
  lines.push(`training: ${history.epochsCompleted} epochs in ${seconds.toFixed(1)} s (${fmt(Math.round(history.samplesPerSecond))} samples/s${threads}) · ${history.message}`);
  const report = result.test?.report;
  if (!report) lines.push(result.fitted.recipe.split.test === 0 ? 'test: no test rows (--test-size 0)' : 'test: no test rows (see the warning above)');
  else if (isClassification(report)) {
    lines.push(`test (${fmt(report.rows)} rows): accuracy ${fixed(report.accuracy)} · precision ${fixed(report.precision)} · recall ${fixed(report.recall)} · F1 ${fixed(report.f1)} · AUC ${fixed(report.auc)}`);
    lines.push(confusionTable(report).trimEnd());
    for (const w of report.warnings) lines.push(`note: ${w}`);
  } else {
    lines.push(`test (${fmt(report.rows)} rows): R² ${fixed(report.r2)} · RMSE ${report.rmse.toPrecision(4)} · MAE ${report.mae.toPrecision(4)}`);
  }
  lines.push(...baselineLines(result));
  if (crossValidation) lines.push(crossValidationLine(crossValidation));
  if (out) lines.push(`model saved to ${out}`);
  return `${lines.join('\n')}\n`;
}
