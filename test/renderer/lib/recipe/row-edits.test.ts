/** The Row filters and Duplicates wizards' edits and input checks, on the titanic sample, checked by running prepare. */
import { describe, expect, it } from 'vitest';
import type { Recipe, RecipeStep } from '../../../../engine/prep/index.ts';
import { removeStep } from '../../../../renderer/src/lib/recipe/edits.ts';
import { describeStep } from '../../../../renderer/src/lib/recipe/view.ts';
import {
  addFilter,
  boundText,
  defaultFilter,
  duplicateColumnsProblem,
  duplicatesStep,
  filterSteps,
  parseRange,
  parseValues,
  setDuplicates,
  setFilter,
  toggledValue,
  valuesListed,
  valuesText,
  valueTicked,
  withRule,
} from '../../../../renderer/src/lib/recipe/row-edits.ts';
import { titanicFixture } from './fixtures.ts';

const { suggested, profiles, prepares } = await titanicFixture();

function removed(recipe: Recipe, stepId: string): number {
  return prepares(recipe).reports.find((r) => r.stepId === stepId)!.rowsRemoved;
}

describe('row filters', () => {
  it('starts a number column at its whole range and a text column at its most frequent value, removing nothing', () => {
    expect(defaultFilter(profiles.get('Age')!)).toEqual({ column: 'Age', rule: 'range', min: 0.42, max: 80, action: 'keep' });
    expect(defaultFilter(profiles.get('Embarked')!)).toEqual({ column: 'Embarked', rule: 'equals', values: ['S'], action: 'keep' });
    const withAge = addFilter(suggested, defaultFilter(profiles.get('Age')!));
    expect(filterSteps(withAge).map((s) => s.id)).toEqual(['filter-Age']);
    // Rows without an age never match a range: keeping the whole range removes exactly the 177 empty ages.
    expect(removed(withAge, 'filter-Age')).toBe(177);
  });

  it('keeps adults only, then removes them instead; the id stays so the list keeps its place', () => {
    let recipe = addFilter(suggested, { column: 'Age', rule: 'range', min: 18, action: 'keep' });
    // 891 passengers: 177 without an age, 113 under 18, 601 aged 18 or more.
    expect(removed(recipe, 'filter-Age')).toBe(290);
    recipe = setFilter(recipe, 'filter-Age', { column: 'Age', rule: 'range', min: 18, action: 'remove' });
    expect(removed(recipe, 'filter-Age')).toBe(601);
    expect(setFilter(recipe, 'filter-Age', filterSteps(recipe)[0]!.params)).toBe(recipe);
    expect(setFilter(recipe, 'nope', { column: 'Age', rule: 'is-missing', action: 'remove' })).toBe(recipe);
  });

  it('removes the rows of one port, and the rows without one, and names a second filter on a column apart', () => {
    let recipe = addFilter(suggested, { column: 'Embarked', rule: 'equals', values: ['Q'], action: 'remove' });
    recipe = addFilter(recipe, { column: 'Embarked', rule: 'is-missing', action: 'remove' });
    expect(filterSteps(recipe).map((s) => s.id)).toEqual(['filter-Embarked', 'filter-Embarked-2']);
    // 77 passengers embarked at Queenstown, 2 have no port.
    expect(removed(recipe, 'filter-Embarked')).toBe(77);
    expect(removed(recipe, 'filter-Embarked-2')).toBe(2);
    expect(prepares(removeStep(recipe, 'filter-Embarked')).reports.find((r) => r.stepId === 'filter-Embarked')).toBeUndefined();
  });

  it('changes the rule with the fields it needs, and keeps the action', () => {
    const age = profiles.get('Age')!;
    const start = { column: 'Age', rule: 'range', min: 18, action: 'remove' } as const;
    expect(withRule(age, start, 'is-missing')).toEqual({ column: 'Age', rule: 'is-missing', action: 'remove' });
    expect(withRule(age, start, 'range')).toBe(start);
    expect(withRule(profiles.get('Embarked')!, { column: 'Embarked', rule: 'is-missing', action: 'keep' }, 'equals')).toEqual({ column: 'Embarked', rule: 'equals', values: ['S'], action: 'keep' });
  });

  it('refuses a bound that is not a number, no bound at all, and bounds the wrong way round, saying what to type', () => {
    expect(parseRange('18', '', 'Age')).toEqual({ ok: true, value: { min: 18 } });
    expect(parseRange(' ', '65.5', 'Age')).toEqual({ ok: true, value: { max: 65.5 } });
    const text = parseRange('eighteen', '', 'Age');
    expect(text).toEqual({ ok: false, problem: expect.stringMatching(/^"eighteen" is not a number, and "Age" holds numbers\. Type the lowest value/) });
    expect(parseRange('', '', 'Age')).toEqual({ ok: false, problem: expect.stringContaining('needs a lowest value, a highest value or both') });
    expect(parseRange('65', '18', 'Age')).toEqual({ ok: false, problem: expect.stringContaining('The lowest value (65) is above the highest (18)') });
  });

  it('reads a date range as whole days, refusing what is not a year-month-day date', () => {
    expect(parseRange('1990-01-01', '1999-12-31', 'date', 'date')).toEqual({ ok: true, value: { min: Date.UTC(1990, 0, 1), max: Date.UTC(2000, 0, 1) - 1 } });
    expect(boundText(Date.UTC(2000, 0, 1) - 1, 'date')).toBe('1999-12-31');
    expect(boundText(Date.UTC(1990, 0, 1), 'date')).toBe('1990-01-01');
    expect(boundText(undefined, 'number')).toBe('');
    expect(parseRange('01/02/1990', '', 'date', 'date')).toEqual({ ok: false, problem: expect.stringMatching(/^"01\/02\/1990" is not a date, and "date" holds dates\. Type the lowest date as year-month-day/) });
    expect(parseRange('2000-01-01', '1990-01-01', 'date', 'date')).toEqual({ ok: false, problem: expect.stringContaining('The lowest value (2000-01-01) is above the highest (1990-01-01)') });
    const filter: RecipeStep = { id: 'since', kind: 'filter-rows', params: { column: 'date', rule: 'range', min: Date.UTC(1990, 0, 1), action: 'keep' } };
    expect(describeStep(filter, new Set(['date']))).toBe('Keep only rows where "date" is on or after 1990-01-01');
    expect(describeStep(filter)).toBe('Keep only rows where "date" is at least 631152000000');
  });

  it('reads values as numbers for a number column and as exact text otherwise, refusing text in a number column', () => {
    expect(parseValues('1, 2.5,,3, 1', profiles.get('Fare')!)).toEqual({ ok: true, value: [1, 2.5, 3] });
    expect(parseValues('S, Q', profiles.get('Embarked')!)).toEqual({ ok: true, value: ['S', 'Q'] });
    expect(parseValues('1, first', profiles.get('Fare')!)).toEqual({ ok: false, problem: expect.stringMatching(/^"first" is not a number, and "Fare" holds numbers/) });
    expect(parseValues(' , ', profiles.get('Embarked')!)).toEqual({ ok: false, problem: expect.stringContaining('at least one value') });
    expect(valuesText([1, 'S'])).toBe('1, S');
  });

  it('ticks the values of a boolean number column (0 and 1) as numbers, and of a category with few levels as text', () => {
    const survived = profiles.get('Survived')!;
    const embarked = profiles.get('Embarked')!;
    expect([valuesListed(survived), valuesListed(embarked), valuesListed(profiles.get('Fare')!), valuesListed(profiles.get('Name')!)]).toEqual([true, true, false, false]);
    expect(survived.top!.map((t) => t.value).sort()).toEqual(['0', '1']);
    expect(toggledValue([0], survived, '1', true)).toEqual([0, 1]);
    expect(toggledValue([0, 1], survived, '0', false)).toEqual([1]);
    expect(toggledValue(['S'], embarked, 'Q', true)).toEqual(['S', 'Q']);
    expect([valueTicked([1], survived, '1'), valueTicked([1], survived, '0'), valueTicked(['S'], embarked, 'S')]).toEqual([true, false, true]);
  });
});

describe('duplicate rows', () => {
  it('adds the step before the others, narrows it to some columns, and takes it away', () => {
    expect(duplicatesStep(suggested)).toBeUndefined();
    const whole = setDuplicates(suggested, {});
    expect(whole.steps[0]).toEqual({ id: 'drop-duplicates', kind: 'drop-duplicates', params: {} });
    // No titanic passenger appears twice.
    expect(removed(whole, 'drop-duplicates')).toBe(0);
    const bySex = setDuplicates(whole, { columns: ['Sex', 'Pclass'] });
    // 2 sexes × 3 classes: every other row repeats one of 6 combinations.
    expect(removed(bySex, 'drop-duplicates')).toBe(891 - 6);
    expect(setDuplicates(bySex, { columns: ['Sex', 'Pclass'] })).toBe(bySex);
    expect(duplicatesStep(setDuplicates(bySex, null))).toBeUndefined();
    expect(setDuplicates(suggested, null)).toBe(suggested);
  });

  it('asks for at least one column to compare', () => {
    expect(duplicateColumnsProblem([])).toMatch(/at least one column/);
    expect(duplicateColumnsProblem(['Sex'])).toBeNull();
  });
});
