/** Targets that would train without a word and teach nothing: refused or warned about, with what to do. */
import { describe, expect, it } from 'vitest';
import { prepare } from '../../../engine/prep/prepare.ts';
import { defaultRecipe } from '../../../engine/prep/target-choice.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { mean, populationStd } from '../../../engine/prep/stats.ts';
import type { Table } from '../../../engine/table/table.ts';
import { cat, errorOf, num, tableOf } from './fixtures.ts';

const n = 60;
const x = () => num('x', Array.from({ length: n }, (_, i) => (i * 37) % 11));

function run(table: Table, target: Recipe['target'], steps: Recipe['steps'] = []) {
  return prepare(table, { version: 1, target, split: { train: 0.7, validation: 0.1, test: 0.2, stratify: true, seed: 42 }, steps });
}

describe('suspicious targets', () => {
  it('refuses a row identifier, saying why it looks like one and what to do', () => {
    const ids = { ...num('row_id', Array.from({ length: n }, (_, i) => i + 1), 'id'), reason: 'every value is different, 1 to 60 in sequence like a row number → ID-like' };
    const error = errorOf(() => run(tableOf(x(), ids), { column: 'row_id' }));
    expect(error.code).toBe('target-is-id');
    expect(error.message).toBe(
      'The target "row_id" looks like a row identifier (every value is different, 1 to 60 in sequence like a row number): a network cannot learn it from the other columns. ' +
        'Choose the column you want to predict as the target; if "row_id" really is a quantity or a class, set its type first (numeric, integer or categorical: in the Data step, or with --type).',
    );
    expect(() => run(tableOf(x(), { ...ids, type: 'integer' }), { column: 'row_id' }), 'the same numbers typed as integers train').not.toThrow();
  });

  it("is passed over by the first recipe of a table whose last column is a row identifier", () => {
    const ids = { ...num('row_id', Array.from({ length: n }, (_, i) => i + 1), 'id'), reason: 'every value is different, 1 to 60 in sequence like a row number → ID-like' };
    const answers = cat('answer', Array.from({ length: n }, (_, i) => (i % 3 ? 'yes' : 'no')));
    expect(defaultRecipe(tableOf(x(), answers, ids)).target.column).toBe('answer');
  });

  it('refuses classes that each occur once', () => {
    const error = errorOf(() => run(tableOf(x(), cat('name', Array.from({ length: n }, (_, i) => `class ${i}`))), { column: 'name' }));
    expect(error).toMatchObject({ code: 'target-unique', message: expect.stringMatching(/^The target "name" has 60 classes among 60 rows, each occurring once: no class can be both learned and tested\. Choose a target whose values repeat/) });
  });

  it('warns about classes spelt differently only in capitals, and about classes seen once', () => {
    const answers = Array.from({ length: n }, (_, i) => ['yes', 'Yes', 'no', 'YES', 'No'][i % 5]!);
    answers[7] = 'maybe';
    const prepared = run(tableOf(x(), cat('answer', answers)), { column: 'answer' });
    const target = prepared.reports.find((r) => r.stepId === 'target')!;
    expect(target.warnings).toEqual([
      'The target "answer" has classes that differ only in capitals or spaces ("yes", "Yes", "YES"; "no", "No"): each is learned as a class of its own. Write each class one way in the file (or filter the odd spellings out), then load it again.',
      '1 of the 6 classes of "answer" occur in one row only ("maybe"): they stay in the training rows, so the test never checks them, and one example is too few to learn from. Merge rare classes into broader ones in the file, or filter those rows out.',
    ]);
  });

  it('says, before training, that a split left no test row, and why', () => {
    const tiny = tableOf(num('x', [1, 2]), num('y', [1.5, 2.5]));
    const split = run(tiny, { column: 'y', task: 'regression' }).reports.find((r) => r.stepId === 'split')!;
    expect(split.summary).toMatch(/, 0 test rows/);
    expect(split.warnings).toEqual([expect.stringMatching(/^No row is left for the test: 2 rows reach the split, too few to hold out 20% .*Add rows/)]);
  });

  it('trains on features near the largest doubles, standardized without overflow', () => {
    const huge = num('a', Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1) * (1 + i / n) * 1e300));
    const prepared = run(tableOf(huge, cat('y', Array.from({ length: n }, (_, i) => (i % 2 ? 'p' : 'q')))), { column: 'y' }, [
      { id: 'scale', kind: 'scale', params: { columns: ['a'], method: 'standard' } },
    ]);
    expect(Array.from(prepared.train.x).every(Number.isFinite)).toBe(true);
    expect(Math.max(...Array.from(prepared.train.x).map(Math.abs))).toBeLessThan(3);
  });

  it('refuses a feature that would reach the network beyond float32, and a regression target beyond 1e150, naming what to do', () => {
    const huge = num('a', Array.from({ length: n }, (_, i) => (1 + i) * 1e300));
    const target = cat('y', Array.from({ length: n }, (_, i) => (i % 2 ? 'p' : 'q')));
    expect(errorOf(() => run(tableOf(huge, target), { column: 'y' }))).toMatchObject({
      code: 'value-too-large',
      message: expect.stringMatching(/^Column "a" reaches the network with \d+ values as large as .*e\+30\d .*beyond the ±3\.4e38 its 32-bit numbers hold\. Scale "a" \(standardize it\) or add a log transform/),
    });
    expect(errorOf(() => run(tableOf(x(), { ...huge, name: 'price' }), { column: 'price', task: 'regression' }))).toMatchObject({
      code: 'target-too-large',
      message: expect.stringMatching(/^The target "price" reaches 6\.00e\+301: errors on that scale cannot be squared .*Express it in larger units/),
    });
  });
});

describe('mean and standard deviation of huge values', () => {
  it('agree with the ordinary formulas, and stay finite where the ordinary sums overflow', () => {
    const small = Float64Array.of(1, 2, 4, 8);
    expect(mean(small)).toBe(3.75);
    expect(populationStd(small, 3.75)).toBeCloseTo(Math.sqrt(((1 - 3.75) ** 2 + (2 - 3.75) ** 2 + (4 - 3.75) ** 2 + (8 - 3.75) ** 2) / 4), 12);
    const huge = Float64Array.from(small, (v) => v * 1e307);
    expect(mean(huge) / 1e307).toBeCloseTo(3.75, 12);
    expect(populationStd(huge, mean(huge)) / 1e307).toBeCloseTo(populationStd(small, 3.75), 12);
  });
});
