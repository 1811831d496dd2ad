import { describe, expect, it } from 'vitest';
import { defaultRecipe, targetCandidates } from '../../../engine/prep/target-choice.ts';
import { cat, errorOf, num, tableOf } from './fixtures.ts';

const x = num('x', [1, 2, 3, 4, 5, 6, 7, 8]);
const label = cat('label', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
const constant = cat('constant', ['same', 'same', 'same', 'same', 'same', 'same', 'same', 'same']);

describe('targetCandidates', () => {
  it('tries the preferred column first, then the suggestion ranking, and never a column that should not be the target', () => {
    expect(targetCandidates(tableOf(x, label, constant), { preferredTarget: 'x' })).toEqual(['x', 'label']);
  });

  it('ignores a preferred column the table does not have', () => {
    expect(targetCandidates(tableOf(x, label), { preferredTarget: 'species' })).toEqual(['label', 'x']);
  });

  it('ranks as suggestTarget does: a year in the last column comes after a label in the first', () => {
    const year = num('year', [2007, 2008, 2009, 2007, 2008, 2009, 2007, 2008]);
    expect(targetCandidates(tableOf(label, x, year))).toEqual(['label', 'x']);
  });
});

describe('defaultRecipe', () => {
  it('predicts the last column when the engine accepts it', () => {
    expect(defaultRecipe(tableOf(x, label)).target).toMatchObject({ column: 'label', task: 'binary' });
  });

  it('predicts the preferred column over the last one', () => {
    expect(defaultRecipe(tableOf(label, x), { preferredTarget: 'label' }).target.column).toBe('label');
  });

  it('goes back from a last column that cannot be predicted (one class) to the next one that can', () => {
    expect(defaultRecipe(tableOf(x, label, constant)).target.column).toBe('label');
  });

  it('says why the first candidate was refused when no column can be predicted', () => {
    const error = errorOf(() => defaultRecipe(tableOf(label, constant)));
    expect(error.code).toBe('no-features');
  });

  it('says no column looks predictable rather than predicting one that should not be', () => {
    const error = errorOf(() => defaultRecipe(tableOf(constant, cat('other', ['k', 'k', 'k', 'k', 'k', 'k', 'k', 'k']))));
    expect(error.code).toBe('no-target');
    expect(error.message).toMatch(/^No column of this table looks like something to predict/);
  });
});
