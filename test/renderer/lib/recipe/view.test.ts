import { describe, expect, it } from 'vitest';
import type { Recipe } from '../../../../engine/prep/index.ts';
import { shownColumn } from '../../../../renderer/src/lib/recipe/view.ts';

const columns = [{ name: 'Age' }, { name: 'Fare' }, { name: 'SibSp' }];
const recipe = {
  steps: [
    { id: 'out-1', kind: 'outliers', params: { columns: ['Fare'] } },
    { id: 'log-1', kind: 'log-transform', params: { columns: ['SibSp', 'Fare'] } },
  ],
} as unknown as Recipe;

describe('the column a per-column wizard shows', () => {
  it('is the first column of the step being edited, when it is of the wizard’s kind', () => {
    expect(shownColumn(columns, recipe, 'log-1', 'log-transform', 'Age')?.name).toBe('SibSp');
    expect(shownColumn(columns, recipe, 'out-1', 'outliers', null)?.name).toBe('Fare');
  });

  it('is the picked one when the step being edited is of another kind, or none is', () => {
    expect(shownColumn(columns, recipe, 'out-1', 'log-transform', 'Age')?.name).toBe('Age');
    expect(shownColumn(columns, recipe, null, 'outliers', 'SibSp')?.name).toBe('SibSp');
  });

  it('is the first column otherwise, and none when there are no columns', () => {
    expect(shownColumn(columns, recipe, null, 'outliers', 'Gone')?.name).toBe('Age');
    expect(shownColumn([], recipe, 'out-1', 'outliers', null)).toBeUndefined();
  });
});
