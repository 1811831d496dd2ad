import { describe, expect, it } from 'vitest';
import { profileColumn, profileTable, quantile } from '../../../engine/table/profile.ts';
import { countDuplicateRows } from '../../../engine/table/duplicates.ts';
import { tableFromRows } from '../../../engine/table/records.ts';
import type { NumberColumn, Table } from '../../../engine/table/table.ts';

const numberColumn = (values: number[], type: NumberColumn['type'] = 'numeric'): NumberColumn => ({
  name: 'v',
  type,
  reason: '',
  storage: 'number',
  values: new Float64Array(values),
});

describe('profileColumn for numbers', () => {
  it('computes the pandas describe() figures', () => {
    // values 1, 2, 3, 4, 10 (and one missing): mean 4, sample variance (9+4+1+0+36)/4 = 12.5,
    // quartiles at positions 1, 2, 3 of the sorted values: 2, 3, 4.
    const profile = profileColumn(numberColumn([3, 1, NaN, 10, 2, 4]));
    expect(profile).toMatchObject({ count: 5, missing: 1, distinct: 5, min: 1, max: 10, mean: 4, q1: 2, median: 3, q3: 4 });
    expect(profile.std).toBeCloseTo(Math.sqrt(12.5), 12);
  });

  it('interpolates quartiles between ranks', () => {
    // Positions (4-1)·0.25 = 0.75 and (4-1)·0.5 = 1.5.
    const sorted = new Float64Array([1, 2, 3, 4]);
    expect(quantile(sorted, 0.25)).toBe(1.75);
    expect(quantile(sorted, 0.5)).toBe(2.5);
  });

  it('bins whole numbers with a small range one value per bin', () => {
    const profile = profileColumn(numberColumn([1, 3, 3, 2, 3], 'integer'));
    expect(profile.histogram).toEqual({ edges: [0.5, 1.5, 2.5, 3.5], counts: [1, 1, 3] });
  });

  it('bins other numbers into equal widths, the maximum in the last bin', () => {
    const profile = profileColumn(numberColumn([0, 1, 2, 3, 4, 10]), { bins: 5 });
    expect(profile.histogram).toEqual({ edges: [0, 2, 4, 6, 8, 10], counts: [2, 2, 1, 0, 1] });
    expect(profileColumn(numberColumn([5, 5])).histogram).toEqual({ edges: [5, 5], counts: [2] });
  });

  it('lists boolean counts and leaves mean and std out for dates', () => {
    expect(profileColumn(numberColumn([1, 0, 1, 1], 'boolean')).top).toEqual([
      { value: '1', count: 3 },
      { value: '0', count: 1 },
    ]);
    const dates = profileColumn(numberColumn([Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)], 'datetime'));
    expect(dates.mean).toBeUndefined();
    expect(dates.min).toBe(Date.UTC(2020, 0, 1));
  });

  it('reports an all-missing column without statistics', () => {
    const profile = profileColumn(numberColumn([NaN, NaN]));
    expect(profile).toMatchObject({ count: 0, missing: 2, distinct: 0 });
    expect(profile.min).toBeUndefined();
    expect(profile.histogram).toBeUndefined();
  });
});

describe('profileTable', () => {
  it('lists the top categories by count and counts memory', () => {
    const { table } = tableFromRows(['city', 'n'], [['Paris', 1], ['Lyon', 2], ['Paris', 3], [null, 4], ['Nice', 5], ['Paris', 6]]);
    const profile = profileTable(table, { top: 2 });
    expect(profile.rows).toBe(6);
    expect(profile.columns[0]).toMatchObject({ count: 5, missing: 1, distinct: 3, top: [{ value: 'Paris', count: 3 }, { value: 'Lyon', count: 1 }] });
    expect(profile.memoryBytes).toBe(6 * 4 + (2 * 'Lyon'.length + 32) + (2 * 'Nice'.length + 32) + (2 * 'Paris'.length + 32) + 6 * 8);
  });
});

describe('countDuplicateRows', () => {
  it('counts rows equal to an earlier one, missing equal to missing, as pandas duplicated()', () => {
    const table: Table = {
      rowCount: 6,
      columns: [
        numberColumn([1, 1, NaN, NaN, 0, -0]),
        { name: 'c', type: 'categorical', reason: '', storage: 'category', levels: ['a', 'b'], codes: new Int32Array([0, 0, -1, -1, 1, 1]) },
      ],
    };
    expect(countDuplicateRows(table)).toBe(3);
  });

  it('does not count rows that differ in one column only', () => {
    const { table } = tableFromRows(['a', 'b'], [[1, 'x'], [1, 'y'], [2, 'x'], [1, 'x']]);
    expect(countDuplicateRows(table)).toBe(1);
  });
});
