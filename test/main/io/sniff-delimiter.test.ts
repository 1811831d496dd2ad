import { describe, expect, it } from 'vitest';
import { sniffLayout } from '../../../main/io/sniff-delimiter.ts';
import { detectFormat } from '../../../main/io/detect-format.ts';
import { hasQuotedField } from '../../../main/io/text-source.ts';

describe('sniffLayout', () => {
  it('picks the delimiter that splits header and rows alike', () => {
    expect(sniffLayout('a,b,c\n1,2,3\n4,5,6\n', true)).toEqual({ delimiter: ',', decimalComma: false, width: 3 });
    expect(sniffLayout('a|b\n1|2\n', true).delimiter).toBe('|');
    expect(sniffLayout('"x";"y"\n7.4;0.7\n', true).delimiter).toBe(';');
  });

  it('is not fooled by decimal commas in a semicolon file', () => {
    const text = 'longitude;latitude;housing_median_age\n-122,23;37,88;41,0\n-122,22;37,86;21,0\n';
    expect(sniffLayout(text, true)).toEqual({ delimiter: ';', decimalComma: true, width: 3 });
  });

  it('is not fooled by commas inside names in a tab file', () => {
    const text = 'Id\tName\tAge\n1\tBraund, Mr. Owen\t22\n2\tCumings, Mrs. John\t38\n';
    expect(sniffLayout(text, true).delimiter).toBe('\t');
  });

  it('falls back to a comma for a one-column file, and ignores a row cut off at the end of the sample', () => {
    expect(sniffLayout('name\nAnna\nBob\n', true)).toEqual({ delimiter: ',', decimalComma: false, width: 1 });
    expect(sniffLayout('a;b\n1;2\n3;4\n5', false).delimiter).toBe(';');
  });
});

describe('detectFormat', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('reads byte order marks', () => {
    expect(detectFormat(bytes(0xef, 0xbb, 0xbf, 0x61), 'a.csv')).toEqual({ format: 'text', encoding: 'utf-8', bom: true });
    expect(detectFormat(bytes(0xff, 0xfe, 0x61, 0), 'a.csv')).toEqual({ format: 'text', encoding: 'utf-16le', bom: true });
    expect(detectFormat(bytes(0xfe, 0xff, 0, 0x61), 'a.csv')).toEqual({ format: 'text', encoding: 'utf-16be', bom: true });
    expect(detectFormat(bytes(0x61, 0x2c, 0x62), 'a.csv')).toEqual({ format: 'text', encoding: 'utf-8', bom: false });
  });

  it('recognises UTF-16 saved without a byte order mark', () => {
    const le = new Uint8Array(new Uint16Array([...'a,b\n1,2\n'].map((c) => c.charCodeAt(0))).buffer);
    expect(detectFormat(le, 'a.csv')).toEqual({ format: 'text', encoding: 'utf-16le', bom: false });
    const be = Uint8Array.from([...'a,b\n1,2\n'].flatMap((c) => [0, c.charCodeAt(0)]));
    expect(detectFormat(be, 'a.csv')).toEqual({ format: 'text', encoding: 'utf-16be', bom: false });
  });

  it('knows a workbook from its zip entries and an old workbook from its signature', () => {
    expect(detectFormat(new TextEncoder().encode('PK\u0003\u0004..[Content_Types].xml'), 'a.csv')).toEqual({ format: 'xlsx' });
    expect(() => detectFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'old.xls')).toThrow(/Excel 97–2003 workbook/);
    expect(() => detectFormat(new TextEncoder().encode('%PDF-1.7'), 'report.csv')).toThrow(/report\.csv is not a table: it is a PDF file with a text-file name/);
  });
});

describe('hasQuotedField', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('finds a quote that opens a field, at the start, after a delimiter or after a line break', () => {
    expect(hasQuotedField(bytes('"a",b\n1,2'), ',')).toBe(true);
    expect(hasQuotedField(bytes('\ufeff"a",b\n1,2'), ',')).toBe(true);
    expect(hasQuotedField(bytes('a,b\n1,"x, y"'), ',')).toBe(true);
    expect(hasQuotedField(bytes('a;b\r\n"1";2'), ';')).toBe(true);
  });

  it('ignores quotes inside a field, which papaparse and the byte lane both keep as text', () => {
    expect(hasQuotedField(bytes('id\tname\n1\tMcGowan, Miss. Anna "Annie"\n'), '\t')).toBe(false);
    expect(hasQuotedField(bytes('a,b\n1,2'), ',')).toBe(false);
  });
});
