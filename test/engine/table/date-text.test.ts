import { describe, expect, it } from 'vitest';
import { decideDateOrder, formatDate, parseDateText } from '../../../engine/table/date-text.ts';

describe('parseDateText', () => {
  it('reads ISO dates and date-times as UTC milliseconds', () => {
    expect(parseDateText('1872-11-30')).toBe(Date.UTC(1872, 10, 30));
    expect(parseDateText('2020-01-31T14:05:00Z')).toBe(Date.UTC(2020, 0, 31, 14, 5));
    expect(parseDateText('2020-01-31 14:05')).toBe(Date.UTC(2020, 0, 31, 14, 5));
    expect(parseDateText('2020-01-31T14:05:06.250')).toBe(Date.UTC(2020, 0, 31, 14, 5, 6, 250));
  });

  it('applies a written time zone', () => {
    expect(parseDateText('2020-01-31T14:05:00+02:00')).toBe(Date.UTC(2020, 0, 31, 12, 5));
    expect(parseDateText('2020-01-31T14:05:00-0130')).toBe(Date.UTC(2020, 0, 31, 15, 35));
  });

  it('reads dotted dates day first and slash dates in the order given', () => {
    expect(parseDateText('31.01.2020')).toBe(Date.UTC(2020, 0, 31));
    expect(parseDateText('2020/01/31')).toBe(Date.UTC(2020, 0, 31));
    expect(parseDateText('03/04/2020', 'dmy')).toBe(Date.UTC(2020, 3, 3));
    expect(parseDateText('03/04/2020', 'mdy')).toBe(Date.UTC(2020, 2, 4));
    expect(parseDateText('3/4/2020 2:30 PM', 'mdy')).toBe(Date.UTC(2020, 2, 4, 14, 30));
    expect(parseDateText('3/4/2020 12:10 am', 'mdy')).toBe(Date.UTC(2020, 2, 4, 0, 10));
  });

  it('refuses impossible dates and things that only look like dates', () => {
    for (const text of ['2021-02-29', '2020-13-01', '2020-04-31', '2020-01-01T24:00', '31/01/2020 13:00 PM', '2020', '250.83', '[0-10)', '12-2020']) {
      expect(parseDateText(text, 'dmy'), text).toBeNaN();
    }
    expect(parseDateText('2020-02-29')).toBe(Date.UTC(2020, 1, 29));
  });
});

describe('decideDateOrder', () => {
  it('takes the order a day above 12 proves, and says which value proved it', () => {
    expect(decideDateOrder(['01/02/2020', '31/01/2020'], false)).toEqual({ order: 'dmy', evidence: '31/01/2020', conflict: false });
    expect(decideDateOrder(['01/02/2020', '01/31/2020'], true)).toEqual({ order: 'mdy', evidence: '01/31/2020', conflict: false });
  });

  it('falls back to the file convention when nothing proves it, and flags contradictions', () => {
    expect(decideDateOrder(['01/02/2020'], true)).toEqual({ order: 'dmy', evidence: null, conflict: false });
    expect(decideDateOrder(['01/02/2020'], false)).toEqual({ order: 'mdy', evidence: null, conflict: false });
    expect(decideDateOrder(['31/01/2020', '01/31/2020'], false).conflict).toBe(true);
  });
});

describe('formatDate', () => {
  it('writes midnight as a date and other times in full ISO', () => {
    expect(formatDate(Date.UTC(1872, 10, 30))).toBe('1872-11-30');
    expect(formatDate(Date.UTC(2020, 0, 31, 14, 5))).toBe('2020-01-31T14:05:00Z');
    expect(formatDate(Date.UTC(2020, 0, 31, 14, 5, 6, 250))).toBe('2020-01-31T14:05:06.250Z');
  });
});
