import { describe, expect, it } from 'vitest';
import { outliers } from '../../../../engine/prep/steps/outliers.ts';
import { errorOf, num, numbersIn, rows, tableOf, cat } from '../fixtures.ts';

describe('outliers: bounds learned from the training rows', () => {
  // Training rows 0–4 sorted: 1 2 3 4 100. Q1 = 2, Q3 = 4 (numpy linear), IQR = 2, fences 2 − 3 = −1 and 4 + 3 = 7.
  // With row 5 (200) included, Q1 would be 2.25: the bounds would move.
  const table = tableOf(num('Balance', [3, 1, 100, 2, 4, 200, null]));
  const TRAIN = rows(0, 1, 2, 3, 4);

  it('computes Tukey fences with k = 1.5 by default', () => {
    expect(outliers.fit(table, TRAIN, { columns: ['Balance'], method: 'iqr', action: 'clip' }).bounds).toEqual([{ column: 'Balance', low: -1, high: 7 }]);
  });

  it('widens the fences with a larger k', () => {
    // k = 3: 2 − 6 = −4, 4 + 6 = 10.
    expect(outliers.fit(table, TRAIN, { columns: ['Balance'], method: 'iqr', k: 3, action: 'clip' }).bounds[0]).toEqual({ column: 'Balance', low: -4, high: 10 });
  });

  it('clips values outside the bounds in every row and leaves empty cells alone', () => {
    const state = outliers.fit(table, TRAIN, { columns: ['Balance'], method: 'iqr', action: 'clip' });
    const out = outliers.transform(table, state, 'prepare');
    expect(numbersIn(out.table, 'Balance')).toEqual([3, 1, 7, 2, 4, 7, null]);
    expect(out.cellsChanged).toBe(2);
  });

  it('removes rows outside the bounds when preparing', () => {
    const state = outliers.fit(table, TRAIN, { columns: ['Balance'], method: 'iqr', action: 'remove' });
    const out = outliers.transform(table, state, 'prepare');
    expect(Array.from(out.keptRows!)).toEqual([0, 1, 3, 4, 6]);
  });

  it('rejects an outlying new row with the bound, instead of dropping it', () => {
    const state = outliers.fit(table, TRAIN, { columns: ['Balance'], method: 'iqr', action: 'remove' });
    const out = outliers.transform(table, state, 'predict');
    expect(out.rejected!.map((r) => r.row)).toEqual([2, 5]);
    expect(out.rejected![1]!.reason).toContain('"Balance" is 200, above 7');
  });
});

describe('outliers: z-score and percentiles', () => {
  it('bounds at mean ± t population standard deviations', () => {
    // mean 5, population std 2 (see stats tests): t = 1 → [3, 7]; the default t = 3 → [−1, 11].
    const table = tableOf(num('x', [2, 4, 4, 4, 5, 5, 7, 9]));
    const all = rows(0, 1, 2, 3, 4, 5, 6, 7);
    expect(outliers.fit(table, all, { columns: ['x'], method: 'zscore', threshold: 1, action: 'clip' }).bounds[0]).toEqual({ column: 'x', low: 3, high: 7 });
    expect(outliers.fit(table, all, { columns: ['x'], method: 'zscore', action: 'clip' }).bounds[0]).toEqual({ column: 'x', low: -1, high: 11 });
    const clipped = outliers.transform(table, outliers.fit(table, all, { columns: ['x'], method: 'zscore', threshold: 1, action: 'clip' }), 'prepare');
    expect(numbersIn(clipped.table, 'x')).toEqual([3, 4, 4, 4, 5, 5, 7, 7]);
  });

  it('bounds at percentiles, 1st and 99th by default', () => {
    const table = tableOf(num('x', Array.from({ length: 101 }, (_, i) => i)));
    const all = Int32Array.from({ length: 101 }, (_, i) => i);
    expect(outliers.fit(table, all, { columns: ['x'], method: 'percentile', action: 'clip' }).bounds[0]).toEqual({ column: 'x', low: 1, high: 99 });
    // 1..5 at the 25th and 75th: h = 4·0.25 = 1 → 2, h = 3 → 4.
    const small = tableOf(num('x', [5, 1, 4, 2, 3]));
    expect(outliers.fit(small, rows(0, 1, 2, 3, 4), { columns: ['x'], method: 'percentile', lowerPercentile: 25, upperPercentile: 75, action: 'clip' }).bounds[0]).toEqual({ column: 'x', low: 2, high: 4 });
  });
});

describe('outliers: bad input', () => {
  it('refuses a text column', () => {
    expect(errorOf(() => outliers.fit(tableOf(cat('c', ['a'])), rows(0), { columns: ['c'], method: 'iqr', action: 'clip' })).code).toBe('not-numeric');
  });

  it('refuses percentiles in the wrong order when read from JSON', () => {
    const error = errorOf(() => outliers.parseParams({ columns: ['x'], method: 'percentile', lowerPercentile: 90, upperPercentile: 10, action: 'clip' }, 'p'));
    expect(error.code).toBe('invalid-recipe');
    expect(error.message).toContain('"p.upperPercentile" should be above lowerPercentile');
  });
});
