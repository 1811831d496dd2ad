import { describe, expect, it } from 'vitest';
import { tableFromRows, type RecordValue } from '../../../engine/table/records.ts';
import type { CategoryColumn, Column, ColumnType, NumberColumn } from '../../../engine/table/table.ts';

/** One column of the given cells, inferred as a loaded file would be. */
function infer(cells: readonly RecordValue[], name = 'x', options: { zeroMeansMissing?: boolean; type?: ColumnType; decimalComma?: boolean } = {}) {
  // A second column keeps rows whose only cell is empty from reading as blank lines.
  const { table, warnings } = tableFromRows(
    [name, 'row'],
    cells.map((cell, i) => [cell, i]),
    {
      zeroMeansMissing: options.zeroMeansMissing ? [name] : [],
      columnTypes: options.type ? { [name]: options.type } : {},
      decimalComma: options.decimalComma,
    },
  );
  return { column: table.columns[0]!, warnings };
}

const numbersOf = (column: Column) => Array.from((column as NumberColumn).values);
const textsOf = (column: Column) => Array.from((column as CategoryColumn).codes, (c) => (c < 0 ? null : (column as CategoryColumn).levels[c]));
const range = (n: number, f: (i: number) => RecordValue) => Array.from({ length: n }, (_, i) => f(i));

describe('inference of numbers', () => {
  it('calls whole numbers integer and says their range', () => {
    const { column } = infer(['3', '1', '2', '', '3']);
    expect(column).toMatchObject({ type: 'integer', storage: 'number', reason: 'whole numbers from 1 to 3 → integer' });
    expect(numbersOf(column)).toEqual([3, 1, 2, NaN, 3]);
  });

  it('calls numbers with decimals numeric', () => {
    expect(infer(['7.25', '71.2833', '8.05']).column).toMatchObject({ type: 'numeric', reason: 'numbers from 7.25 to 71.2833 → numeric' });
  });

  it('calls 0/1 columns boolean and keeps them as numbers', () => {
    const { column } = infer(['0', '1', '1', '0']);
    expect(column).toMatchObject({ type: 'boolean', storage: 'number', reason: 'only the values 0 and 1 → boolean' });
    expect(numbersOf(column)).toEqual([0, 1, 1, 0]);
  });

  it('reads a decimal-comma file', () => {
    const { column } = infer(['41,5', '-122,23'], 'x', { decimalComma: true });
    expect(numbersOf(column)).toEqual([41.5, -122.23]);
    expect(column.reason).toBe('numbers from -122.23 to 41.5 → numeric; decimal comma');
  });

  it('reads a few stray texts among numbers as missing, and says so in the reason and a warning', () => {
    const cells = range(100, (i) => String(i % 37));
    cells[4] = 'unknown';
    cells[60] = 'unknown';
    const { column, warnings } = infer(cells, 'Age');
    expect(column.type).toBe('integer');
    expect(numbersOf(column)[4]).toBeNaN();
    expect(column.reason).toContain('2 cells of text ("unknown" ×2, first at row 6) read as missing');
    expect(warnings).toEqual([expect.stringMatching(/^Column "Age" holds numbers, but 2 cells are text .*first at row 6.*set the column type to categorical/)]);
  });

  it('calls a column text when non-numbers are more than a few (ticket numbers, diagnosis codes)', () => {
    const cells = range(100, (i) => (i % 10 === 0 ? `V${i}` : String(250 + (i % 30))));
    expect(infer(cells).column.storage).toBe('category');
  });

  it('keeps numbers with leading zeros as codes, in their exact text', () => {
    const { column } = infer(['02134', '10001', '02134', '90210']);
    expect(column).toMatchObject({ type: 'categorical', storage: 'category' });
    expect(column.reason).toBe('numbers written with leading zeros ("02134") are codes → 3 different labels → categorical');
    expect(textsOf(column)).toEqual(['02134', '10001', '02134', '90210']);
  });

  it('reads infinities and NaN literals as missing, with a warning for each naming the spellings', () => {
    const { column, warnings } = infer(['1.5', 'Infinity', '-inf', 'NaN', '2']);
    expect(numbersOf(column)).toEqual([1.5, NaN, NaN, NaN, 2]);
    expect(column.reason).toContain('2 infinite values ("Infinity" ×1, "-inf" ×1, first at row 3) read as missing');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/Column "x": 1 cell says "NaN"; read as missing/);
    expect(warnings[1]).toMatch(/Column "x": 2 cells hold an infinite value \("Infinity" ×1, "-inf" ×1, first at row 3\)/);
  });

  it('keeps a number column numeric when many of its cells are infinite or overflow a double (1e309)', () => {
    const cells = Array.from({ length: 40 }, (_, i) => (i % 10 === 3 ? 'Infinity' : i % 10 === 7 ? '1e309' : i % 10 === 8 ? '-inf' : `${i}.5`));
    const { column, warnings } = infer(cells);
    expect(column).toMatchObject({ type: 'numeric', storage: 'number' });
    expect(numbersOf(column).filter(Number.isNaN)).toHaveLength(12);
    expect(warnings).toEqual([expect.stringMatching(/^Column "x": 12 cells hold an infinite value \("Infinity" ×4, "1e309" ×4, "-inf" ×4, first at row 5\); read as missing\./)]);
  });

  it('reads numbers written with thousands separators, and says so with an example', () => {
    const { column, warnings } = infer(['1,234', '56', '7,890.5', '12,345,678', '', '999']);
    expect(column.type).toBe('numeric');
    expect(numbersOf(column)).toEqual([1234, 56, 7890.5, 12345678, NaN, 999]);
    expect(column.reason).toContain('3 numbers written with thousands separators ("1,234" → 1234)');
    expect(warnings).toEqual([expect.stringMatching(/^Column "x": 3 numbers are written with thousands separators \(such as "1,234"\), read as 1234\. If the commas mark decimals instead/)]);
    const european = infer(['1.234,5', '12,5', '7.000'], 'x', { decimalComma: true });
    expect(numbersOf(european.column)).toEqual([1234.5, 12.5, 7000]);
  });

  it('turns zeros into missing values when asked (Pima insulin)', () => {
    const { column } = infer(['0', '94', '0', '168'], 'Insulin', { zeroMeansMissing: true });
    expect(numbersOf(column)).toEqual([NaN, 94, NaN, 168]);
    expect(column.reason).toBe('whole numbers from 94 to 168 → integer; 2 zeros read as missing, as you asked');
  });
});

describe('inference of identifiers', () => {
  it('calls a complete 1..n sequence a row number, whatever its name', () => {
    expect(infer(range(30, (i) => String(30 - i)), 'n').column).toMatchObject({ type: 'id', reason: expect.stringContaining('in sequence like a row number') });
  });

  it('calls unique numbers ID-like when the name says identifier', () => {
    expect(infer(range(30, (i) => String(15634602 + i * 7)), 'CustomerId').column.type).toBe('id');
    expect(infer(range(30, (i) => String(15634602 + i * 7)), 'Salary').column.type).toBe('integer');
  });

  it('calls mostly unique numbers ID-like when the name says so (patient_nbr repeats for returning patients)', () => {
    const { column } = infer(range(40, (i) => String(1000 + (i % 30))), 'patient_nbr');
    expect(column).toMatchObject({ type: 'id', reason: 'named like an identifier ("nbr") and 75% of its values are different → ID-like' });
  });

  it('calls unique single-word texts ID-like, and unique phrases free text', () => {
    expect(infer(range(25, (i) => `C${i * 13}X`)).column.type).toBe('id');
    expect(infer(range(25, (i) => `Braund, Mr. Owen ${i}`)).column).toMatchObject({ type: 'text', reason: '25 different values among 25 → free text' });
  });
});

describe('inference of texts', () => {
  it('calls a few labels categorical and orders them naturally', () => {
    const { column } = infer(['S', 'C', 'Q', 'S', '']);
    expect(column).toMatchObject({ type: 'categorical', reason: '3 different labels → categorical', levels: ['C', 'Q', 'S'] });
    expect(textsOf(column)).toEqual(['S', 'C', 'Q', 'S', null]);
  });

  it('calls many labels categorical when each repeats at least 10 times on average', () => {
    const cells = range(3000, (i) => `team ${i % 250}`);
    expect(infer(cells).column).toMatchObject({ type: 'categorical', reason: '250 different labels, each used 12 times on average → categorical' });
    expect((infer(cells).column as CategoryColumn).levels.slice(0, 3)).toEqual(['team 0', 'team 1', 'team 2']);
    expect(infer(range(300, (i) => `surname ${i % 40}`)).column.type).toBe('text');
  });

  it('calls yes/no and TRUE/FALSE columns boolean, false first', () => {
    const { column } = infer(['TRUE', 'FALSE', 'FALSE']);
    expect(column).toMatchObject({ type: 'boolean', storage: 'category', levels: ['FALSE', 'TRUE'], reason: 'two values, "FALSE" and "TRUE" → boolean' });
    expect(Array.from((column as CategoryColumn).codes)).toEqual([1, 0, 0]);
    expect(infer(['Yes', 'No']).column.type).toBe('boolean');
    expect(infer(['male', 'female']).column.type).toBe('categorical');
  });

  it('reads ISO dates as date/time in epoch milliseconds', () => {
    const { column } = infer(['1872-11-30', '2024-06-01', '']);
    expect(column).toMatchObject({ type: 'datetime', storage: 'number', reason: 'dates from 1872-11-30 to 2024-06-01 → date/time' });
    expect(numbersOf(column)).toEqual([Date.UTC(1872, 10, 30), Date.UTC(2024, 5, 1), NaN]);
  });

  it('tells the day/month order of slash dates and what proved it', () => {
    const { column } = infer(['01/02/2020', '31/01/2020']);
    expect(column.reason).toBe('dates from 2020-01-31 to 2020-02-01 → date/time; day/month/year, as "31/01/2020" shows');
  });
});

describe('inference of empty and constant columns', () => {
  it('keeps an all-missing column as numbers and warns', () => {
    const { column, warnings } = infer(['', 'NA', '?']);
    expect(column).toMatchObject({ type: 'numeric', reason: 'every cell is empty or a missing marker' });
    expect(numbersOf(column)).toEqual([NaN, NaN, NaN]);
    expect(warnings).toEqual(['Column "x" is empty in every row; it cannot help a model. Drop it in the cleaning step.']);
  });

  it('warns about a column with one value', () => {
    const { column, warnings } = infer(['No', 'No', 'No'], 'examide');
    expect(column.reason).toBe('a single label → categorical; only one value (No): it carries no information');
    expect(warnings).toEqual(['Column "examide" holds the same value (No) in every row; it cannot help a model. Drop it in the cleaning step.']);
  });
});

describe('types chosen by the user', () => {
  it('keeps the exact texts when a number column is loaded as categorical', () => {
    const { column } = infer(['1.50', '2', '1.5'], 'grade', { type: 'categorical' });
    expect(column).toMatchObject({ type: 'categorical', reason: 'you chose categorical (3 different values)' });
    expect(textsOf(column)).toEqual(['1.50', '2', '1.5']);
  });

  it('converts a text column to numbers, reporting what could not be read', () => {
    const { column } = infer(['1', 'two', '3'], 'n', { type: 'numeric' });
    expect(numbersOf(column)).toEqual([1, NaN, 3]);
    expect(column.reason).toMatch(/^you chose numeric \(inferred: .*\); 1 cell could not be read \("two"\) and are missing$/);
  });
});

describe('inference of numeric codes', () => {
  it('calls few whole numbers categorical when the name says they are codes (Pclass)', () => {
    const { column } = infer(['3', '1', '3', '2'], 'Pclass');
    expect(column).toMatchObject({
      type: 'categorical',
      storage: 'category',
      levels: ['1', '2', '3'],
      reason: 'whole numbers in a column named like a code ("…class"), 3 different values → categorical',
    });
    expect(textsOf(column)).toEqual(['3', '1', '3', '2']);
    expect(infer(['3', '1', '3', '2'], 'SibSp').column.type).toBe('integer');
  });
});
