import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../../main/io/load-table.ts';
import { readDelimitedText } from '../../../main/io/read-text.ts';
import { cells, column, dataset } from './datasets.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'layerlab-io-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(folder, name);
  writeFileSync(target, content);
  return target;
}

describe('files that hold no table', () => {
  it('refuses an empty file, a blank one and one with only a byte order mark', async () => {
    for (const [name, content] of [['empty.csv', ''], ['blank.csv', '\r\n  \n\n'], ['bom.csv', '\ufeff']] as const) {
      await expect(loadTable(file(name, content)), name).rejects.toMatchObject({
        code: 'empty-file',
        message: expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')} is empty`)),
      });
    }
  });

  it('refuses a header without rows', async () => {
    await expect(loadTable(file('header.csv', 'a,b,c\r\n'))).rejects.toMatchObject({ code: 'header-only', message: expect.stringContaining('header.csv has a header row but no data rows') });
  });

  it('names what a binary file renamed to .csv really is', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(loadTable(file('photo.csv', png))).rejects.toMatchObject({
      code: 'unsupported-format',
      message: expect.stringMatching(/^photo\.csv is not a table: it is a PNG image file with a text-file name\. Open it in the program/),
    });
    await expect(loadTable(file('data.csv', Uint8Array.from([1, 2, 0, 4, 5])))).rejects.toMatchObject({
      code: 'unsupported-format',
      message: expect.stringContaining('contains binary data (zero bytes)'),
    });
    const docx = new TextEncoder().encode('PK\u0003\u0004....word/document.xml');
    await expect(loadTable(file('report.csv', docx))).rejects.toMatchObject({ code: 'unsupported-format', message: expect.stringContaining('a zip archive but not an Excel workbook') });
  });

  it('reads a workbook renamed to .csv as the workbook it is, and says so', async () => {
    const { table, source, warnings } = await loadTable(file('churn.csv', readFileSync(dataset('variants/churn_first500.xlsx'))));
    expect(source.format).toBe('xlsx');
    expect(table.rowCount).toBe(500);
    expect(warnings[0]).toBe('churn.csv is an Excel workbook despite its name; it was read as .xlsx.');
  });

  it('says when the path is wrong or a folder', async () => {
    await expect(loadTable(path.join(folder, 'nope.csv'))).rejects.toMatchObject({ code: 'file-not-found' });
    await expect(loadTable(folder)).rejects.toMatchObject({ code: 'not-a-file' });
  });
});

describe('files over the budget', () => {
  it('refuses a file larger than the byte limit before reading it, with the limit', async () => {
    await expect(loadTable(file('big.csv', 'a,b\n1,2\n'), { limits: { maxBytes: 4 } })).rejects.toMatchObject({
      code: 'too-large',
      message: 'big.csv is 8 bytes, more than the 4 bytes Layerlab loads at once. Load a sample of its rows (split the file), then try again.',
    });
  });

  it('refuses early when the first megabyte says the cells will not fit, and exactly at the limit otherwise', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${i % 7},x${i % 3}`).join('\n');
    const target = file('many.csv', `a,b,c\n${rows}\n`);
    await expect(loadTable(target, { limits: { maxCells: 10_000 } })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^many\.csv holds about 6\d,\d{3} cells \(rows × columns\), more than the 10,000/),
    });
    await expect(loadTable(target, { limits: { maxCells: 59_000 } })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('many.csv has more than 59,000 cells'),
    });
  });
});

describe('malformed rows and headers', () => {
  it('lists ragged rows by line, counting line breaks inside quoted fields', async () => {
    const text = 'id,name,score\n1,"Smith,\nJohn",3\n2,Ann\n3,Bob,4,extra\n4,Eve,5\n';
    await expect(loadTable(file('ragged.csv', text))).rejects.toMatchObject({
      code: 'ragged-rows',
      message:
        'ragged.csv: 2 rows do not have 3 fields like the header (line 4 has 2, line 5 has 4). ' +
        'Fix those rows in the file, or load with "skip ragged rows" (--skip-ragged-rows) to leave them out.',
    });
    const { table, warnings } = await loadTable(file('ragged.csv', text), { skipRaggedRows: true });
    expect(cells(table)).toEqual({ id: [1, 4], name: ['Smith,\nJohn', 'Eve'], score: [3, 5] });
    expect(warnings).toEqual(['2 rows without 3 fields were skipped, as you asked (line 4 has 2, line 5 has 4).']);
  });

  it('lists ragged rows of a plain file through the byte lane too', async () => {
    const plain = file('plain-ragged.csv', 'a,b\n1,2\n3\n4,5\n');
    await expect(loadTable(plain)).rejects.toMatchObject({ code: 'ragged-rows', message: expect.stringContaining('(line 3 has 1)') });
  });

  it('renames empty and repeated header names and warns', async () => {
    const { table, warnings } = await loadTable(file('names.csv', 'Age,,Age\n1,2,3\n4,5,6\n7,8,9\n'));
    expect(table.columns.map((c) => c.name)).toEqual(['Age', 'column_2', 'Age_2']);
    expect(warnings.slice(0, 2)).toEqual(['Column 2 has no name in the header; it is called "column_2".', 'Column 3 repeats the name "Age"; it is called "Age_2".']);
  });

  it('warns about an all-missing column, a constant one, NaN and Infinity literals, and stray text in numbers', async () => {
    const lines = ['id,empty,same,x,score'];
    for (let i = 1; i <= 40; i++) lines.push(`${i},NA,yes,${i === 5 ? 'NaN' : i === 9 ? 'Infinity' : i / 4},${i === 30 ? 'unknown' : i % 9}`);
    const { table, warnings } = await loadTable(file('odd.csv', lines.join('\n')));
    expect(column(table, 'score').type).toBe('integer');
    expect(warnings).toEqual([
      'Column "empty" is empty in every row; it cannot help a model. Drop it in the cleaning step.',
      'Column "same" holds the same value (yes) in every row; it cannot help a model. Drop it in the cleaning step.',
      'Column "x": 1 cell says "NaN"; read as missing.',
      'Column "x": 1 cell holds an infinite value ("Infinity" ×1, first at line 10); read as missing. If it means something, replace it in the file with a (large) number.',
      'Column "score" holds numbers, but 1 cell is text ("unknown" ×1, first at line 31); read as missing. ' +
        'To keep them as values, set the column type to categorical; to mark them missing, add them as missing markers.',
    ]);
  });

  it('takes the user’s missing markers and types', async () => {
    const target = file('markers.csv', 'code,value\n007,-999\n012,3.5\n007,1\n');
    const { table } = await loadTable(target, { missingMarkers: ['-999'], columnTypes: { value: 'text' } });
    expect(cells(table)).toEqual({ code: ['007', '012', '007'], value: [null, '3.5', '1'] });
  });
});

describe('encodings and line endings', () => {
  const text = 'name,city\r\nAnna,Zürich\r\nJosé,Viña del Mar\r\nŁukasz,İzmir\r\n';
  const expected = { name: ['Anna', 'José', 'Łukasz'], city: ['Zürich', 'Viña del Mar', 'İzmir'] };

  it('reads UTF-16 with a byte order mark, little and big endian', async () => {
    const le = Uint8Array.from([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const little = await loadTable(file('le.csv', le));
    expect(little.source.encoding).toBe('utf-16le');
    expect(cells(little.table)).toEqual(expected);
    const be = Uint8Array.from([0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 255])]);
    const big = await loadTable(file('be.csv', be));
    expect(big.source.encoding).toBe('utf-16be');
    expect(cells(big.table)).toEqual(expected);
  });

  it('falls back to Windows-1252 in the papaparse lane too (a Latin-1 file with quoted fields)', async () => {
    const latin1 = Uint8Array.from([...'name,city\n"Müller, Jürgen",Zürich\nAna,"Viña, del Mar"\n'].map((c) => c.charCodeAt(0)));
    const { table, source, warnings } = await loadTable(file('quoted-latin1.csv', latin1));
    expect(source.encoding).toBe('windows-1252');
    expect(cells(table)).toEqual({ name: ['Müller, Jürgen', 'Ana'], city: ['Zürich', 'Viña, del Mar'] });
    expect(warnings[0]).toMatch(/^quoted-latin1\.csv is not valid UTF-8/);
  });

  it('reads old Mac CR line endings', async () => {
    const { table } = await loadTable(file('mac.csv', 'a,b\r1,x\r2,y\r'));
    expect(cells(table)).toEqual({ a: [1, 2], b: ['x', 'y'] });
  });

  it('hands a plain file to papaparse when a quoted field appears after the first megabyte', async () => {
    const rows = Array.from({ length: 90_000 }, (_, i) => `${i},plain ${i % 5}`);
    rows.push('90000,"quoted, late"');
    const target = file('late.csv', `id,label\n${rows.join('\n')}\n`);
    expect(statSync(target).size).toBeGreaterThan(1 << 20);
    const read = await readDelimitedText({ path: target, file: 'late.csv', encoding: 'utf-8', totalBytes: statSync(target).size, table: {} });
    expect(read.lane).toBe('papaparse');
    const label = column(read.built.table, 'label');
    expect(label.storage === 'category' && label.levels).toContain('quoted, late');
    expect(read.built.table.rowCount).toBe(90_001);
  });
});
