/** The report's evaluation section: the numbers, the confusion matrix, ROC or predicted-vs-actual, baselines, importance. */
import type { ClassificationReport, RegressionReport } from '../../engine/metrics/index.ts';
import type { ReportInput } from './report-types.ts';
import { facts, table } from './report-sections.ts';
import { barChart, escapeHtml as h, lineChart, scatterChart, short } from './svg.ts';

const share = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const num = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 4 }) : '—');

function isRegression(report: ClassificationReport | RegressionReport): report is RegressionReport {
  return 'rmse' in report;
}

/** Cells shaded by the share of their true class (10 steps), the diagonal in the "right" colour. */
function confusionMatrix(report: ClassificationReport): string {
  const labels = report.classLabels;
  const head = `<tr><th scope="col" class="corner">true ↓ predicted →</th>${labels.map((l) => `<th scope="col">${h(l)}</th>`).join('')}</tr>`;
  const rows = report.confusionMatrix.map((row, a) => {
    const total = row.reduce((s, n) => s + n, 0) || 1;
    const cells = row.map((n, p) => `<td class="heat${Math.min(9, Math.floor((n / total) * 10))}${a === p ? ' right' : ''}" title="${h(`true ${labels[a]}, predicted ${labels[p]}: ${n} (${share(n / total)} of true ${labels[a]})`)}">${n}</td>`);
    return `<tr><th scope="row">${h(labels[a]!)}</th>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="matrix${labels.length > 8 ? ' many' : ''}" aria-describedby="matrix-how"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div><p class="how" id="matrix-how">Confusion matrix: rows are the true classes, columns the predicted ones; the diagonal holds the rows predicted right.</p>`;
}

function classification(report: ClassificationReport, threshold: number | null): string {
  const binary = report.task === 'binary';
  const parts = [
    facts([
      ['Accuracy', share(report.accuracy)],
      [binary ? `Precision (“${report.classLabels[1]}”)` : 'Precision (macro)', share(report.precision)],
      [binary ? `Recall (“${report.classLabels[1]}”)` : 'Recall (macro)', share(report.recall)],
      ['F1', share(report.f1)],
      ['AUC', num(report.auc)],
      ['Log loss', num(report.logLoss)],
      ...(binary && threshold !== null ? ([['Decision threshold', `${threshold.toFixed(2)}: “${report.classLabels[1]}” when its probability is at least this`]] as [string, string][]) : []),
    ]),
    confusionMatrix(report),
  ];
  const roc = report.roc[0];
  if (binary && roc) {
    parts.push(`<div class="charts">${lineChart({ title: `ROC curve (AUC ${num(roc.auc)})`, description: 'True-positive rate against false-positive rate as the threshold moves; the diagonal is a coin toss.', xLabel: 'false-positive rate', yLabel: 'true-positive rate', series: [{ name: `“${roc.label}”`, points: roc.fpr.map((f, i) => [f, roc.tpr[i]!] as const) }], diagonal: true, xRange: [0, 1], yRange: [0, 1] })}</div>`);
  } else {
    parts.push(table(['Class', 'Precision', 'Recall', 'F1', 'Rows', 'AUC'], report.perClass.map((c) => [h(c.label), share(c.precision), share(c.recall), share(c.f1), String(c.support), num(c.auc)]), 'classes'));
  }
  return parts.join('\n');
}

function regression(report: RegressionReport, points: readonly (readonly [number, number])[] | null, target: string): string {
  const parts = [facts([['R²', num(report.r2)], ['MAE', num(report.mae)], ['RMSE', num(report.rmse)], ['Rows', String(report.rows)]])];
  if (points && points.length > 0) {
    parts.push(`<div class="charts">${scatterChart({ title: 'Predicted against actual', description: 'Each dot is a row; on the diagonal the prediction is exact.', xLabel: `actual ${target}`, yLabel: `predicted ${target}`, points })}</div>`);
  }
  return parts.join('\n');
}

/** The baselines model format 2.0 names (docs/model-format.md), in words; any other is shown by its key. */
const BASELINE_NAMES: Readonly<Record<string, string>> = { majorityClass: 'Most frequent class', mean: 'Mean of the training rows', linear: 'Linear model (no hidden layer)' };

/** `metrics.baselines` (model format 2.0): whatever simple models the file says were scored on the same rows. */
function baselines(file: ReportInput['file']): string {
  const found = (file.metrics as { baselines?: unknown }).baselines;
  if (!found || typeof found !== 'object') return '';
  const keys = ['accuracy', 'f1', 'auc', 'r2', 'mae', 'rmse'] as const;
  const rows = Object.entries(found as Record<string, unknown>).flatMap(([name, value]) => {
    if (!value || typeof value !== 'object') return [];
    const v = value as Record<string, unknown>;
    return [[h(BASELINE_NAMES[name] ?? name), ...keys.map((k) => (typeof v[k] === 'number' ? (k === 'accuracy' || k === 'f1' ? share(v[k] as number) : num(v[k] as number)) : '—'))]];
  });
  if (rows.length === 0) return '';
  return `<h3>Baselines</h3><p class="how">Simple models scored on the same test rows: what the network adds is its lead over them.</p>${table(['Model', 'Accuracy', 'F1', 'AUC', 'R²', 'MAE', 'RMSE'], rows)}`;
}

function importance(input: ReportInput): string {
  const result = input.importance;
  if (!result) return '<h3>Which inputs matter</h3><p class="note">Importance needs rows with the target: make the report with the training file at hand.</p>';
  const metric = result.metric === 'r2' ? 'R²' : 'accuracy';
  const used = result.columns.filter((c) => c.used);
  const unused = result.columns.filter((c) => !c.used);
  const chart = barChart({
    title: `Permutation importance: drop in ${metric} when a column is shuffled`,
    description: used.map((c) => `${c.column} ${short(c.importance)} ± ${short(c.std)}`).join('; '),
    valueLabel: `drop in ${metric} (mean ± spread over ${result.repeats} shuffles)`,
    bars: used.map((c) => ({ label: c.column, value: c.importance, spread: c.std, ...(c.note ? { note: c.note } : {}) })),
  });
  return `<h3>Which inputs matter</h3>
<p class="how">Each bar is how much the ${metric} on ${h(result.rowsText)} (${short(result.baseline)} as they are) drops when that column's values are shuffled among the rows, which breaks its link with the target. A long bar: the model leans on the column. Near zero or below (within the whisker): it does not, or another column carries the same information.</p>
<div class="charts">${chart}</div>
${unused.length ? `<ul class="unused">${unused.map((c) => `<li><strong>${h(c.column)}</strong>: ${h(c.note ?? 'not used')}</li>`).join('')}</ul>` : ''}`;
}

export function evaluationSection(input: ReportInput): string {
  const evaluation = input.evaluation;
  const stored = input.file.metrics.test;
  const report = evaluation?.report ?? stored;
  const body = !report
    ? '<p class="note">No test rows were held out, so there is nothing to judge the model on.</p>'
    : isRegression(report)
      ? regression(report, evaluation?.points ?? null, input.file.recipe.target.column)
      : classification(report, input.threshold);
  const rows = evaluation ? `on ${h(evaluation.rows)}` : 'as saved in the model file';
  return `<section id="evaluation" aria-labelledby="evaluation-title"><h2 id="evaluation-title">5. Evaluation</h2>
<p class="how">Judged ${rows}: rows the network never trained on, so the numbers say how it does on new data.</p>
${body}
${baselines(input.file)}
${importance(input)}
</section>`;
}
