import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRow, classLabelsFromTargets, confusionMatrix, predictClasses } from '../../../engine/metrics/confusion.ts';
import { isUserFacingError } from '../../../engine/errors.ts';

function errorCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isUserFacingError(error) ? error.code : `not user-facing: ${String(error)}`;
  }
  return undefined;
}

describe('predictClasses', () => {
  it('predicts class 1 for a binary probability at or above the threshold', () => {
    const p1 = new Float32Array([0.1, 0.5, 0.49, 0.9, 0.7]);
    expect(Array.from(predictClasses(p1, 2))).toEqual([0, 1, 0, 1, 1]);
    expect(Array.from(predictClasses(p1, 2, 0.75))).toEqual([0, 0, 0, 1, 0]);
  });

  it('takes the argmax for three classes, a tie going to the lowest index', () => {
    const p = new Float32Array([
      0.2, 0.5, 0.3,
      0.4, 0.4, 0.2,
      0.25, 0.375, 0.375,
      0.1, 0.1, 0.8,
    ]);
    expect(Array.from(predictClasses(p, 3))).toEqual([1, 0, 1, 2]);
  });

  it('ignores the threshold when there are three or more classes', () => {
    const p = new Float32Array([0.3, 0.3, 0.4]);
    expect(Array.from(predictClasses(p, 3, 0.9))).toEqual([2]);
  });

  it('rejects a probability array that does not split into rows of K', () => {
    expect(() => predictClasses(new Float32Array(7), 3)).toThrow(/rows of 3/);
    expect(() => predictClasses(new Float32Array(4), 2, NaN)).toThrow(/threshold is NaN/);
  });
});

describe('argmaxRow', () => {
  it('reads one row of a row-major matrix', () => {
    expect(argmaxRow([9, 9, 0.1, 0.7, 0.2], 2, 3)).toBe(1);
  });
});

describe('confusionMatrix', () => {
  it('puts the true class on rows and the predicted class on columns', () => {
    // Three rows of class 0 (one predicted as 1), two of class 1 (both right): [[2, 1], [0, 2]].
    const labels = new Int32Array([0, 0, 0, 1, 1]);
    const predicted = new Int32Array([0, 1, 0, 1, 1]);
    expect(confusionMatrix(labels, predicted, 2)).toEqual([
      [2, 1],
      [0, 2],
    ]);
  });

  it('keeps a K × K shape with a column of zeros for a class never predicted', () => {
    const labels = new Int32Array([0, 1, 2, 2]);
    const predicted = new Int32Array([0, 1, 1, 0]);
    expect(confusionMatrix(labels, predicted, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
    ]);
  });

  it('refuses empty input with a user-facing message', () => {
    expect(errorCode(() => confusionMatrix(new Int32Array(0), new Int32Array(0), 2))).toBe('metrics-no-rows');
  });

  it('names the row and the class range when a target class is out of range; a bad prediction is a RangeError', () => {
    expect(() => confusionMatrix(new Int32Array([0, 3]), new Int32Array([0, 1]), 3)).toThrow(
      /Evaluated row 2 has target class index 3, but the model knows only classes 0 to 2/,
    );
    expect(() => confusionMatrix(new Int32Array([0, 1]), new Int32Array([0, -1]), 2)).toThrow(RangeError);
  });

  it('rejects predictions of another length as a programming error', () => {
    expect(() => confusionMatrix(new Int32Array([0, 1]), new Int32Array([0]), 2)).toThrow(RangeError);
    expect(() => confusionMatrix(new Int32Array([0, 1]), new Int32Array([0, 1]), 1)).toThrow(/at least 2/);
  });
});

describe('accuracy', () => {
  it('is the share of rows predicted right', () => {
    expect(accuracy(new Int32Array([0, 1, 2, 2]), new Int32Array([0, 1, 1, 0]))).toBe(0.5);
  });

  it('refuses empty input', () => {
    expect(errorCode(() => accuracy(new Int32Array(0), new Int32Array(0)))).toBe('metrics-no-rows');
  });
});

describe('classLabelsFromTargets', () => {
  it('turns a 0/1 Float32Array target into class indices', () => {
    const labels = classLabelsFromTargets(new Float32Array([0, 1, 1, 0]), 2);
    expect(labels).toBeInstanceOf(Int32Array);
    expect(Array.from(labels)).toEqual([0, 1, 1, 0]);
  });

  it('rejects a fractional or out-of-range target instead of rounding it', () => {
    expect(() => classLabelsFromTargets(new Float32Array([0, 0.5]), 2)).toThrow(/Evaluated row 2 has target 0.5, but a class target must be a whole number from 0 to 1/);
    expect(errorCode(() => classLabelsFromTargets(new Float32Array([0, 1, 3]), 3))).toBe('metrics-unknown-class');
  });
});
