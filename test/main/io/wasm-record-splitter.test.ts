import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ByteRecordSplitter } from '../../../main/io/byte-records.ts';
import { recordSplitter, WasmRecordSplitter, type RecordSplitter } from '../../../main/io/wasm-record-splitter.ts';
import { dataset } from './datasets.ts';

/**
 * Feeds `bytes` in chunks as the byte lane does (the cut-off record carried over) and lists every record as
 * numbers: its line, its field count and each field's start and end in the whole text; an error ends the list.
 */
function records(splitter: RecordSplitter, bytes: Uint8Array, chunk: number): (number | string)[] {
  const out: (number | string)[] = [];
  let carry = new Uint8Array(0);
  try {
    for (let position = 0; ; ) {
      const next = bytes.subarray(position, Math.min(bytes.length, position + chunk));
      const base = position - carry.length;
      position += next.length;
      const final = position >= bytes.length;
      const joined = new Uint8Array(carry.length + next.length);
      joined.set(carry);
      joined.set(next, carry.length);
      const batch = splitter.split(joined, final);
      for (let r = 0; r < batch.size; r++) {
        out.push(batch.lines[r]!, batch.fieldCounts[r]!);
        for (let f = batch.firstField[r]!; f < batch.firstField[r]! + batch.fieldCounts[r]!; f++) out.push(base + batch.starts[f]!, base + batch.ends[f]!);
      }
      carry = joined.slice(batch.consumed);
      if (final) break;
    }
  } catch (error) {
    out.push(`${(error as Error).name}: ${(error as Error).message}`);
  }
  return out;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('the WebAssembly record splitter', () => {
  it('is what this runtime uses', () => {
    expect(recordSplitter(',')).toBeInstanceOf(WasmRecordSplitter);
  });

  it.each(['diabetes130_readmission.csv', 'adult.csv', 'Churn_Modelling.csv', 'iris.csv', 'variants/titanic.tsv', 'variants/housing_semicolon_decimal_comma.csv'])('splits %s as the TypeScript splitter does, in other chunks', (file) => {
    const bytes = new Uint8Array(readFileSync(dataset(file)));
    const delimiter = file.endsWith('.tsv') ? '\t' : file.includes('semicolon') ? ';' : ',';
    const expected = records(new ByteRecordSplitter(delimiter), bytes, 1 << 20);
    const found = records(new WasmRecordSplitter(delimiter), bytes, 65_537);
    expect(found.length).toBe(expected.length);
    expect(found.findIndex((value, i) => value !== expected[i])).toBe(-1);
  });

  it('agrees on 3000 random texts of delimiters, quotes, spaces and every line ending, cut anywhere', () => {
    const next = random(42);
    const alphabet = ['a', 'b', ',', ',', '\n', '\r', '\r\n', '"', ' ', '1', 'é'];
    for (let trial = 0; trial < 3000; trial++) {
      const length = Math.floor(next() * 120);
      const text = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
      const chunk = 1 + Math.floor(next() * 40);
      const expected = records(new ByteRecordSplitter(','), bytes, chunk);
      expect(records(new WasmRecordSplitter(','), bytes, chunk), JSON.stringify({ text, chunk })).toEqual(expected);
    }
  });

  it('stops at a quoted field with the line it is on', () => {
    const bytes = new Uint8Array(Buffer.from('a,b\n1,2\n3,"x"\n'));
    expect(records(new WasmRecordSplitter(','), bytes, 1 << 20).at(-1)).toBe('QuotedFieldError: line 3 has a quoted field');
  });
});
