/**
 * Multi-class ROC, one class against the rest (scikit-learn's `multi_class='ovr'`): class k's curve ranks
 * the rows by P(class k) and counts rows of class k as positives.
 *
 * Where scikit-learn raises because a class is absent from the evaluated rows, this keeps going: that class's
 * AUC is NaN and the macro average is the mean over the classes whose AUC is defined (NaN if none is), so a
 * small test split that misses a rare class still gets its other curves.
 */
import { aucFromCounts, rocCurveFromCounts, thresholdCounts, type RocCurve } from './roc.ts';
import { requireTargetClasses, requireProbabilityShape } from './validate.ts';

export interface ClassRoc {
  readonly classIndex: number;
  readonly curve: RocCurve;
  /** NaN when the rows hold only this class or none of it. */
  readonly auc: number;
}

/** One curve per class for K ≥ 3 classes; `probabilities` is rows × K. (Binary tasks use `rocCurve`.) */
export function oneVsRestRoc(
  labels: Int32Array,
  probabilities: Float32Array,
  classCount: number,
  options: { dropIntermediate?: boolean } = {},
): ClassRoc[] {
  if (classCount < 3) throw new RangeError('One-vs-rest ROC is for 3 or more classes; use rocCurve for a binary task.');
  const rows = labels.length;
  requireProbabilityShape(probabilities, rows, classCount);
  requireTargetClasses(labels, classCount);
  const column = new Float32Array(rows);
  const curves: ClassRoc[] = [];
  for (let k = 0; k < classCount; k++) {
    for (let r = 0; r < rows; r++) column[r] = probabilities[r * classCount + k]!;
    const counts = thresholdCounts(labels, column, k);
    curves.push({ classIndex: k, curve: rocCurveFromCounts(counts, options.dropIntermediate ?? true), auc: aucFromCounts(counts) });
  }
  return curves;
}

/** Unweighted mean of the defined per-class AUCs; NaN when no class has one. */
export function macroAuc(curves: readonly ClassRoc[]): number {
  const defined = curves.filter((c) => !Number.isNaN(c.auc));
  if (defined.length === 0) return NaN;
  return defined.reduce((sum, c) => sum + c.auc, 0) / defined.length;
}
