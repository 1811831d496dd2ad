import { describe, expect, it } from 'vitest';
import { listSheets, loadTable } from '../../../main/io/load-table.ts';
import { cells, column, dataset, levelsOf, typesOf } from './datasets.ts';

describe('loadTable on the parser variants (each must read like its source)', () => {
  it('reads semicolons with decimal commas as the same numbers as housing.csv', async () => {
    const variant = await loadTable(dataset('variants/housing_semicolon_decimal_comma.csv'));
    const source = await loadTable(dataset('housing.csv'));
    expect(variant.source).toMatchObject({ delimiter: ';', decimalComma: true });
    expect(variant.table.rowCount).toBe(200);
    expect(cells(variant.table)).toEqual(cells(source.table, 200));
    expect(column(variant.table, 'longitude').reason).toContain('decimal comma');
  });

  it('reads the unquoted tab file with literal quotes in names as titanic.csv', async () => {
    const variant = await loadTable(dataset('variants/titanic.tsv'));
    const source = await loadTable(dataset('titanic.csv'));
    expect(variant.source.delimiter).toBe('\t');
    expect(cells(variant.table)).toEqual(cells(source.table, 200));
    expect(levelsOf(column(variant.table, 'Name'))).toContain('McGowan, Miss. Anna "Annie"');
  });

  it('drops the UTF-8 byte order mark from the first header name', async () => {
    const { table } = await loadTable(dataset('variants/churn_utf8_bom.csv'));
    expect(table.columns[0]!.name).toBe('RowNumber');
    expect(cells(table)).toEqual(cells((await loadTable(dataset('Churn_Modelling.csv'))).table, 200));
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', async () => {
    const { table } = await loadTable(dataset('variants/titanic_quoted_multiline.csv'));
    const source = (await loadTable(dataset('titanic.csv'))).table;
    expect(table.rowCount).toBe(200);
    const names = cells(table).Name!;
    expect(names[1]).toBe('Cumings, Mrs. John Bradley\n(Florence Briggs Thayer)');
    expect(names.map((n) => String(n).replace(/\n\(/g, ' ('))).toEqual(cells(source, 200).Name);
    const { Name: _variant, ...rest } = cells(table);
    const { Name: _source, ...sourceRest } = cells(source, 200);
    expect(rest).toEqual(sourceRest);
  });

  it('falls back to Windows-1252 for the Latin-1 file, with a warning, and reads it like its UTF-8 twin', async () => {
    const latin1 = await loadTable(dataset('variants/football_results_latin1.csv'));
    const utf8 = await loadTable(dataset('variants/football_results_utf8.csv'));
    expect(latin1.source.encoding).toBe('windows-1252');
    expect(latin1.warnings).toEqual([
      'football_results_latin1.csv is not valid UTF-8, so it was read as Windows-1252 (Western European). ' +
        'If accented letters look wrong, save the file again as "CSV UTF-8" and reload it.',
    ]);
    expect(cells(latin1.table)).toEqual(cells(utf8.table));
    expect(typesOf(latin1.table)).toEqual(typesOf(utf8.table));
    expect(latin1.source.sha256).toBe('1d281ade4ef31715f58b03f9eb57b0b79b4a939be085a53cc915cae8294bbb5a');
  });

  it('reads the LibreOffice workbook like the first 500 rows of the CSV', async () => {
    const { table, source, warnings } = await loadTable(dataset('variants/churn_first500.xlsx'));
    expect(source).toMatchObject({ format: 'xlsx', sheet: 'churn_first500', sheets: ['churn_first500'], encoding: null, delimiter: null });
    expect(source.sha256).toBe('deae507cc676dece412fee103013eb4a7ce8fb86655844a775f9eda9fbe2c560');
    const csv = (await loadTable(dataset('Churn_Modelling.csv'))).table;
    expect(cells(table)).toEqual(cells(csv, 500));
    expect(typesOf(table)).toEqual(typesOf(csv));
    expect(warnings).toEqual([]);
  });

  it('lists the sheets of the two-sheet workbook and loads the first unless told', async () => {
    const file = dataset('variants/two_sheets_titanic_iris.xlsx');
    expect(await listSheets(file)).toEqual(['titanic', 'iris']);
    const first = await loadTable(file);
    expect(first.source).toMatchObject({ sheet: 'titanic', sheets: ['titanic', 'iris'] });
    expect(first.warnings).toEqual(['two_sheets_titanic_iris.xlsx has 2 sheets ("titanic", "iris"); loaded "titanic". Pick another with --sheet.']);
    expect(cells(first.table)).toEqual(cells((await loadTable(dataset('titanic.csv'))).table, 200));
    const iris = await loadTable(file, { sheet: 'iris' });
    expect(cells(iris.table)).toEqual(cells((await loadTable(dataset('iris.csv'))).table));
    expect(iris.warnings).toEqual([]);
  });

  it('names the sheets when the one asked for does not exist', async () => {
    await expect(loadTable(dataset('variants/two_sheets_titanic_iris.xlsx'), { sheet: 'Sheet1' })).rejects.toMatchObject({
      code: 'unknown-sheet',
      message: 'two_sheets_titanic_iris.xlsx has no sheet named "Sheet1". Its sheets: "titanic", "iris".',
    });
  });

  it('explains how to convert a legacy .xls workbook', async () => {
    await expect(loadTable(dataset('variants/titanic_first200.xls'))).rejects.toMatchObject({
      code: 'legacy-xls',
      message: expect.stringMatching(/^titanic_first200\.xls is an Excel 97–2003 workbook \(\.xls\).*"Save As" → "Excel Workbook \(\.xlsx\)"/),
    });
    expect(await listSheets(dataset('titanic.csv'))).toEqual([]);
  });
});
