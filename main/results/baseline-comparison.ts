/**
 * What the network adds over trivial models, for the Evaluate step: its test score beside the majority class
 * (or the mean) and a linear model's (logistic or linear regression, trained by the same engine), all on the
 * same test rows, and a plain sentence when the network does not beat the linear model.
 */
import type { ClassificationReport, RegressionReport } from '../../engine/metrics/index.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import type { BaselineComparison } from '../api/calls/quality-calls.ts';


function metricOf(report: ClassificationReport | RegressionReport | null | undefined, metric: 'accuracy' | 'r2'): number | null {
  if (!report) return null;
  const value = metric === 'accuracy' ? (report as ClassificationReport).accuracy : (report as RegressionReport).r2;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const text = (metric: 'accuracy' | 'r2', value: number): string => (metric === 'accuracy' ? `${(value * 100).toFixed(1)}%` : `R² ${value.toFixed(3)}`);

/** Null when the file holds no baselines (trained before they were measured, or a stopped run). */
export function compareWithBaselines(file: ModelFile): BaselineComparison | null {
  const baselines = file.metrics.baselines;
  if (!baselines) return null;
  const regression = baselines.mean !== undefined;
  const metric = regression ? 'r2' : 'accuracy';
  const network = metricOf(file.metrics.test, metric);
  const linear = metricOf(baselines.linear, metric);
  const trivial = metricOf(regression ? baselines.mean : baselines.majorityClass, metric);
  const linearName = regression ? 'Linear regression' : 'Logistic regression';
  const verdict =
    network !== null && linear !== null && network <= linear
      ? `The network does not beat a plain ${linearName.toLowerCase()} on the test rows (${text(metric, network)} against ${text(metric, linear)}): the extra layers add nothing here yet. Try "Find a good network" in the Train step, or keep the simpler model.`
      : null;
  return { metric, rows: file.metrics.test?.rows ?? 0, network, trivialName: regression ? 'Always the mean' : 'Always the most frequent class', trivial, linearName, linear, verdict };
}
