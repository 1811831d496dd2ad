import { describe, expect, it } from 'vitest';
import { describeFilter, filterRows } from '../../../../engine/prep/steps/filter-rows.ts';
import type { FilterRowsParams } from '../../../../engine/prep/steps/params.ts';
import { cat, dates, errorOf, num, rows, tableOf } from '../fixtures.ts';

const table = tableOf(num('Age', [17, 18, 60, 61, null]), cat('Country', ['FR', 'Test', 'DE', 'FR', null]));
const ALL = rows(0, 1, 2, 3, 4);

function kept(params: FilterRowsParams): number[] {
  const out = filterRows.transform(table, filterRows.fit(table, ALL, params), 'prepare');
  return out.keptRows ? Array.from(out.keptRows) : [0, 1, 2, 3, 4];
}

describe('filter-rows', () => {
  it('keeps a closed range; an empty cell is not in any range', () => {
    expect(kept({ column: 'Age', rule: 'range', min: 18, max: 60, action: 'keep' })).toEqual([1, 2]);
    expect(kept({ column: 'Age', rule: 'range', min: 60, action: 'remove' })).toEqual([0, 1, 4]);
  });

  it('matches labels exactly and numbers as numbers', () => {
    expect(kept({ column: 'Country', rule: 'equals', values: ['Test'], action: 'remove' })).toEqual([0, 2, 3, 4]);
    expect(kept({ column: 'Age', rule: 'equals', values: ['18', 61], action: 'keep' })).toEqual([1, 3]);
  });

  it('matches empty cells', () => {
    expect(kept({ column: 'Age', rule: 'is-missing', action: 'remove' })).toEqual([0, 1, 2, 3]);
  });

  it('rejects a new row the filter would remove, quoting the rule', () => {
    const state = filterRows.fit(table, ALL, { column: 'Age', rule: 'range', min: 18, max: 60, action: 'keep' });
    const out = filterRows.transform(table, state, 'predict');
    expect(out.rejected!.map((r) => r.row)).toEqual([0, 3, 4]);
    expect(out.rejected![0]!.reason).toBe('"Age" is 17, and the model was trained only on rows where "Age" is from 18 to 60.');
  });

  it('quotes a date rule and a date cell as dates, not as the milliseconds they are stored as', () => {
    const matches = tableOf(dates('date', ['1929-06-30', '1930-01-01', '1931-02-03T18:45:00Z']));
    const since = filterRows.fit(matches, rows(0, 1, 2), { column: 'date', rule: 'range', min: Date.UTC(1930, 0, 1), action: 'keep' });
    expect(filterRows.transform(matches, since, 'predict').rejected![0]!.reason).toBe('"date" is 1929-06-30, and the model was trained only on rows where "date" is on or after 1930-01-01.');
    const late = filterRows.fit(matches, rows(0, 1, 2), { column: 'date', rule: 'range', min: Date.UTC(1931, 1, 3, 12), action: 'remove' });
    expect(filterRows.transform(matches, late, 'predict').rejected![0]!.reason).toBe('"date" is 1931-02-03 18:45:00, and the recipe removes rows where "date" is on or after 1931-02-03 12:00:00.');
    // Up to the last millisecond of a day is that whole day.
    expect(describeFilter({ column: 'date', rule: 'range', max: Date.UTC(1930, 0, 2) - 1, action: 'keep' }, true)).toBe('Keep only rows where "date" is on or before 1930-01-01');
    expect(describeFilter({ column: 'date', rule: 'range', min: 0, max: Date.UTC(1930, 0, 2), action: 'remove' }, true)).toBe('Remove rows where "date" is from 1970-01-01 to 1930-01-02');
  });

  it('refuses a range on a text column', () => {
    expect(errorOf(() => filterRows.fit(table, ALL, { column: 'Country', rule: 'range', min: 1, action: 'keep' })).code).toBe('not-numeric');
  });

  it('refuses a range without bounds when read from JSON', () => {
    expect(errorOf(() => filterRows.parseParams({ column: 'Age', rule: 'range', action: 'keep' }, 'p')).message).toContain('"p.min" should be a number (a range filter needs "min", "max" or both)');
  });
});
