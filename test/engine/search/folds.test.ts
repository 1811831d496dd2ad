import { describe, expect, it } from 'vitest';
import { checkFoldsPossible, holdout, kFolds } from '../../../engine/search/folds.ts';
import { errorOf } from '../prep/fixtures.ts';

describe('folds', () => {
  it('K folds validate on every row exactly once, keep class proportions within a row, and repeat for a seed', () => {
    // 10 rows of class 0, 5 of class 1: each of 5 folds validates 2 of class 0 and 1 of class 1.
    const classes = Int32Array.from([...Array(10).fill(0), ...Array(5).fill(1)]);
    const folds = kFolds(15, 5, 7, classes);
    const validated = folds.flatMap((f) => Array.from(f.validation)).sort((a, b) => a - b);
    expect(validated).toEqual(Array.from({ length: 15 }, (_, i) => i));
    for (const fold of folds) {
      expect([...fold.validation].map((r) => classes[r]).sort()).toEqual([0, 0, 1]);
      expect(fold.train.length + fold.validation.length).toBe(15);
      expect(Array.from(fold.train).some((r) => fold.validation.includes(r))).toBe(false);
    }
    expect(kFolds(15, 5, 7, classes)).toEqual(folds);
    expect(kFolds(15, 5, 8, classes)).not.toEqual(folds);
  });

  it('deals folds of sizes that differ by at most one, across classes', () => {
    const classes = Int32Array.from([0, 0, 0, 1, 1, 1, 2]);
    const sizes = kFolds(7, 3, 1, classes).map((f) => f.validation.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('a hold-out takes the fraction of each class, at least one row of a class with two', () => {
    const classes = Int32Array.from([...Array(20).fill(0), 1, 1]);
    const fold = holdout(22, 0.2, 3, classes);
    expect([...fold.validation].filter((r) => classes[r] === 0)).toHaveLength(4);
    expect([...fold.validation].filter((r) => classes[r] === 1)).toHaveLength(1);
    expect(fold.train.length).toBe(17);
  });

  it('refuses folds a class cannot fill, saying how many rows each class needs', () => {
    const error = errorOf(() => checkFoldsPossible(5, 40, new Map([['a', 30], ['b', 7], ['c', 3]])));
    expect(error.code).toBe('too-few-rows-for-folds');
    expect(error.message).toBe('5-fold cross-validation needs at least 5 rows of each class outside the test rows, but "c" has 3. Use --folds 3 or fewer, or leave out the rare classes with a row filter.');
    expect(errorOf(() => checkFoldsPossible(10, 12)).message).toMatch(/^10-fold cross-validation needs at least 20 rows outside the test rows, and this table has 12\. Use fewer folds \(--folds 6 or less\)/);
    expect(() => checkFoldsPossible(5, 40, new Map([['a', 30], ['b', 10]]))).not.toThrow();
  });
});
