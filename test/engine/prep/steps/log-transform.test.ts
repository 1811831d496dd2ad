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

  it('refuses a text column', () => {
    expect(errorOf(() => logTransform.fit(tableOf(cat('c', ['a'])), rows(0), { columns: ['c'] })).code).toBe('not-numeric');
  });
});
