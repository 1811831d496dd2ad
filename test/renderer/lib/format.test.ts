import { describe, expect, it } from 'vitest';
import { cellText, fileSize, percent, plural, readableNumber, splitText } from '../../../renderer/src/lib/format.ts';
import { columnarSource } from '../../../renderer/src/lib/table/table-source.ts';

describe('format', () => {
  it('writes sizes, counts and shares the way the screens show them', () => {
    expect(fileSize(57)).toBe('57 bytes');
    expect(fileSize(60302)).toBe('59 KB');
    expect(fileSize(19_200_000)).toBe('18.3 MB');
    expect(fileSize(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(101766, 'row')).toBe('101,766 rows');
    expect(percent(0.1999)).toBe('19%');
    expect(percent(1.2)).toBe('100%');
    expect(percent(2 / 344), 'a few gaps never read as none').toBe('<1%');
    expect(percent(0)).toBe('0%');
  });

  it('writes years and codes without a thousands separator, larger numbers with one', () => {
    expect(readableNumber(2008)).toBe('2008');
    expect(readableNumber(-9999.5, { maximumFractionDigits: 1 })).toBe('-9999.5');
    expect(readableNumber(10_000)).toBe('10,000');
    expect(readableNumber(118_400)).toBe('118,400');
  });

  it('writes a split the same way wherever it is shown', () => {
    const split = { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 };
    expect(splitText(split, 'binary')).toBe('70% training · 15% validation · 15% test · stratified · seed 42');
    expect(splitText(split, 'regression'), 'a number cannot be stratified').toBe('70% training · 15% validation · 15% test · seed 42');
  });

  it('shows numbers as stored and dates as ISO, with the time only when there is one', () => {
    expect(cellText(7.25, 'numeric')).toBe('7.25');
    expect(cellText(443867222, 'id')).toBe('443867222');
    expect(cellText(Date.UTC(1872, 10, 30), 'datetime')).toBe('1872-11-30');
    expect(cellText(Date.UTC(2024, 0, 2, 13, 5, 9), 'datetime')).toBe('2024-01-02 13:05:09');
    expect(cellText('Braund, Mr. Owen Harris', 'text')).toBe('Braund, Mr. Owen Harris');
  });

  it('columnarSource reads columns of any array type, NaN and null as missing', () => {
    const source = columnarSource([
      { name: 'p', numeric: true, values: new Float32Array([0.25, NaN]) },
      { name: 'label', numeric: false, values: ['yes', null] },
    ]);
    expect(source.rowCount).toBe(2);
    expect([source.text(0, 0), source.text(1, 0), source.text(0, 1), source.text(1, 1)]).toEqual(['0.25', null, 'yes', null]);
  });
});
