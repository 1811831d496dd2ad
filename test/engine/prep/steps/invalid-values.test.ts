import { describe, expect, it } from 'vitest';
import { invalidValues } from '../../../../engine/prep/steps/invalid-values.ts';
import { cat, labelsIn, num, numbersIn, rows, tableOf } from '../fixtures.ts';

const table = tableOf(num('Glucose', [0, 148, 85, Infinity, null, -Infinity]), cat('Gender', ['Male', 'Female', 'Unknown/Invalid', 'Male', null, 'Female']));
const ALL = rows(0, 1, 2, 3, 4, 5);

describe('invalid-values', () => {
  it('turns values outside an allowed range, and infinities, into empty cells', () => {
    const state = invalidValues.fit(table, ALL, { column: 'Glucose', rule: 'range', min: 1, action: 'missing' });
    const out = invalidValues.transform(table, state, 'prepare');
    expect(numbersIn(out.table, 'Glucose')).toEqual([null, 148, 85, null, null, null]);
    expect(out.cellsChanged).toBe(3);
  });

  it('turns labels outside an allowed set into empty cells', () => {
    const state = invalidValues.fit(table, ALL, { column: 'Gender', rule: 'set', values: ['Male', 'Female'], action: 'missing' });
    expect(labelsIn(invalidValues.transform(table, state, 'prepare').table, 'Gender')).toEqual(['Male', 'Female', null, 'Male', null, 'Female']);
  });

  it('with the finite rule, touches only Infinity literals', () => {
    const state = invalidValues.fit(table, ALL, { column: 'Glucose', rule: 'finite', action: 'missing' });
    expect(numbersIn(invalidValues.transform(table, state, 'prepare').table, 'Glucose')).toEqual([0, 148, 85, null, null, null]);
  });

  it('drops rows when preparing and rejects them with the rule at prediction', () => {
    const state = invalidValues.fit(table, ALL, { column: 'Glucose', rule: 'range', min: 1, max: 500, action: 'drop-row' });
    expect(Array.from(invalidValues.transform(table, state, 'prepare').keptRows!)).toEqual([1, 2, 4]);
    const rejected = invalidValues.transform(table, state, 'predict').rejected!;
    expect(rejected.map((r) => r.row)).toEqual([0, 3, 5]);
    expect(rejected[0]!.reason).toBe('"Glucose" is 0, which is not allowed (allowed: from 1 to 500); the recipe drops such rows.');
  });
});
