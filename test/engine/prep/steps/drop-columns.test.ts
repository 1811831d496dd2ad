import { describe, expect, it } from 'vitest';
import { dropColumns } from '../../../../engine/prep/steps/drop-columns.ts';
import { cat, columnNames, errorOf, num, rows, tableOf } from '../fixtures.ts';

describe('drop-columns', () => {
  const table = tableOf(num('RowNumber', [1, 2]), cat('Surname', ['Hargrave', 'Hill']), num('Age', [42, 41]));

  it('removes the named columns and keeps the order of the rest', () => {
    const out = dropColumns.transform(table, dropColumns.fit(table, rows(0), { columns: ['Surname', 'RowNumber'] }), 'prepare');
    expect(columnNames(out.table)).toEqual(['Age']);
  });

  it('accepts rows to predict that already lack a dropped column', () => {
    const state = dropColumns.fit(table, rows(0), { columns: ['Surname'] });
    const without = tableOf(num('Age', [30]));
    expect(columnNames(dropColumns.transform(without, state, 'predict').table)).toEqual(['Age']);
  });

  it('names a column that is not there when fitting', () => {
    expect(errorOf(() => dropColumns.fit(table, rows(0), { columns: ['Surnam'] })).message).toContain('"Surnam"');
  });
});
