import { describe, expect, it } from 'vitest';
import { dropDuplicates } from '../../../../engine/prep/steps/drop-duplicates.ts';
import { cat, num, rows, tableOf } from '../fixtures.ts';

const table = tableOf(num('a', [1, 1, null, null, 1]), cat('b', ['x', 'x', 'y', 'y', 'z']));
const ALL = rows(0, 1, 2, 3, 4);

describe('drop-duplicates', () => {
  it('keeps the first of identical rows, two empty cells counting as equal', () => {
    const out = dropDuplicates.transform(table, dropDuplicates.fit(table, ALL, {}), 'prepare');
    expect(Array.from(out.keptRows!)).toEqual([0, 2, 4]);
  });

  it('compares only the chosen columns', () => {
    const out = dropDuplicates.transform(table, dropDuplicates.fit(table, ALL, { columns: ['a'] }), 'prepare');
    expect(Array.from(out.keptRows!)).toEqual([0, 2]);
  });

  it('never drops rows to predict', () => {
    const out = dropDuplicates.transform(table, dropDuplicates.fit(table, ALL, {}), 'predict');
    expect(out.keptRows).toBeUndefined();
    expect(out.table.rowCount).toBe(5);
  });
});
