import { describe, expect, it } from 'vitest';
import { impute } from '../../../../engine/prep/steps/impute.ts';
import { cat, columnNames, errorOf, labelsIn, num, numbersIn, rows, tableOf } from '../fixtures.ts';

// Rows 0–3 are the training rows; rows 4–5 play validation/test and must not influence anything learned.
const TRAIN = rows(0, 1, 2, 3);
const table = tableOf(num('Age', [10, null, 30, 40, null, 100]), cat('Port', ['b', 'a', null, 'a', 'b', null]));

describe('impute: learned fills', () => {
  it('fills with the training mean, not a mean that includes later rows', () => {
    const state = impute.fit(table, TRAIN, { columns: ['Age'], strategy: 'mean' });
    // (10 + 30 + 40) / 3; with row 5's 100 it would be 45.
    expect(state.columns[0]!.fill).toBe(80 / 3);
    const out = impute.transform(table, state, 'prepare');
    expect(numbersIn(out.table, 'Age')).toEqual([10, 80 / 3, 30, 40, 80 / 3, 100]);
    expect(out.cellsChanged).toBe(2);
  });

  it('fills with the training median', () => {
    const state = impute.fit(table, TRAIN, { columns: ['Age'], strategy: 'median' });
    expect(state.columns[0]!.fill).toBe(30);
  });

  it('fills a text column with its most frequent training label', () => {
    // Training labels b, a, (empty), a → "a"; over all rows a and b tie.
    const state = impute.fit(table, TRAIN, { columns: ['Port'], strategy: 'most-frequent' });
    expect(state.columns[0]!.fill).toBe('a');
    expect(labelsIn(impute.transform(table, state, 'prepare').table, 'Port')).toEqual(['b', 'a', 'a', 'a', 'b', 'a']);
  });

  it('fills with a constant, adding it as a new label when needed', () => {
    const state = impute.fit(table, TRAIN, { columns: ['Port'], strategy: 'constant', value: 'Unknown' });
    expect(labelsIn(impute.transform(table, state, 'prepare').table, 'Port')).toEqual(['b', 'a', 'Unknown', 'a', 'b', 'Unknown']);
  });

  it('adds a 0/1 "was missing" column right after the filled column', () => {
    const state = impute.fit(table, TRAIN, { columns: ['Age'], strategy: 'median', addIndicator: true });
    const out = impute.transform(table, state, 'prepare').table;
    expect(columnNames(out)).toEqual(['Age', 'Age (was missing)', 'Port']);
    expect(numbersIn(out, 'Age (was missing)')).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('adds no flag for a column without empty training cells (it would be constant)', () => {
    const complete = tableOf(num('Age', [1, 2, 3, null]));
    const state = impute.fit(complete, rows(0, 1, 2), { columns: ['Age'], strategy: 'mean', addIndicator: true });
    expect(state.columns[0]!.indicator).toBe(false);
    expect(columnNames(impute.transform(complete, state, 'prepare').table)).toEqual(['Age']);
  });
});

describe('impute: drop rows', () => {
  it('removes rows with an empty cell when preparing', () => {
    const state = impute.fit(table, TRAIN, { columns: ['Age', 'Port'], strategy: 'drop-rows' });
    const out = impute.transform(table, state, 'prepare');
    expect(Array.from(out.keptRows!)).toEqual([0, 3]);
    expect(numbersIn(out.table, 'Age')).toEqual([10, 40]);
  });

  it('rejects, never silently drops, a new row with an empty cell', () => {
    const state = impute.fit(table, TRAIN, { columns: ['Age'], strategy: 'drop-rows' });
    const out = impute.transform(table, state, 'predict');
    expect(out.rejected!.map((r) => [r.row, r.column])).toEqual([
      [1, 'Age'],
      [4, 'Age'],
    ]);
    expect(out.rejected![0]!.reason).toContain('"Age" is empty');
  });
});

describe('impute: bad input', () => {
  it('refuses a mean of a text column and says what to use instead', () => {
    const error = errorOf(() => impute.fit(table, TRAIN, { columns: ['Port'], strategy: 'mean' }));
    expect(error.code).toBe('not-numeric');
    expect(error.message).toContain('most frequent value or a constant');
  });

  it('refuses a column that is empty in every training row, even if later rows have values', () => {
    const sparse = tableOf(num('Cabin', [null, null, null, null, 7, 8]));
    expect(errorOf(() => impute.fit(sparse, TRAIN, { columns: ['Cabin'], strategy: 'median' })).code).toBe('all-missing-column');
    expect(errorOf(() => impute.fit(tableOf(cat('C', [null, null, 'x'])), rows(0, 1), { columns: ['C'], strategy: 'most-frequent' })).code).toBe('all-missing-column');
  });

  it('names a column that does not exist', () => {
    const error = errorOf(() => impute.fit(table, TRAIN, { columns: ['Agee'], strategy: 'mean' }));
    expect(error.code).toBe('missing-column');
    expect(error.message).toContain('"Agee"');
  });

  it('validates params read from JSON, naming the field', () => {
    expect(errorOf(() => impute.parseParams({ columns: ['Age'], strategy: 'avg' }, 'steps[1].params')).message).toContain('"steps[1].params.strategy" should be one of drop-rows, mean');
    expect(errorOf(() => impute.parseParams({ columns: ['Age'], strategy: 'constant' }, 'p')).message).toContain('"p.value"');
  });
});
