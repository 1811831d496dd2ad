import { describe, expect, it } from 'vitest';
import { encode } from '../../../../engine/prep/steps/encode.ts';
import { cat, columnNames, errorOf, num, numbersIn, rows, tableOf } from '../fixtures.ts';

describe('encode: one-hot', () => {
  // Training rows 0–3; "Italy" appears only in row 4, so it is unseen.
  const table = tableOf(cat('Geography', ['Spain', 'France', 'Germany', 'France', 'Italy', null]), num('Age', [1, 2, 3, 4, 5, 6]));
  const TRAIN = rows(0, 1, 2, 3);

  it('makes one 0/1 column per training level, sorted, in place of the column', () => {
    const state = encode.fit(table, TRAIN, { column: 'Geography', method: 'one-hot' });
    const out = encode.transform(table, state, 'prepare').table;
    expect(columnNames(out)).toEqual(['Geography=France', 'Geography=Germany', 'Geography=Spain', 'Age']);
    expect(numbersIn(out, 'Geography=France')).toEqual([0, 1, 0, 1, 0, null]);
    expect(numbersIn(out, 'Geography=Spain')).toEqual([1, 0, 0, 0, 0, null]);
  });

  it('gives an unseen level all zeros under the default policy and counts it', () => {
    const state = encode.fit(table, TRAIN, { column: 'Geography', method: 'one-hot' });
    const out = encode.transform(table, state, 'prepare');
    expect(['Geography=France', 'Geography=Germany', 'Geography=Spain'].map((n) => numbersIn(out.table, n)[4])).toEqual([0, 0, 0]);
    expect(out.cellsChanged).toBe(1);
  });

  it('fails preparation on an unseen level under the error policy, and rejects it at prediction', () => {
    const state = encode.fit(table, TRAIN, { column: 'Geography', method: 'one-hot', unseen: 'error' });
    const error = errorOf(() => encode.transform(table, state, 'prepare'));
    expect(error.code).toBe('unseen-category');
    expect(error.message).toContain('"Geography" has 1 row with values never seen in the training rows (first: "Italy")');
    const predicted = encode.transform(table, state, 'predict');
    expect(predicted.rejected).toEqual([{ row: 4, column: 'Geography', reason: '"Geography" is "Italy", a value never seen in the training rows.' }]);
    expect(Array.from(predicted.keptRows!)).toEqual([0, 1, 2, 3, 5]);
  });

  it('keeps the most frequent training levels and sends the rest to "(other)", which counts towards maxLevels', () => {
    // Training counts a×4, b×3, c×2, d×1, e×1; maxLevels 3 → a, b and (other) for c, d, e. "z" is unseen.
    const labels = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd', 'e', 'z'];
    const t = tableOf(cat('X', labels));
    const state = encode.fit(t, Int32Array.from({ length: 11 }, (_, i) => i), { column: 'X', method: 'one-hot', maxLevels: 3 });
    expect(state).toMatchObject({ levels: ['a', 'b'], otherLevels: ['c', 'd', 'e'] });
    const out = encode.transform(t, state, 'prepare').table;
    expect(columnNames(out)).toEqual(['X=a', 'X=b', 'X=(other)']);
    expect(numbersIn(out, 'X=(other)')).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]);
  });

  it('breaks frequency ties by label order when choosing the levels to keep', () => {
    const t = tableOf(cat('X', ['d', 'a', 'a', 'c', 'b']));
    const state = encode.fit(t, rows(0, 1, 2, 3, 4), { column: 'X', method: 'one-hot', maxLevels: 3 });
    expect(state).toMatchObject({ levels: ['a', 'b'], otherLevels: ['c', 'd'] });
  });

  it('reads numbers as labels, sorted as numbers', () => {
    const t = tableOf(num('code', [10, 9, 1, 10]));
    const out = encode.transform(t, encode.fit(t, rows(0, 1, 2, 3), { column: 'code', method: 'one-hot' }), 'prepare').table;
    expect(columnNames(out)).toEqual(['code=1', 'code=9', 'code=10']);
  });
});

describe('encode: ordinal', () => {
  it('codes levels in the user order, starting at 0', () => {
    const t = tableOf(cat('Size', ['high', 'low', 'medium', null]));
    const state = encode.fit(t, rows(0, 1, 2), { column: 'Size', method: 'ordinal', order: ['low', 'medium', 'high'] });
    expect(numbersIn(encode.transform(t, state, 'prepare').table, 'Size')).toEqual([2, 0, 1, null]);
  });

  it('refuses an order that misses a training level, naming it', () => {
    const t = tableOf(cat('Size', ['high', 'low', 'XL']));
    const error = errorOf(() => encode.fit(t, rows(0, 1, 2), { column: 'Size', method: 'ordinal', order: ['low', 'high'] }));
    expect(error.code).toBe('ordinal-order-incomplete');
    expect(error.message).toContain('"XL"');
  });
});

describe('encode: binary', () => {
  it('makes one column named after the positive level, the later label by default', () => {
    const t = tableOf(cat('Gender', ['Male', 'Female', 'Female']));
    const out = encode.transform(t, encode.fit(t, rows(0, 1, 2), { column: 'Gender', method: 'binary' }), 'prepare').table;
    expect(columnNames(out)).toEqual(['Gender=Male']);
    expect(numbersIn(out, 'Gender=Male')).toEqual([1, 0, 0]);
  });

  it('puts "yes" on 1 for a yes/no pair even where code-unit order would not', () => {
    // "YES" < "no" in code-unit order, yet YES is the positive one.
    const t = tableOf(cat('Smoker', ['no', 'YES']));
    expect(encode.fit(t, rows(0, 1), { column: 'Smoker', method: 'binary' })).toMatchObject({ negative: 'no', positive: 'YES' });
  });

  it('lets the user choose the positive level', () => {
    const t = tableOf(cat('Gender', ['Male', 'Female']));
    expect(encode.fit(t, rows(0, 1), { column: 'Gender', method: 'binary', positive: 'Female' })).toMatchObject({ negative: 'Male', positive: 'Female' });
  });

  it('refuses a column with one or three training levels, saying what to do', () => {
    expect(errorOf(() => encode.fit(tableOf(cat('c', ['a', 'a'])), rows(0, 1), { column: 'c', method: 'binary' })).message).toContain('Drop the column');
    expect(errorOf(() => encode.fit(tableOf(cat('c', ['a', 'b', 'c'])), rows(0, 1, 2), { column: 'c', method: 'binary' })).message).toContain('one-hot');
  });

  it('refuses an all-zeros policy for a binary encoding read from JSON', () => {
    expect(errorOf(() => encode.parseParams({ column: 'c', method: 'binary', unseen: 'zeros' }, 'p')).code).toBe('invalid-recipe');
  });
});
