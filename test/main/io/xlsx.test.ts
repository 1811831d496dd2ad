import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSheets, loadTable } from '../../../main/io/load-table.ts';
import { cells, column } from './datasets.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'layerlab-xlsx-'));
const workbook = path.join(folder, 'cells.xlsx');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// No shared workbook has dates, formulas or error cells, so this one is written here with exceljs.
beforeAll(async () => {
  const book = new ExcelJS.Workbook();
  const notes = book.addWorksheet('Notes');
  notes.getCell('A1').value = 'nothing to see';
  const sheet = book.addWorksheet('Visits');
  sheet.addRow(['date', 'nights', 'price', 'total', 'checkout', 'note', 'member', 'ratio', 'status']);
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  for (let i = 1; i <= 4; i++) {
    const row = sheet.addRow([
      day(i),
      i,
      10.5 * i,
      { formula: `B${i + 1}*C${i + 1}`, result: 10.5 * i * i },
      { formula: `A${i + 1}+B${i + 1}`, result: 45292 + i + i },
      i === 2 ? { richText: [{ text: 'late ' }, { text: 'arrival' }] } : `note ${i}`,
      i % 2 === 0,
      i === 3 ? { formula: `B4/0`, result: { error: '#DIV/0!' } } : i / 8,
      i === 4 ? { error: '#N/A' } : i === 2 ? 'late' : 'ok',
    ]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.getCell(5).numFmt = 'dd/mm/yyyy';
  }
  sheet.addRow([]);
  await book.xlsx.writeFile(workbook);
});

describe('loadTable on a workbook with dates, formulas and errors', () => {
  it('lists sheets in workbook order', async () => {
    expect(await listSheets(workbook)).toEqual(['Notes', 'Visits']);
  });

  it('reads date cells, cached formula results (dates included), rich text, booleans, and errors as missing', async () => {
    const { table, warnings } = await loadTable(workbook, { sheet: 'Visits' });
    expect(cells(table)).toEqual({
      date: [1, 2, 3, 4].map((d) => Date.UTC(2024, 0, d)),
      nights: [1, 2, 3, 4],
      price: [10.5, 21, 31.5, 42],
      total: [10.5, 42, 94.5, 168],
      checkout: [1, 2, 3, 4].map((i) => Date.UTC(2024, 0, 1 + 2 * i)),
      note: ['note 1', 'late arrival', 'note 3', 'note 4'],
      member: ['FALSE', 'TRUE', 'FALSE', 'TRUE'],
      ratio: [0.125, 0.25, null, 0.5],
      status: ['ok', 'late', 'ok', null],
    });
    expect(column(table, 'date').type).toBe('datetime');
    expect(column(table, 'checkout').type).toBe('datetime');
    expect(column(table, 'member').type).toBe('boolean');
    expect(warnings).toEqual([
      '1 cell holds an Excel error (#N/A); read as missing. Fix the formulas in Excel to use those cells.',
      '1 formula cell has no stored result (an error such as #DIV/0!, or a file never calculated); read as missing. ' +
        'Open the file in Excel or LibreOffice, check those formulas, save it and load it again.',
    ]);
  });

  it('names rows by their sheet row number in messages', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('S');
    sheet.addRow(['a', 'b']);
    sheet.addRow([1, 2]);
    sheet.addRow([3, 4, 5]);
    const target = path.join(folder, 'ragged.xlsx');
    await book.xlsx.writeFile(target);
    await expect(loadTable(target)).rejects.toMatchObject({ code: 'ragged-rows', message: expect.stringContaining('Sheet "S" of ragged.xlsx: 1 row does not have 2 fields like the header (row 3 has 3)') });
  });

  it('says when the chosen sheet is empty', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Empty');
    const target = path.join(folder, 'empty.xlsx');
    await book.xlsx.writeFile(target);
    await expect(loadTable(target)).rejects.toMatchObject({ code: 'empty-file', message: 'Sheet "Empty" of empty.xlsx is empty. Choose another sheet (--sheet) or add data to it.' });
  });
});
