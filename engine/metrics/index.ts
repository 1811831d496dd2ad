/** The metrics module's public surface. Layouts and conventions are documented in each file. */
export { balancedAccuracy, classScores, scoresForClass } from './class-scores.ts';
export type { ClassScores, ClassScoreSummary, ScoreTriple } from './class-scores.ts';
export { classificationReport } from './classification-report.ts';
export type { ClassificationReport, ClassificationReportInput, ClassReport, RocReport } from './classification-report.ts';
export { accuracy, classLabelsFromTargets, confusionMatrix, predictClasses } from './confusion.ts';
export { downsampleCurve } from './downsample.ts';
export { LOG_LOSS_EPSILON, logLoss } from './log-loss.ts';
export { macroAuc, oneVsRestRoc } from './one-vs-rest.ts';
export type { ClassRoc } from './one-vs-rest.ts';
export { progressMetrics } from './progress.ts';
export type { ProgressMetric } from './progress.ts';
export {
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  regressionReport,
  residuals,
  rootMeanSquaredError,
} from './regression.ts';
export type { RegressionReport } from './regression.ts';
export { areaUnderCurve, rocAuc, rocCurve, thresholdCounts } from './roc.ts';
export type { RocCurve, ThresholdCounts } from './roc.ts';
export { thresholdMetrics, thresholdSweep } from './threshold.ts';
export type { ThresholdMetrics, ThresholdSweep } from './threshold.ts';
