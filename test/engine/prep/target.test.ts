import { describe, expect, it } from 'vitest';
import { classIndices, fitTarget, planTarget, targetValues } from '../../../engine/prep/target.ts';
import type { TargetChoice } from '../../../engine/prep/types.ts';
import { cat, errorOf, num, rows, tableOf } from './fixtures.ts';

function every(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function plan(values: readonly (number | string | null)[], choice: Partial<TargetChoice> = {}) {
  const column = typeof values.find((v) => v !== null) === 'string' ? cat('y', values as (string | null)[]) : num('y', values as (number | null)[]);
  return planTarget(column, every(values.length), { column: 'y', ...choice });
}

describe('target task detection', () => {
  it('calls two values binary, whatever they are', () => {
    expect(plan([0, 1, 1]).task).toBe('binary');
    expect(plan(['yes', 'no']).task).toBe('binary');
    expect(plan([2.5, 7.25]).task).toBe('binary');
  });

  it('calls text with three or more values multi-class', () => {
    expect(plan(['setosa', 'versicolor', 'virginica']).task).toBe('multiclass');
  });

  it('calls up to 20 distinct whole numbers multi-class, and more regression', () => {
    expect(plan([3, 4, 5, 6, 7, 8]).task).toBe('multiclass');
    expect(plan(Array.from({ length: 20 }, (_, i) => i)).task).toBe('multiclass');
    expect(plan(Array.from({ length: 21 }, (_, i) => i)).task).toBe('regression');
  });

  it('calls decimals regression', () => {
    expect(plan([1.5, 2, 3]).task).toBe('regression');
  });

  it('follows the user override', () => {
    expect(plan([3, 4, 5, 6], { task: 'regression' }).task).toBe('regression');
  });
});

describe('target classes', () => {
  it('puts the natural positive class second: 1 for 0/1, "yes" for yes/no, else the later label', () => {
    expect(plan([1, 0, 1]).classLabels).toEqual(['0', '1']);
    expect(plan(['Yes', 'no']).classLabels).toEqual(['no', 'Yes']);
    expect(plan(['stayed', 'left']).classLabels).toEqual(['left', 'stayed']);
  });

  it('lets the user choose the positive class', () => {
    const p = plan(['stayed', 'left'], { positiveLabel: 'left' });
    expect(p.classLabels).toEqual(['stayed', 'left']);
    expect(p.positiveLabel).toBe('left');
  });

  it('sorts numeric classes as numbers', () => {
    expect(plan([10, 9, 1, 9]).classLabels).toEqual(['1', '9', '10']);
  });

  it('encodes y as 0/1 or the class index, and gives the network output width', () => {
    const column = cat('y', ['b', 'a', 'c', 'a']);
    const p = planTarget(column, every(4), { column: 'y' });
    expect(Array.from(classIndices(column, p.classLabels!))).toEqual([1, 0, 2, 0]);
    expect(Array.from(targetValues(column, rows(3, 2), p))).toEqual([0, 2]);
    expect([p.outputWidth, p.loss]).toEqual([3, 'sparse_categorical_crossentropy']);
  });

  it('standardizes a regression target with the training rows only, unless told not to', () => {
    const column = num('y', [1, 3, 1000]);
    const p = planTarget(column, every(3), { column: 'y', task: 'regression' });
    // Training rows 1 and 3: mean 2, population std 1; the test row's 1000 must not count.
    const fitted = fitTarget(p, column, rows(0, 1), { column: 'y' });
    expect(fitted.scale).toEqual({ mean: 2, std: 1 });
    expect(Array.from(targetValues(column, rows(0, 1, 2), fitted))).toEqual([-1, 1, 998]);
    expect(fitTarget(p, column, rows(0, 1), { column: 'y', scale: false }).scale).toBeUndefined();
  });
});

describe('target bad input', () => {
  it('refuses a target with a single value, naming it', () => {
    const error = errorOf(() => plan(['no', 'no', null]));
    expect(error.code).toBe('target-one-class');
    expect(error.message).toContain('"y" has a single value ("no")');
  });

  it('refuses text as a regression target', () => {
    const error = errorOf(() => plan(['France', 'Spain'], { task: 'regression' }));
    expect(error.code).toBe('target-not-numeric');
    expect(error.message).toContain('binary or multi-class');
  });

  it('refuses binary for three classes, and more than 100 classes', () => {
    expect(errorOf(() => plan(['a', 'b', 'c'], { task: 'binary' })).code).toBe('target-not-binary');
    expect(errorOf(() => plan(Array.from({ length: 101 }, (_, i) => `name ${i}`))).code).toBe('target-too-many-classes');
  });

  it('refuses infinite target values and an unknown positive class', () => {
    expect(errorOf(() => plan([1, Infinity, 2.5])).code).toBe('non-finite-value');
    expect(errorOf(() => plan(['a', 'b'], { positiveLabel: 'c' })).code).toBe('unknown-label');
  });

  it('refuses a target with no values at all', () => {
    expect(errorOf(() => planTarget(tableOf(num('y', [null, null])).columns[0]!, rows(), { column: 'y' })).code).toBe('target-empty');
  });
});
