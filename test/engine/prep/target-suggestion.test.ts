import { describe, expect, it } from 'vitest';
import { nameWords, suggestTarget } from '../../../engine/prep/target-choice.ts';
import { classesCsv, yearLastCsv } from '../../fixtures/newcomer-tables.ts';
import { cat, dates, loadDataset, num, tableFromCsv, tableOf } from './fixtures.ts';

const n = 40;
const at = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('suggestTarget: what to predict, with the reason', () => {
  it('never suggests a year, even as the last column, and says why not', () => {
    const suggestion = suggestTarget(tableFromCsv(yearLastCsv()));
    expect(suggestion.suggested?.column).toBe('species');
    expect(suggestion.suggested?.reason).toMatch(/^Its name reads like an outcome \("species"\); it is the first column; 3 classes \("Adelie", "Chinstrap", "Gentoo"\)$/);
    expect(suggestion.suggested?.task).toBe('multiclass');
    expect(suggestion.unlikely).toContainEqual({ column: 'year', reason: 'It holds years (2007 to 2009): when something happened, not what', task: null, values: 3 });
    expect(suggestion.alternatives.map((c) => c.column)).not.toContain('year');
    expect(suggestion.alternatives.map((c) => c.column)).toContain('sex');
  });

  it('finds the label in the first column of a table of numeric codes (19 classes, soybean-like)', () => {
    const suggestion = suggestTarget(tableFromCsv(classesCsv(19)));
    expect(suggestion.suggested).toMatchObject({ column: 'Class', task: 'multiclass', values: 19 });
    expect(suggestion.suggested!.reason).toContain('19 classes');
  });

  it('keeps identifiers, row numbers, dates, free text, single values and half-empty columns out, each with its reason', () => {
    const table = tableOf(
      num('RowNumber', at((i) => i + 1), 'integer'),
      cat('customer_id', at((i) => `C${i}`)),
      dates('signed', at((i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')}`)),
      cat('notes', at((i) => `note ${i % 3}`), 'text'),
      cat('country', at(() => 'FR')),
      num('sparse', at((i) => (i % 3 === 0 ? i : null))),
      num('balance', at((i) => i * 13.5)),
      num('left', at((i) => i % 2), 'boolean'),
    );
    const suggestion = suggestTarget(table);
    const why = Object.fromEntries(suggestion.unlikely.map((c) => [c.column, c.reason]));
    expect(why).toEqual({
      RowNumber: 'It counts through the rows, like a row number',
      customer_id: 'Its name reads as an identifier and most values are unique',
      signed: 'It holds dates: when something happened, not what',
      notes: 'It is free text',
      country: 'It holds a single value ("FR"), so there is nothing to learn',
      sparse: '65% of its cells are empty',
    });
    // No name says "outcome": the last column with two values wins over a quantity in the middle.
    expect(suggestion.suggested).toMatchObject({ column: 'left', task: 'binary' });
    expect(suggestion.suggested!.reason).toBe('It is the last column; 2 values ("0", "1")');
    expect(suggestion.alternatives).toEqual([{ column: 'balance', reason: 'Numbers from 0 to 526.5, a quantity to predict', task: 'regression', values: n }]);
  });

  it('prefers the only text column of a table of numbers, first or not (letter recognition)', () => {
    const table = tableOf(cat('lettr', at((i) => String.fromCharCode(65 + (i % 26)))), num('x-box', at((i) => i % 16), 'integer'), num('onpix', at((i) => (i * 7) % 16), 'integer'));
    expect(suggestTarget(table).suggested?.column).toBe('lettr');
  });

  it('takes a documented target with its own reason, the others as alternatives', () => {
    const table = tableOf(num('a', at((i) => i % 3), 'integer'), cat('outcome', at((i) => (i % 2 ? 'yes' : 'no'))), num('b', at((i) => i / 7)));
    const suggestion = suggestTarget(table, { documented: { column: 'a', reason: 'The sample says so' } });
    expect(suggestion.suggested).toMatchObject({ column: 'a', reason: 'The sample says so' });
    expect(suggestion.alternatives[0]!.column).toBe('outcome');
  });

  it('reads "y" as a label only when it is the whole name', () => {
    const table = tableOf(num('y.ege', at((i) => i % 9), 'integer'), cat('group', at((i) => 'abc'[i % 3]!)), num('y', at((i) => i % 2), 'boolean'), num('x', at((i) => i / 3)));
    expect(suggestTarget(table).suggested?.column).toBe('y');
    expect(suggestTarget(tableOf(num('y.ege', at((i) => i % 9), 'integer'), num('x', at((i) => i / 3)))).suggested?.reason).not.toContain('outcome');
  });

  it('suggests nothing when no column can be predicted', () => {
    const table = tableOf(num('id', at((i) => i), 'integer'), cat('same', at(() => 'x')));
    expect(suggestTarget(table)).toMatchObject({ suggested: null, alternatives: [] });
  });

  it('finds the documented targets of the shared datasets without being told', () => {
    const expected: [string, string][] = [
      ['titanic.csv', 'Survived'],
      ['iris.csv', 'species'],
      ['Churn_Modelling.csv', 'Exited'],
      ['diabetes.csv', 'Outcome'],
      ['winequality-red.csv', 'quality'],
    ];
    for (const [file, target] of expected) {
      expect(suggestTarget(loadDataset(file, { delimiter: file.startsWith('wine') ? ';' : ',' })).suggested?.column, file).toBe(target);
    }
  });

  it('splits names into words the way people write them', () => {
    expect(nameWords('CustomerClass')).toEqual(['customer', 'class']);
    expect(nameWords('plant.stand')).toEqual(['plant', 'stand']);
    expect(nameWords('median_house_value')).toEqual(['median', 'house', 'value']);
    expect(nameWords('Pclass')).toEqual(['pclass']);
  });
});
