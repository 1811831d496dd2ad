import { describe, expect, it } from 'vitest';
import { dateParts, datePartValue } from '../../../../engine/prep/steps/date-parts.ts';
import { columnNames, dates, errorOf, num, numbersIn, rows, tableOf } from '../fixtures.ts';

describe('date-parts', () => {
  it('replaces a date with its year, month and day of week (Monday = 0)', () => {
    // 2024-03-15 was a Friday (4), 2023-01-01 a Sunday (6), 1872-11-30 a Saturday (5).
    const t = tableOf(dates('date', ['2024-03-15', '2023-01-01', '1872-11-30', null]), num('x', [1, 2, 3, 4]));
    const out = dateParts.transform(t, dateParts.fit(t, rows(0), { column: 'date' }), 'prepare').table;
    expect(columnNames(out)).toEqual(['date (year)', 'date (month)', 'date (day of week)', 'x']);
    expect(numbersIn(out, 'date (year)')).toEqual([2024, 2023, 1872, null]);
    expect(numbersIn(out, 'date (month)')).toEqual([3, 1, 11, null]);
    expect(numbersIn(out, 'date (day of week)')).toEqual([4, 6, 5, null]);
  });

  it('keeps only the parts asked for', () => {
    const t = tableOf(dates('d', ['2024-03-15']));
    expect(columnNames(dateParts.transform(t, dateParts.fit(t, rows(0), { column: 'd', parts: ['month'] }), 'prepare').table)).toEqual(['d (month)']);
  });

  it('gives the day of the month when asked, and keeps year, month and weekday as the default', () => {
    const t = tableOf(dates('d', ['2024-02-29', '1999-12-31T23:59:59Z', null]));
    const out = dateParts.transform(t, dateParts.fit(t, rows(0), { column: 'd', parts: ['day', 'year'] }), 'prepare').table;
    expect(columnNames(out)).toEqual(['d (day of month)', 'd (year)']);
    expect(numbersIn(out, 'd (day of month)')).toEqual([29, 31, null]);
    expect(dateParts.fit(t, rows(0), { column: 'd' }).parts).toEqual(['year', 'month', 'day-of-week']);
    expect(datePartValue('day', Date.parse('2024-03-15'))).toBe(15);
    expect(datePartValue('day-of-week', Date.parse('2024-03-15'))).toBe(4);
    expect(datePartValue('year', NaN)).toBeNaN();
  });

  it('refuses a column that is not a date', () => {
    const error = errorOf(() => dateParts.fit(tableOf(num('n', [1])), rows(0), { column: 'n' }));
    expect(error.code).toBe('not-a-date');
    expect(error.message).toContain('"n" is not a date column');
  });
});
