/**
 * Input checks shared by every metric. Evaluation inputs come from a trained model and the user's test rows,
 * so the failures that matter are user-facing: an empty test split, a class the model was not built for,
 * predictions that diverged to NaN. Mismatched lengths are a caller's bug and throw a plain RangeError.
 */
import { UserFacingError } from '../errors.ts';

export function requireRows(rows: number): void {
  if (rows === 0) {
    throw new UserFacingError(
      'metrics-no-rows',
      'There are no rows to evaluate. Make the test split larger or evaluate on a file that has data rows.',
    );
  }
}

export function requireSameLength(expected: number, actual: number, what: string): void {
  if (expected !== actual) throw new RangeError(`${what}: expected ${expected} values, got ${actual}.`);
}

export function requireClassCount(classCount: number): void {
  if (!Number.isInteger(classCount) || classCount < 2) {
    throw new RangeError(`A classification needs an integer class count of at least 2, got ${classCount}.`);
  }
}

/** Target classes must lie in 0..K-1; one outside means the rows hold a class the model does not know. */
export function requireTargetClasses(labels: Int32Array, classCount: number): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c < 0 || c >= classCount) {
      throw new UserFacingError(
        'metrics-unknown-class',
        `Evaluated row ${i + 1} has target class index ${c}, but the model knows only classes 0 to ${classCount - 1}. ` +
          'Evaluate on rows whose target takes the values the model was trained on.',
      );
    }
  }
}

/** A NaN or infinite output means training diverged; no metric computed from it would mean anything. */
export function requireFinitePredictions(values: ArrayLike<number>, width = 1): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new UserFacingError(
        'metrics-non-finite-prediction',
        `The model predicted ${values[i]} for evaluated row ${Math.floor(i / width) + 1}: training diverged. ` +
          'Retrain with a lower learning rate, scaled inputs, or fewer epochs, then evaluate again.',
      );
    }
  }
}

export function requireFiniteTargets(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new UserFacingError(
        'metrics-non-finite-target',
        `Evaluated row ${i + 1} has target ${values[i]}. Remove or fill rows with a missing target before evaluating.`,
      );
    }
  }
}

/** Binary tasks carry P(class 1) as rows × 1; K ≥ 3 classes carry rows × K. */
export function probabilityWidth(classCount: number): number {
  return classCount === 2 ? 1 : classCount;
}

export function requireProbabilityShape(probabilities: Float32Array, rows: number, classCount: number): void {
  requireClassCount(classCount);
  const width = probabilityWidth(classCount);
  if (probabilities.length !== rows * width) {
    const layout = classCount === 2 ? 'rows × 1 values holding P(class 1)' : `rows × ${classCount} values`;
    throw new RangeError(
      `Probabilities for ${rows} rows and ${classCount} classes must be ${layout} (${rows * width}), got ${probabilities.length}.`,
    );
  }
}
