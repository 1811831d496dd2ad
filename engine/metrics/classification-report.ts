/**
 * Everything the Evaluate step and `layerlab evaluate` show for a classifier, in one plain-JSON object:
 * JSON.stringify and structured clone both keep it intact. Numbers that are undefined for the evaluated
 * rows (an AUC with one class present, the first ROC threshold, which is +Infinity) are `null` rather than
 * NaN/Infinity, which JSON cannot hold; `warnings` says in words why.
 */
import { balancedAccuracy, classScores, type ScoreTriple } from './class-scores.ts';
import { accuracy, confusionMatrix, predictClasses } from './confusion.ts';
import { downsampleCurve } from './downsample.ts';
import { logLoss } from './log-loss.ts';
import { macroAuc, oneVsRestRoc, type ClassRoc } from './one-vs-rest.ts';
import { aucFromCounts, rocCurveFromCounts, thresholdCounts } from './roc.ts';
import { requireRows } from './validate.ts';

export interface ClassificationReportInput {
  /** True class index per row, 0..K-1. */
  readonly labels: Int32Array;
  /** rows × 1 holding P(class 1) when K = 2; rows × K otherwise. */
  readonly probabilities: Float32Array;
  readonly classCount: number;
  /** Display names, index-aligned; default "0", "1", …. */
  readonly classLabels?: readonly string[];
  /** Binary decision threshold on P(class 1); default 0.5. Ignored for K ≥ 3 (argmax). */
  readonly threshold?: number;
  /** Largest number of points per ROC curve in the report; default 500. */
  readonly maxRocPoints?: number;
}

export interface ClassReport extends ScoreTriple {
  readonly index: number;
  readonly label: string;
  readonly support: number;
  readonly predicted: number;
  /** One-vs-rest AUC (binary: the task's AUC, identical for both classes); null when undefined. */
  readonly auc: number | null;
}

export interface RocReport {
  readonly classIndex: number;
  readonly label: string;
  readonly auc: number | null;
  readonly fpr: number[];
  readonly tpr: number[];
  /** `thresholds[0]` is null: above every score, nothing is predicted positive. */
  readonly thresholds: (number | null)[];
}

export interface ClassificationReport {
  readonly task: 'binary' | 'multiclass';
  readonly rows: number;
  readonly classCount: number;
  readonly classLabels: string[];
  /** The binary decision threshold used; null for multi-class (argmax). */
  readonly threshold: number | null;
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  /** Binary: of the positive class (1). Multi-class: macro averages. */
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly perClass: ClassReport[];
  readonly macro: ScoreTriple;
  readonly weighted: ScoreTriple;
  /** `confusionMatrix[trueClass][predictedClass]`. */
  readonly confusionMatrix: number[][];
  readonly logLoss: number;
  /** Binary ROC AUC, or the macro one-vs-rest AUC over the classes where it is defined; null if none. */
  readonly auc: number | null;
  /** Binary: one curve, for class 1. Multi-class: one per class, one-vs-rest. Downsampled for drawing. */
  readonly roc: RocReport[];
  readonly warnings: string[];
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function classificationReport(input: ClassificationReportInput): ClassificationReport {
  const { labels, probabilities, classCount, threshold = 0.5, maxRocPoints = 500 } = input;
  requireRows(labels.length);
  const classLabels = input.classLabels ? [...input.classLabels] : Array.from({ length: classCount }, (_, k) => String(k));
  if (classLabels.length !== classCount) {
    throw new RangeError(`${classLabels.length} class labels given for ${classCount} classes.`);
  }
  const binary = classCount === 2;
  // logLoss validates shape, class indices and finiteness before anything else reads the inputs.
  const loss = logLoss(labels, probabilities, classCount);
  const predicted = predictClasses(probabilities, classCount, threshold);
  const matrix = confusionMatrix(labels, predicted, classCount);
  const scores = classScores(matrix);
  const curves = binary ? [binaryRoc(labels, probabilities)] : oneVsRestRoc(labels, probabilities, classCount);
  const auc = binary ? curves[0]!.auc : macroAuc(curves);
  const aucOfClass = (k: number): number => (binary ? auc : curves[k]!.auc);
  const headline = binary ? scores.perClass[1]! : scores.macro;

  return {
    task: binary ? 'binary' : 'multiclass',
    rows: labels.length,
    classCount,
    classLabels,
    threshold: binary ? threshold : null,
    accuracy: accuracy(labels, predicted),
    balancedAccuracy: balancedAccuracy(matrix),
    precision: headline.precision,
    recall: headline.recall,
    f1: headline.f1,
    perClass: scores.perClass.map((s, k) => ({
      index: k,
      label: classLabels[k]!,
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      support: s.support,
      predicted: s.predicted,
      auc: finiteOrNull(aucOfClass(k)),
    })),
    macro: scores.macro,
    weighted: scores.weighted,
    confusionMatrix: matrix,
    logLoss: loss,
    auc: finiteOrNull(auc),
    roc: curves.map((c) => rocReport(c, classLabels[c.classIndex]!, maxRocPoints)),
    warnings: describeGaps(scores.perClass, classLabels),
  };
}

function binaryRoc(labels: Int32Array, probabilities: Float32Array): ClassRoc {
  const counts = thresholdCounts(labels, probabilities);
  return { classIndex: 1, curve: rocCurveFromCounts(counts), auc: aucFromCounts(counts) };
}

function rocReport(roc: ClassRoc, label: string, maxPoints: number): RocReport {
  if (Number.isNaN(roc.auc)) return { classIndex: roc.classIndex, label, auc: null, fpr: [], tpr: [], thresholds: [] };
  const curve = downsampleCurve(roc.curve, maxPoints);
  return {
    classIndex: roc.classIndex,
    label,
    auc: roc.auc,
    fpr: Array.from(curve.fpr),
    tpr: Array.from(curve.tpr),
    thresholds: Array.from(curve.thresholds, finiteOrNull),
  };
}

function describeGaps(perClass: readonly { support: number; predicted: number }[], labels: readonly string[]): string[] {
  const warnings: string[] = [];
  const present = perClass.filter((s) => s.support > 0).length;
  perClass.forEach((s, k) => {
    if (s.support === 0) {
      warnings.push(
        `No evaluated row has class "${labels[k]}": its recall is reported as 0 and its ROC curve and AUC are undefined. ` +
          'Evaluate on more rows, or split with stratification, so every class is represented.',
      );
    } else if (s.predicted === 0) {
      warnings.push(`The model never predicts class "${labels[k]}": its precision is reported as 0.`);
    }
  });
  if (present === 1) {
    warnings.push('Only one class occurs in the evaluated rows, so no ROC curve or AUC can be computed.');
  }
  return warnings;
}
