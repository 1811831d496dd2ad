import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../../engine/table/byte-dictionary.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('ByteDictionary', () => {
  it('finds a key by its bytes wherever they sit in a buffer', () => {
    const dictionary = new ByteDictionary();
    const line = bytes('No,Steady,No');
    expect(dictionary.get(line, 0, 2)).toBe(-1);
    dictionary.set(line, 0, 2, 0);
    dictionary.set(line, 3, 9, 1);
    expect(dictionary.get(line, 10, 12)).toBe(0);
    expect(dictionary.get(bytes('Steady'), 0, 6)).toBe(1);
    expect(dictionary.get(bytes('Stead'), 0, 5)).toBe(-1);
    expect(dictionary.get(bytes(''), 0, 0)).toBe(-1);
  });

  it('finds the empty key once it is stored, so empty cells share one entry', () => {
    // The empty key's hash skips the mixing loop: it must still compare equal to the int32 the table stores.
    const dictionary = new ByteDictionary();
    const empty = bytes('');
    dictionary.set(empty, 0, 0, 7);
    expect(dictionary.get(empty, 0, 0)).toBe(7);
    expect(dictionary.get(bytes('a,,b'), 2, 2)).toBe(7);
    expect(dictionary.size).toBe(1);
  });

  it('agrees with a Map over many keys of different lengths, through every resize', () => {
    const dictionary = new ByteDictionary();
    const reference = new Map<string, number>();
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const key = i % 7 === 0 ? '' + i : `key-${(i * 7919) % 15_000}`;
      const b = bytes(key);
      const found = dictionary.get(b, 0, b.length);
      if (found !== (reference.get(key) ?? -1)) disagreements.push(key);
      if (found < 0) {
        reference.set(key, reference.size);
        dictionary.set(b, 0, b.length, reference.size - 1);
      }
    }
    expect(disagreements).toEqual([]);
    expect(dictionary.size).toBe(reference.size);
    expect(reference.size).toBeGreaterThan(10_000);
  });

  it('keeps its own copy of the key bytes', () => {
    const dictionary = new ByteDictionary();
    const buffer = bytes('abc');
    dictionary.set(buffer, 0, 3, 5);
    buffer.set(bytes('xyz'));
    expect(dictionary.get(bytes('abc'), 0, 3)).toBe(5);
    expect(dictionary.get(buffer, 0, 3)).toBe(-1);
  });
});
