import { describe, expect, it } from 'vitest';
import { logTransform, signedLog1p } from '../../../../engine/prep/steps/log-transform.ts';
import { cat, errorOf, num, numbersIn, rows, tableOf } from '../fixtures.ts';

describe('log-transform', () => {
  it('is log1p for non-negative values, 0 at 0, and mirrored for negative values', () => {
    const t = tableOf(num('Fare', [0, Math.E - 1, 99, -(Math.E - 1), null]));
    const out = logTransform.transform(t, logTransform.fit(t, rows(0), { columns: ['Fare'] }), 'prepare').table;
    expect(numbersIn(out, 'Fare')).toEqual([0, Math.log1p(Math.E - 1), Math.log(100), -Math.log1p(Math.E - 1), null]);
    expect(signedLog1p(-99)).toBe(-Math.log(100));
  });

  it('says how the skewness changed, column by column, when preparing', () => {
    // Fare 0, e − 1, e² − 1, e³ − 1, e⁶ − 1 → 0, 1, 2, 3, 6: mean 2.4, deviations −2.4, −1.4, −0.4, 0.6, 3.6;
    // m2 = (5.76 + 1.96 + 0.16 + 0.36 + 12.96) / 5 = 4.24; m3 = (−13.824 − 2.744 − 0.064 + 0.216 + 46.656) / 5 = 6.048;
    // after = 6.048 / 4.24^1.5 = 0.69273… Before, the same formula on 0, 1.718, 6.389, 19.086, 402.429 gives 1.4934….
    // Flat −1, 0, 1 is symmetric before and after.
    const fare = [0, 1, 2, 3, 6].map((k) => Math.expm1(k));
    const t = tableOf(num('Fare', fare), num('Flat', [-1, 0, 1, null, null]));
    const output = logTransform.transform(t, logTransform.fit(t, rows(5), { columns: ['Fare', 'Flat'] }), 'prepare');
    expect(output.note).toBe('log-transformed 2 columns (skewness "Fare" 1.49 → 0.69, "Flat" 0.00 → 0.00)');
    expect(logTransform.transform(t, { columns: ['Fare'] }, 'predict').note).toBe('log-transformed 1 column');
  });

  it('refuses a text column', () => {
    expect(errorOf(() => logTransform.fit(tableOf(cat('c', ['a'])), rows(0), { columns: ['c'] })).code).toBe('not-numeric');
  });
});
