/**
 * From probabilities to decisions to counts. Every classification metric is read off the confusion matrix,
 * so the decision rule lives here once: binary predicts class 1 when P(class 1) ≥ threshold (the same `≥` that
 * scikit-learn's ROC thresholds use, so a ROC point and the matrix at its threshold agree; Keras' binary
 * accuracy uses `>`, which differs only for a probability exactly equal to the threshold); multi-class takes
 * the argmax, ties going to the lowest class index as numpy's argmax does.
 */
import { UserFacingError } from '../errors.ts';
import {
  probabilityWidth,
  requireClassCount,
  requireRows,
  requireSameLength,
  requireTargetClasses,
} from './validate.ts';

/**
 * Class indices from targets stored as floats (the fit loop's rows × 1 `y`: 0/1 for binary, a class index
 * for multi-class). Anything that is not an integer in 0..K-1 is rejected rather than rounded.
 */
export function classLabelsFromTargets(targets: ArrayLike<number>, classCount: number): Int32Array {
  requireClassCount(classCount);
  const labels = new Int32Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const value = targets[i]!;
    if (!Number.isInteger(value) || value < 0 || value >= classCount) {
      throw new UserFacingError(
        'metrics-unknown-class',
        `Evaluated row ${i + 1} has target ${value}, but a class target must be a whole number from 0 to ${classCount - 1}. ` +
          'Encode the target column as classes before evaluating.',
      );
    }
    labels[i] = value;
  }
  return labels;
}

/** Decisions from probabilities laid out as the module documents (rows × 1 for K = 2, rows × K otherwise). */
export function predictClasses(probabilities: Float32Array, classCount: number, threshold = 0.5): Int32Array {
  requireClassCount(classCount);
  if (Number.isNaN(threshold)) throw new RangeError('The decision threshold is NaN.');
  const width = probabilityWidth(classCount);
  if (probabilities.length % width !== 0) {
    throw new RangeError(`${probabilities.length} probabilities do not split into rows of ${width}.`);
  }
  const rows = probabilities.length / width;
  const classes = new Int32Array(rows);
  if (classCount === 2) {
    for (let r = 0; r < rows; r++) classes[r] = probabilities[r]! >= threshold ? 1 : 0;
    return classes;
  }
  for (let r = 0; r < rows; r++) classes[r] = argmaxRow(probabilities, r * width, width);
  return classes;
}

/** Index of the largest of `width` values starting at `offset`; the first one wins a tie. */
export function argmaxRow(values: ArrayLike<number>, offset: number, width: number): number {
  let best = 0;
  let bestValue = values[offset]!;
  for (let k = 1; k < width; k++) {
    const v = values[offset + k]!;
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  return best;
}

/**
 * K × K counts, `matrix[trueClass][predictedClass]`: rows are the true class, columns the predicted class
 * (scikit-learn's layout), so row sums are each class's support and column sums how often it was predicted.
 */
export function confusionMatrix(labels: Int32Array, predicted: Int32Array, classCount: number): number[][] {
  requireClassCount(classCount);
  requireRows(labels.length);
  requireSameLength(labels.length, predicted.length, 'Predicted classes');
  requireTargetClasses(labels, classCount);
  for (let i = 0; i < predicted.length; i++) {
    const c = predicted[i]!;
    if (c < 0 || c >= classCount) throw new RangeError(`Predicted class ${c} at row ${i + 1} is outside 0..${classCount - 1}.`);
  }
  const flat = new Float64Array(classCount * classCount);
  for (let i = 0; i < labels.length; i++) flat[labels[i]! * classCount + predicted[i]!]!++;
  return Array.from({ length: classCount }, (_, t) => Array.from(flat.subarray(t * classCount, (t + 1) * classCount)));
}

/** Fraction of rows whose predicted class equals the true class. */
export function accuracy(labels: Int32Array, predicted: Int32Array): number {
  requireRows(labels.length);
  requireSameLength(labels.length, predicted.length, 'Predicted classes');
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) correct++;
  return correct / labels.length;
}
