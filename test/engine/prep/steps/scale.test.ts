import { describe, expect, it } from 'vitest';
import { scale } from '../../../../engine/prep/steps/scale.ts';
import { cat, errorOf, num, numbersIn, rows, tableOf } from '../fixtures.ts';

// Rows 0–3 train; row 4 (100) is a test row: a scaler that saw it would have mean 22, not 2.5.
const table = tableOf(num('x', [1, 2, 3, 4, 100, null]));
const TRAIN = rows(0, 1, 2, 3);

describe('scale', () => {
  it('standardizes with the training mean and population std', () => {
    // mean 2.5; deviations ±1.5, ±0.5 → variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    const state = scale.fit(table, TRAIN, { columns: ['x'], method: 'standard' });
    expect(state.columns[0]).toEqual({ column: 'x', center: 2.5, scale: Math.sqrt(1.25) });
    const out = numbersIn(scale.transform(table, state, 'prepare').table, 'x');
    expect(out.slice(0, 5)).toEqual([1, 2, 3, 4, 100].map((v) => (v - 2.5) / Math.sqrt(1.25)));
    expect(out[5]).toBeNull();
  });

  it('rescales with the training min and max, leaving later values outside 0–1 as scikit-learn does', () => {
    const t = tableOf(num('x', [2, 10, 4, 6, 18]));
    const state = scale.fit(t, rows(0, 1, 2), { columns: ['x'], method: 'min-max' });
    expect(state.columns[0]).toEqual({ column: 'x', center: 2, scale: 8 });
    expect(numbersIn(scale.transform(t, state, 'prepare').table, 'x')).toEqual([0, 1, 0.25, 0.5, 2]);
  });

  it('robust-scales with the training median and IQR', () => {
    // Training 1 2 3 4 100 → median 3, Q1 2, Q3 4, IQR 2.
    const t = tableOf(num('x', [1, 2, 3, 4, 100, 5]));
    const state = scale.fit(t, rows(0, 1, 2, 3, 4), { columns: ['x'], method: 'robust' });
    expect(state.columns[0]).toEqual({ column: 'x', center: 3, scale: 2 });
    expect(numbersIn(scale.transform(t, state, 'prepare').table, 'x')).toEqual([-1, -0.5, 0, 0.5, 48.5, 1]);
  });

  it('turns a constant column into zeros instead of dividing by zero', () => {
    const t = tableOf(num('c', [5, 5, 5, 7]));
    for (const method of ['standard', 'min-max', 'robust'] as const) {
      const state = scale.fit(t, rows(0, 1, 2), { columns: ['c'], method });
      expect(state.columns[0]!.scale).toBe(1);
      expect(numbersIn(scale.transform(t, state, 'prepare').table, 'c')).toEqual([0, 0, 0, 2]);
    }
  });

  it('treats a constant column whose float mean is off by an ulp as constant', () => {
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004, so the mean is 0.10000000000000002 and the naive std ~1e-17.
    const t = tableOf(num('c', [0.1, 0.1, 0.1]));
    const state = scale.fit(t, rows(0, 1, 2), { columns: ['c'], method: 'standard' });
    expect(state.columns[0]!.scale).toBe(1);
    for (const v of numbersIn(scale.transform(t, state, 'prepare').table, 'c')) expect(Math.abs(v!)).toBeLessThan(1e-15);
  });

  it('refuses a text column, and a column empty in all training rows', () => {
    expect(errorOf(() => scale.fit(tableOf(cat('g', ['a', 'b'])), rows(0, 1), { columns: ['g'], method: 'standard' })).code).toBe('not-numeric');
    expect(errorOf(() => scale.fit(tableOf(num('e', [null, null, 3])), rows(0, 1), { columns: ['e'], method: 'standard' })).code).toBe('all-missing-column');
  });
});
