/**
 * Precision, recall and F1 read off a confusion matrix (rows = true class, columns = predicted class), with
 * scikit-learn's conventions:
 * - zero division gives 0, never NaN: precision of a class never predicted, recall of a class absent from
 *   the rows, F1 when both are 0 (scikit-learn's `zero_division=0`; its default "warn" returns the same 0);
 * - F1 = 2·TP / (2·TP + FP + FN), which equals 2PR / (P + R) whenever that is defined;
 * - macro averages take the unweighted mean over the classes that occur among the true or the predicted
 *   classes (scikit-learn's default label set when `labels` is not given), so a class the evaluated rows never
 *   mention does not drag the average down with a 0;
 * - weighted averages weight each class by its support (number of true rows).
 */

export interface ScoreTriple {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClassScores extends ScoreTriple {
  /** Rows whose true class is this one. */
  readonly support: number;
  /** Rows predicted as this class. */
  readonly predicted: number;
}

export interface ClassScoreSummary {
  readonly perClass: ClassScores[];
  readonly macro: ScoreTriple;
  readonly weighted: ScoreTriple;
}

/** scikit-learn's `zero_division=0`: an undefined ratio is 0. */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Scores for class `k` of a confusion matrix, treating `k` as the positive class. */
export function scoresForClass(confusion: readonly (readonly number[])[], k: number): ClassScores {
  let support = 0;
  let predicted = 0;
  for (let j = 0; j < confusion.length; j++) {
    support += confusion[k]![j]!;
    predicted += confusion[j]![k]!;
  }
  const truePositives = confusion[k]![k]!;
  const falsePositives = predicted - truePositives;
  const falseNegatives = support - truePositives;
  return {
    precision: ratio(truePositives, predicted),
    recall: ratio(truePositives, support),
    f1: ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
    support,
    predicted,
  };
}

export function classScores(confusion: readonly (readonly number[])[]): ClassScoreSummary {
  const perClass = confusion.map((_, k) => scoresForClass(confusion, k));
  const mentioned = perClass.filter((s) => s.support > 0 || s.predicted > 0);
  const totalSupport = perClass.reduce((sum, s) => sum + s.support, 0);
  const average = (weight: (s: ClassScores) => number, total: number): ScoreTriple => {
    let precision = 0;
    let recall = 0;
    let f1 = 0;
    for (const s of perClass) {
      const w = weight(s);
      precision += w * s.precision;
      recall += w * s.recall;
      f1 += w * s.f1;
    }
    return { precision: ratio(precision, total), recall: ratio(recall, total), f1: ratio(f1, total) };
  };
  return {
    perClass,
    macro: average((s) => (s.support > 0 || s.predicted > 0 ? 1 : 0), mentioned.length),
    weighted: average((s) => s.support, totalSupport),
  };
}

/**
 * Mean recall over the classes present among the true classes (scikit-learn's `balanced_accuracy_score`,
 * which ignores classes that are only predicted). Equals accuracy when every class has the same support.
 */
export function balancedAccuracy(confusion: readonly (readonly number[])[]): number {
  let sum = 0;
  let present = 0;
  for (let k = 0; k < confusion.length; k++) {
    const s = scoresForClass(confusion, k);
    if (s.support === 0) continue;
    sum += s.recall;
    present++;
  }
  return ratio(sum, present);
}
