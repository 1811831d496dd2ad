/** What `layerlab search` prints: the `--json` object (a public interface: extend, never rename) or a summary. */
import { describeConfig, type TrialConfig } from '../../engine/search/trial-config.ts';
import type { Table } from '../../engine/table/table.ts';
import { LEADERBOARD_ROWS } from '../search/search-model.ts';
import type { SearchResult } from '../search/search-session.ts';
import { baselinesJson, confusionTable, fixed, fmt, isClassification, metricsJson, round } from './train-summary.ts';

export interface SearchSummaryInput {
  readonly file: string;
  readonly table: Table;
  readonly result: SearchResult;
  readonly out: string | null;
}

/** A trial's config with its fields in a reading order (the first). */
function configJson(config: TrialConfig): Record<string, unknown> {
  const { hidden, activation, dropout, l2, l1, learningRate, batchSize, classWeight, inputs, epochs, patience } = config;
  return { hidden: [...hidden], activation, dropout, l2, l1, learningRate, batchSize, classWeight, inputs, epochs, patience };
}

function bestJson(config: TrialConfig, epochs: number): Record<string, unknown> {
  return {
    hidden: [...config.hidden],
    activation: config.hidden.length === 0 ? 'linear' : config.activation,
    dropout: config.dropout,
    l2: config.l2,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    epochs,
    l1: config.l1,
    classWeight: config.classWeight,
    inputs: config.inputs,
    maxEpochs: config.epochs,
  };
}

/** The epoch whose weights each fold kept, on average (rounded). */
function keptEpochs(result: SearchResult): number {
  const folds = result.final.best.outcome.folds;
  return Math.round(folds.reduce((n, f) => n + (f.history.restoredEpoch ?? f.history.epochsCompleted), 0) / folds.length);
}

export function searchJson({ table, result }: SearchSummaryInput): Record<string, unknown> {
  const target = result.fitted.target;
  const best = result.final.best;
  return {
    task: target.task,
    target: target.column,
    rows: table.rowCount,
    features: result.fitted.features.length,
    seconds: round(result.seconds, 3),
    trials: result.startedTrials,
    best: bestJson(best.request.config, keptEpochs(result)),
    validation: { mean: round(best.score!.mean), std: round(best.score!.std) },
    metrics: metricsJson(result.test?.report),
    baselines: baselinesJson(result.baselines),
    leaderboard: result.leaderboard.slice(0, LEADERBOARD_ROWS).map((row) => ({
      rank: row.rank,
      config: configJson(row.config),
      validation: { mean: round(row.validation.mean), std: round(row.validation.std) },
      seconds: round(row.seconds, 2),
      trial: row.trial,
      epochs: round(row.epochs, 1),
    })),
    folds: result.info.folds.length,
    split: { train: result.info.rows.nonTest, test: result.info.rows.test },
    ensemble: {
      trials: result.final.trials.map((t) => t.request.id),
      networks: result.final.networks.length,
      outOfFold: { metric: round(result.final.outOfFold.metric), loss: round(result.final.outOfFold.loss) },
    },
    finishedTrials: result.trials.length,
    endReason: result.endReason,
    ...(target.classLabels ? { classLabels: target.classLabels } : {}),
  };
}

function metricWords(report: NonNullable<SearchResult['test']>['report']): string {
  return isClassification(report) ? `accuracy ${fixed(report.accuracy)} · F1 ${fixed(report.f1)} · AUC ${fixed(report.auc)}` : `R² ${fixed(report.r2)} · RMSE ${report.rmse.toPrecision(4)} · MAE ${report.mae.toPrecision(4)}`;
}

/** The plain-words comparison with the linear model the Evaluate step also shows. */
export function linearVerdict(result: SearchResult): string | null {
  const test = result.test?.report;
  const linear = result.baselines?.linear;
  if (!test || !linear) return null;
  const score = (report: typeof test): number => (isClassification(report) ? report.accuracy : (report.r2 ?? NaN));
  const [ours, theirs, name] = [score(test), score(linear), isClassification(test) ? 'accuracy' : 'R²'];
  const gap = (ours - theirs) * 100;
  return gap > 0 ? `the network beats the linear model by ${gap.toFixed(1)} points of ${name}` : `the network does not beat the linear model (${name} ${fixed(ours)} vs ${fixed(theirs)}): a linear model is as good here, and simpler`;
}

export function searchText({ file, table, result, out }: SearchSummaryInput): string {
  const target = result.fitted.target;
  const lines: string[] = [];
  const validation = result.info.folds.length > 1 ? `${result.info.folds.length}-fold cross-validation` : 'one hold-out';
  lines.push(`Layerlab search · ${file} · ${fmt(table.rowCount)} rows · target "${target.column}" (${target.task}) · ${result.fitted.features.length} features`);
  lines.push(`${result.startedTrials} trials in ${result.seconds.toFixed(1)} s (${result.endReason === 'budget' ? 'budget reached' : result.endReason === 'stopped' ? 'stopped' : 'trial limit'}) · ${validation} on ${fmt(result.info.rows.nonTest)} non-test rows`);
  lines.push(`leaderboard (validation ${target.task === 'regression' ? 'R²' : 'accuracy'}, mean ± spread):`);
  for (const row of result.leaderboard.slice(0, 5)) lines.push(`  ${row.rank}. ${fixed(row.validation.mean)} ± ${fixed(row.validation.std)}  ${describeConfig(row.config)}  (${row.seconds.toFixed(1)} s)`);
  const ensemble = result.final.trials.length > 1 ? `the average of trials ${result.final.trials.map((t) => t.request.id).join(', ')}` : `trial ${result.final.best.request.id}`;
  lines.push(`model: ${ensemble} (${result.final.networks.length} network${result.final.networks.length === 1 ? '' : 's'})`);
  const report = result.test?.report;
  if (!report) lines.push('test: no test rows (--test-size 0)');
  else {
    lines.push(`test (${fmt(report.rows)} rows): ${metricWords(report)}`);
    if (isClassification(report)) lines.push(confusionTable(report).trimEnd());
  }
  const { baselines } = result;
  if (baselines) {
    const constant = baselines.majorityClass ?? baselines.mean;
    if (constant) lines.push(`baseline ${baselines.majorityClass ? 'majority class' : 'mean'}: ${metricWords(constant)}`);
    if (baselines.linear) lines.push(`baseline linear model: ${metricWords(baselines.linear)}`);
    const verdict = linearVerdict(result);
    if (verdict) lines.push(verdict);
  }
  if (out) lines.push(`model saved to ${out}`);
  return `${lines.join('\n')}\n`;
}
