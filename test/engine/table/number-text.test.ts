import { describe, expect, it } from 'vitest';
import { detectDecimalComma, isCanonicalNumberText, parseCellNumber, parseGroupedNumberText, parseNumberText } from '../../../engine/table/number-text.ts';
import { isInfinityText } from '../../../engine/table/missing.ts';
import { isCanonicalNumberBytes, parseNumberBytes } from '../../../engine/table/number-bytes.ts';
import { Rng } from '../../../engine/nn/rng.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseNumberText', () => {
  it('reads plain decimal notation as Number() does', () => {
    for (const text of ['12', '-3.5', '+2', '.5', '5.', '1e-3', '1E5', '-0.000123', '007', '2.5e+10']) {
      expect(parseNumberText(text, false)).toBe(Number(text));
    }
  });

  it('refuses what Number() accepts but a person would not call a number', () => {
    for (const text of ['', '0x1F', '1_000', 'Infinity', '-inf', '1e', '--1', '1.2.3', '1,5', ' 12', '12abc', 'e5', '.', '1e400']) {
      expect(parseNumberText(text, false), text).toBeNaN();
    }
  });

  it('reads a decimal comma only in decimal-comma mode, and then refuses the point', () => {
    expect(parseNumberText('41,5', true)).toBe(41.5);
    expect(parseNumberText('-122,23', true)).toBe(-122.23);
    expect(parseNumberText('880', true)).toBe(880);
    expect(parseNumberText('41.5', true)).toBeNaN();
  });
});

describe('parseGroupedNumberText', () => {
  it('reads thousands separators used consistently, in groups of three', () => {
    expect(parseGroupedNumberText('1,234', false)).toBe(1234);
    expect(parseGroupedNumberText('-1,234,567.25', false)).toBe(-1234567.25);
    expect(parseGroupedNumberText('12 345', false)).toBe(12345);
    expect(parseGroupedNumberText("1'000", false)).toBe(1000);
    expect(parseGroupedNumberText('1\u202f000,5', true)).toBe(1000.5);
    expect(parseGroupedNumberText('1.234,5', true)).toBe(1234.5);
  });

  it('refuses what only looks like it', () => {
    for (const text of ['1,5', '12,34', '1,2345', '0,123', '1,234.567.8', '1,234 567', ',123', '1234', '1.234']) {
      expect(parseGroupedNumberText(text, false), text).toBeNaN();
    }
    expect(parseGroupedNumberText('1,234', true), 'a decimal comma file groups with dots').toBeNaN();
    expect(parseCellNumber('12.5', false)).toBe(12.5);
  });
});

describe('isInfinityText', () => {
  it('names infinities and numbers too large for a double', () => {
    for (const text of ['Infinity', '-inf', '+INF', '∞', '1e309', '-2.5E400']) expect(isInfinityText(text), text).toBe(true);
    for (const text of ['1e308', 'info', '12', '1e3O9']) expect(isInfinityText(text), text).toBe(false);
  });
});

describe('isCanonicalNumberText', () => {
  it('says yes exactly when String(Number(text)) gives the text back', () => {
    const cases = ['41', '41.0', '0.5', '.5', '-0', '0', '007', '1e5', '+3', '12.50', '0.000001', '0.0000001', '-2.25', '123456789012345', '1234567890123456789', '5.'];
    for (const text of cases) expect(isCanonicalNumberText(text), text).toBe(String(Number(text)) === text);
  });
});

describe('parseNumberBytes', () => {
  it('gives the same double as Number() on the text, or NaN to send it to the text path', () => {
    const rng = new Rng(7);
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rng.next() * 10))).join('');
    for (let k = 0; k < 5_000; k++) {
      const sign = rng.next() < 0.3 ? '-' : '';
      const fraction = rng.next() < 0.6 ? `.${digits(1 + Math.floor(rng.next() * 8))}` : '';
      const exponent = rng.next() < 0.1 ? `e${Math.floor(rng.next() * 40) - 20}` : '';
      const text = `${sign}${digits(1 + Math.floor(rng.next() * 12))}${fraction}${exponent}`;
      const fast = parseNumberBytes(bytes(text), 0, text.length, 46);
      if (!Number.isNaN(fast)) expect(fast, text).toBe(Number(text));
      expect(isCanonicalNumberBytes(bytes(text), 0, text.length, 46), text).toBe(isCanonicalNumberText(text));
    }
  });

  it('handles the cases every loader meets, surrounding spaces included', () => {
    const cases: [string, number][] = [['0', 0], [' 39', 39], ['7.25 ', 7.25], ['-122.23', -122.23], ['1e3', 1000], ['.5', 0.5]];
    for (const [text, value] of cases) expect(parseNumberBytes(bytes(text), 0, text.length, 46)).toBe(value);
    expect(parseNumberBytes(bytes('41,5'), 0, 4, 44)).toBe(41.5);
    for (const text of ['', '  ', '?', 'NA', '1.5.2', 'V57', '-', '1e']) expect(parseNumberBytes(bytes(text), 0, text.length, 46), text).toBeNaN();
  });

  it('reads a field in the middle of a line by its offsets', () => {
    const line = bytes('a,12.5,b');
    expect(parseNumberBytes(line, 2, 6, 46)).toBe(12.5);
  });
});

describe('detectDecimalComma', () => {
  it('calls a semicolon file with 41,5-style cells decimal-comma', () => {
    expect(detectDecimalComma(['-122,23', '37,88', '41,0', 'NEAR BAY'], ';')).toBe(true);
  });

  it('takes no evidence from cells that could be thousands (1,234): alone, they keep the decimal point', () => {
    expect(detectDecimalComma(['62,151', '8,234', '1,500'], ';')).toBe(false);
    expect(detectDecimalComma(['62,151', '8,234', '3,5'], ';'), 'one cell that is surely a decimal decides').toBe(true);
  });

  it('keeps the point when points are the majority or the comma is the delimiter', () => {
    expect(detectDecimalComma(['7,4', '0.7', '0.076', '3.51'], ';')).toBe(false);
    expect(detectDecimalComma(['41,5', '12,5'], ',')).toBe(false);
  });
});
