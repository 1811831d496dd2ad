import { describe, expect, it } from 'vitest';
import { median, mean, mostFrequentLabel, mostFrequentNumber, populationStd, presentValues, quantile, skewness, sortedCopy } from '../../../engine/prep/stats.ts';
import { cat, errorOf, num, rows } from './fixtures.ts';

describe('quantile', () => {
  it('interpolates linearly between order statistics like numpy.percentile', () => {
    const sorted = Float64Array.of(1, 2, 3, 4);
    // h = (n − 1)·q: q = .25 → h = 0.75 → 1 + 0.75·(2 − 1) = 1.75; q = .75 → h = 2.25 → 3 + 0.25 = 3.25.
    expect(quantile(sorted, 0.25)).toBe(1.75);
    expect(quantile(sorted, 0.75)).toBe(3.25);
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(4);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median(Float64Array.of(1, 3, 8))).toBe(3);
    expect(median(Float64Array.of(1, 3, 8, 10))).toBe(5.5);
  });

  it('never returns -0, which JSON would turn into 0', () => {
    expect(Object.is(median(Float64Array.of(-0)), 0)).toBe(true);
  });
});

describe('mean and population std', () => {
  it('divides the squared deviations by n (ddof = 0), as StandardScaler does', () => {
    const values = Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9);
    // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32/8 = 4 → std 2 (ddof = 1 would give 2.138).
    expect(mean(values)).toBe(5);
    expect(populationStd(values, 5)).toBe(2);
  });
});

describe('most frequent', () => {
  it('breaks a tie towards the smallest number, as SimpleImputer does', () => {
    expect(mostFrequentNumber(sortedCopy(Float64Array.of(7, 3, 7, 3, 1)))).toBe(3);
  });

  it('breaks a tie towards the first label in code-unit order and skips empty cells', () => {
    const column = cat('c', ['b', 'a', null, 'b', 'a', null, null]);
    expect(mostFrequentLabel(column, rows(0, 1, 2, 3, 4, 5, 6))).toBe('a');
    expect(mostFrequentLabel(column, rows(0, 1, 3))).toBe('b');
  });
});

describe('presentValues', () => {
  it('skips empty cells and keeps only the rows asked for', () => {
    expect(Array.from(presentValues(num('x', [1, null, 3, 4]), rows(0, 1, 2), 'the mean'))).toEqual([1, 3]);
  });

  it('refuses infinite values with a message naming the column and the fix', () => {
    const error = errorOf(() => presentValues(num('Income', [1, Infinity, 3]), rows(0, 1, 2), 'scaling'));
    expect(error.code).toBe('non-finite-value');
    expect(error.message).toContain('"Income"');
    expect(error.message).toContain('invalid values');
  });

  it('refuses a column that is empty in every training row', () => {
    const error = errorOf(() => presentValues(num('Cabin', [null, null, 5]), rows(0, 1), 'the median'));
    expect(error.code).toBe('all-missing-column');
    expect(error.message).toContain('"Cabin" is empty in all 2 training rows');
  });
});

describe('skewness', () => {
  it('is m3 / m2^1.5 with population moments, empty cells skipped', () => {
    // 1, 2, 3, 10: mean 4, deviations −3, −2, −1, 6; m2 = (9 + 4 + 1 + 36) / 4 = 12.5;
    // m3 = (−27 − 8 − 1 + 216) / 4 = 45; g1 = 45 / 12.5^1.5 = 45 / 44.19417… = 1.018233…
    expect(skewness(Float64Array.of(1, NaN, 2, 3, 10))).toBeCloseTo(1.0182337649, 9);
    // Mirrored, the tail is on the left.
    expect(skewness(Float64Array.of(-1, -2, -3, -10))).toBeCloseTo(-1.0182337649, 9);
  });

  it('is 0 for a symmetric spread, a constant column and no values at all', () => {
    expect(skewness(Float64Array.of(1, 2, 3))).toBe(0);
    expect(skewness(Float64Array.of(5, 5, 5))).toBe(0);
    expect(skewness(Float64Array.of(NaN))).toBe(0);
  });
});
