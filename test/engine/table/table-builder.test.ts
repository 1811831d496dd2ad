import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { TableBuilder, type BuiltTable, type RecordBatch, type TableBuilderOptions } from '../../../engine/table/table-builder.ts';

function load(lines: readonly string[][], options: Partial<TableBuilderOptions> = {}): BuiltTable {
  const [header, ...rows] = lines;
  const builder = new TableBuilder(header!, 1, { source: 'people.csv', ...options });
  rows.forEach((row, i) => builder.addRow(row, i + 2));
  return builder.finish();
}

function failure(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a user-facing error');
}

describe('TableBuilder header', () => {
  it('names empty header cells and renames repeated names, with a warning for each', () => {
    const { table, warnings } = load([
      ['Age', '', 'Age', 'column_2'],
      ['1', '2', '3', '4'],
      ['5', '6', '7', '8'],
    ]);
    expect(table.columns.map((c) => c.name)).toEqual(['Age', 'column_2_2', 'Age_2', 'column_2']);
    expect(warnings).toEqual([
      'Column 2 has no name in the header; it is called "column_2_2".',
      'Column 3 repeats the name "Age"; it is called "Age_2".',
    ]);
  });

  it('warns when the first row looks like data (a file without a header)', () => {
    const { warnings } = load([['39', 'State-gov', '77516'], ['50', 'Self-emp', '83311'], ['38', 'Private', '215646']]);
    expect(warnings[0]).toBe(
      'The first row ("39", "State-gov", "77516") looks like data, not column names; it was used as the header. ' +
        'If the file has no header row, add one (names separated like the data) and load it again.',
    );
  });

  it('refuses a file with a header and no rows', () => {
    expect(failure(() => load([['a', 'b'], ['', '']]))).toEqual({
      code: 'header-only',
      message: 'people.csv has a header row but no data rows. Add data below the header and load it again.',
    });
  });

  it('names an unknown column in the options', () => {
    expect(failure(() => load([['a'], ['1']], { zeroMeansMissing: ['Insulin'] }))).toMatchObject({
      code: 'unknown-column',
      message: '"Zero means missing" names column "Insulin", which is not in the data. Columns: "a".',
    });
  });
});

describe('TableBuilder rows', () => {
  it('skips blank rows inside the data with their lines, and trailing ones silently', () => {
    const { table, warnings } = load([['a', 'b'], ['1', 'x'], ['', ''], ['2', 'y'], [''], [' ', '']]);
    expect(table.rowCount).toBe(2);
    expect(warnings).toEqual(['1 empty row was skipped (line 3).']);
  });

  it('skips a header repeated inside the data (files pasted one after the other)', () => {
    const { table, warnings } = load([['a', 'b'], ['1', 'x'], ['a', 'b'], ['2', 'y']]);
    expect(table.rowCount).toBe(2);
    expect(warnings).toEqual(['1 row repeating the header was skipped (line 3).']);
  });

  it('refuses several tables stacked in one file, naming where each starts', () => {
    expect(failure(() => load([['id', 'description'], ['1', 'Emergency'], ['', ''], ['discharge_id', 'description'], ['1', 'Home']]))).toEqual({
      code: 'multiple-tables',
      message:
        'people.csv holds 2 tables one below the other, each after an empty row with its own header (line 1, line 4). ' +
        'Save each table in its own file (or delete the extra ones) and load again.',
    });
  });

  it('refuses rows with the wrong number of fields, listing their lines', () => {
    expect(failure(() => load([['a', 'b', 'c'], ['1', '2', '3'], ['1', '2'], ['1', '2', '3', '4'], ['5', '6', '7']]))).toEqual({
      code: 'ragged-rows',
      message:
        'people.csv: 2 rows do not have 3 fields like the header (line 3 has 2, line 4 has 4). ' +
        'Fix those rows in the file, or load with "skip ragged rows" (--skip-ragged-rows) to leave them out.',
    });
  });

  it('leaves ragged rows out when asked, and says which', () => {
    const { table, warnings } = load([['a', 'b'], ['1', '2'], ['3'], ['4', '5']], { skipRaggedRows: true });
    expect(table.rowCount).toBe(2);
    expect(warnings).toEqual(['1 row without 2 fields was skipped, as you asked (line 3 has 1).']);
  });

  it('accepts extra empty fields at the end of a row (a,b,c, from some exporters)', () => {
    const { table, warnings } = load([['a', 'b'], ['1', '2', ''], ['3', '4', ' ']]);
    expect(table.rowCount).toBe(2);
    expect(warnings).toEqual(['2 rows end with extra empty fields beyond the header; they were ignored.']);
  });

  it('stops at the cell budget with the limit in the message', () => {
    expect(failure(() => load([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']], { maxCells: 5 }))).toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('more than 5 cells (rows × columns)'),
    });
  });
});

/** Records as the byte lane hands them over: one batch of byte ranges for `text` (no quotes, LF line ends). */
function byteBatch(text: string): RecordBatch {
  const bytes = new TextEncoder().encode(text);
  const starts: number[] = [];
  const ends: number[] = [];
  const firstField: number[] = [];
  const fieldCounts: number[] = [];
  const lines: number[] = [];
  let start = 0;
  text.split('\n').slice(0, -1).forEach((line, i) => {
    firstField.push(starts.length);
    for (const cell of line.split(',')) {
      starts.push(start);
      ends.push(start + cell.length);
      start += cell.length + 1;
    }
    fieldCounts.push(starts.length - firstField.at(-1)!);
    lines.push(i + 1);
  });
  const ints = (a: number[]) => Int32Array.from(a);
  return { bytes, starts: ints(starts), ends: ints(ends), firstField: ints(firstField), fieldCounts: ints(fieldCounts), lines: ints(lines), size: lines.length };
}

describe('TableBuilder on byte batches', () => {
  const text = [',a,b,c', '1,x,2,3', ',y,3,4', ',,5,6', ',a,b,c', '7,a,9,9', ',,,', '8,z,1,2', ''].join('\n');

  it('gives the table addRow gives on the same texts: blank rows and a repeated header found with an unnamed first column', () => {
    const batch = byteBatch(text);
    const decode = (bytes: Uint8Array, start: number, end: number) => new TextDecoder().decode(bytes.subarray(start, end));
    const header = text.split('\n')[0]!.split(',');
    const bytes = new TableBuilder(header, 1, { source: 'x.csv', decode });
    bytes.addByteBatch(batch, 1);
    const texts = new TableBuilder(header, 1, { source: 'x.csv' });
    text.split('\n').slice(1, -1).forEach((line, i) => texts.addRow(line.split(','), i + 2));
    const [a, b] = [bytes.finish(), texts.finish()];
    expect(a.table).toEqual(b.table);
    expect(a.warnings).toEqual(b.warnings);
    expect(a.table.rowCount).toBe(5);
    expect(a.warnings.join(' ')).toMatch(/1 empty row was skipped/);
    expect(a.warnings.join(' ')).toMatch(/1 row repeating the header was skipped/);
  });

  it('keeps rows whose first cells are blank on the fast path: their cells are never decoded one by one', () => {
    const decodes = (firstCell: (i: number) => string): number => {
      const rows = Array.from({ length: 3000 }, (_, i) => `${firstCell(i)},${i % 4 === 0 ? '' : `v${i % 5}`},${i % 11}`);
      let decoded = 0;
      const decode = (bytes: Uint8Array, start: number, end: number) => (decoded++, new TextDecoder().decode(bytes.subarray(start, end)));
      const builder = new TableBuilder(['id', 'label', 'n'], 1, { source: 'x.csv', decode });
      builder.addByteBatch(byteBatch(['id,label,n', ...rows, ''].join('\n')), 1);
      expect(builder.finish().table.rowCount).toBe(3000);
      return decoded;
    };
    // A third of the rows start with a gap: decoded one by one, that would be 3 cells each, 3,000 in all.
    const gaps = decodes((i) => (i % 3 === 0 ? '' : String(i % 7)));
    const none = decodes((i) => String(i % 7));
    expect(gaps - none).toBeLessThan(10);
  });
});
