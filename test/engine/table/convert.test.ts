import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { convertColumnType } from '../../../engine/table/convert.ts';
import type { CategoryColumn, Column, NumberColumn } from '../../../engine/table/table.ts';

const numbers = (values: number[], type: Column['type'] = 'integer'): NumberColumn => ({
  name: 'Pclass',
  type,
  reason: 'whole numbers from 1 to 3 → integer',
  storage: 'number',
  values: new Float64Array(values),
});
const categories = (levels: string[], codes: number[], type: Column['type'] = 'categorical'): CategoryColumn => ({
  name: 'c',
  type,
  reason: 'inferred',
  storage: 'category',
  levels,
  codes: new Int32Array(codes),
});
const texts = (column: Column) => Array.from((column as CategoryColumn).codes, (c) => (c < 0 ? null : (column as CategoryColumn).levels[c]));
const values = (column: Column) => Array.from((column as NumberColumn).values);

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isUserFacingError(error)) return `${error.code}: ${error.message}`;
  }
  return 'no user-facing error';
}

describe('convertColumnType from numbers', () => {
  it('turns codes such as Pclass into categories in numeric order, and says who chose', () => {
    const column = convertColumnType(numbers([3, 1, NaN, 2, 10]), 'categorical');
    expect(column).toMatchObject({ type: 'categorical', storage: 'category', levels: ['1', '2', '3', '10'] });
    expect(texts(column)).toEqual(['3', '1', null, '2', '10']);
    expect(column.reason).toBe('you chose categorical (inferred: whole numbers from 1 to 3 → integer)');
  });

  it('writes dates as ISO text when they become text', () => {
    const column = convertColumnType(numbers([Date.UTC(2020, 0, 31)], 'datetime'), 'text');
    expect(texts(column)).toEqual(['2020-01-31']);
  });

  it('maps two values to false and true, lower first', () => {
    const column = convertColumnType(numbers([1, 2, 2, NaN]), 'boolean');
    expect(values(column)).toEqual([0, 1, 1, NaN]);
    expect(column.reason).toContain('1 → false, 2 → true');
  });

  it('refuses what would invent or lose values', () => {
    expect(errorOf(() => convertColumnType(numbers([1, 2, 3]), 'boolean'))).toBe(
      'cannot-convert: Column "Pclass" cannot be boolean: it has 3 different values and a boolean has two. Choose another type.',
    );
    expect(errorOf(() => convertColumnType(numbers([1.5, 2], 'numeric'), 'integer'))).toContain('row 1 holds 1.5, not a whole number');
    expect(errorOf(() => convertColumnType(numbers([1, 2]), 'datetime'))).toContain('cannot be date/time');
  });

  it('leaves the input column untouched', () => {
    const input = numbers([1, 2]);
    const output = convertColumnType(input, 'numeric') as NumberColumn;
    output.values[0] = 99;
    expect(values(input)).toEqual([1, 2]);
  });
});

describe('convertColumnType from categories', () => {
  it('reads texts as numbers, missing where they are not', () => {
    const column = convertColumnType(categories(['1.5', 'n/k', '3'], [0, 1, 2, -1]), 'numeric');
    expect(values(column)).toEqual([1.5, NaN, 3, NaN]);
    expect(column.reason).toBe('you chose numeric (inferred: inferred); 1 cell could not be read ("n/k") and are missing');
  });

  it('reads decimal commas when the file used them', () => {
    expect(values(convertColumnType(categories(['1,5'], [0]), 'numeric', { decimalComma: true }))).toEqual([1.5]);
  });

  it('reads texts as dates', () => {
    expect(values(convertColumnType(categories(['2020-01-31', 'soon'], [0, 1]), 'datetime'))).toEqual([Date.UTC(2020, 0, 31), NaN]);
  });

  it('makes two labels a boolean, known pairs false first', () => {
    const column = convertColumnType(categories(['Yes', 'No'], [0, 1, 0]), 'boolean');
    expect(column).toMatchObject({ levels: ['No', 'Yes'] });
    expect(texts(column)).toEqual(['Yes', 'No', 'Yes']);
  });

  it('refuses a number type when nothing reads as a number', () => {
    expect(errorOf(() => convertColumnType(categories(['male', 'female'], [0, 1]), 'integer'))).toBe(
      'cannot-convert: Column "c" cannot be integer: none of its values ("male", "female") reads as a number. Choose another type.',
    );
  });

  it('relabels between categorical, text and ID-like without touching values', () => {
    const input = categories(['a', 'b'], [1, 0]);
    const column = convertColumnType(input, 'id');
    expect(column.type).toBe('id');
    expect(texts(column)).toEqual(['b', 'a']);
    expect(convertColumnType(input, 'categorical')).toBe(input);
  });
});
