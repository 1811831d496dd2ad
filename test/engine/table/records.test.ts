import { describe, expect, it } from 'vitest';
import { recordText, tableFromRecords } from '../../../engine/table/records.ts';
import { cellValue } from '../../../engine/table/table.ts';

describe('tableFromRecords', () => {
  it('builds a typed table from records, columns in order of first appearance', () => {
    const { table } = tableFromRecords([
      { Age: 22, Sex: 'male', Fare: 7.25 },
      { Age: null, Sex: 'female', Fare: 71.2833, Embarked: 'C' },
      { Age: 26, Sex: 'female', Fare: 7.925, Embarked: 'S' },
    ]);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['Age', 'integer'],
      ['Sex', 'categorical'],
      ['Fare', 'numeric'],
      ['Embarked', 'categorical'],
    ]);
    expect(cellValue(table.columns[0]!, 1)).toBeNull();
    expect(cellValue(table.columns[3]!, 0)).toBeNull();
    expect(cellValue(table.columns[2]!, 1)).toBe(71.2833);
  });

  it('takes the types a model expects for a single record to predict', () => {
    const { table } = tableFromRecords([{ Pclass: 3, Sex: 'male', Age: 22 }], {
      columnTypes: { Pclass: 'categorical', Sex: 'categorical', Age: 'numeric' },
    });
    expect(table.columns.map((c) => c.type)).toEqual(['categorical', 'categorical', 'numeric']);
    expect(cellValue(table.columns[0]!, 0)).toBe('3');
    expect(cellValue(table.columns[2]!, 0)).toBe(22);
  });
});

describe('recordText', () => {
  it('writes values as a file would hold them', () => {
    expect([1.5, true, false, null, undefined, Number.NaN, 'x', new Date(Date.UTC(2020, 0, 31))].map(recordText)).toEqual([
      '1.5', 'TRUE', 'FALSE', '', '', '', 'x', '2020-01-31',
    ]);
  });
});
