import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/nn/rng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('restores from its state and continues the same sequence', () => {
    const a = new Rng(7);
    a.next();
    const b = new Rng(a.getState());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(Array.from({ length: 5 }, () => a.next()));
  });

  it('draws uniform values in [0, 1) with the right mean and variance', () => {
    const rng = new Rng(1);
    const n = 200_000;
    let sum = 0, sumSq = 0, min = 1, max = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.next();
      sum += v; sumSq += v * v; min = Math.min(min, v); max = Math.max(max, v);
    }
    const mean = sum / n;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals with mean 0 and variance 1, truncated ones within ±2', () => {
    const rng = new Rng(2);
    const n = 200_000;
    let sum = 0, sumSq = 0;
    for (let i = 0; i < n; i++) { const v = rng.normal(); sum += v; sumSq += v * v; }
    expect(sum / n).toBeCloseTo(0, 2);
    expect(sumSq / n).toBeCloseTo(1, 1);
    for (let i = 0; i < 10_000; i++) expect(Math.abs(rng.truncatedNormal())).toBeLessThanOrEqual(2);
  });

  it('draws unbiased integers and shuffles into a permutation', () => {
    const rng = new Rng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    rng.shuffle(values);
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('draws the integers and shuffles that % gives (the fast remainder is exact up to 2^32)', () => {
    // The definition: rejection below the largest multiple of n under 2^32, then x % n on the 32-bit draw.
    const reference = (rng: Rng, n: number): number => {
      const limit = 4294967296 - (4294967296 % n);
      let x = rng.nextUint32();
      while (x >= limit) x = rng.nextUint32();
      return x % n;
    };
    for (const n of [1, 2, 3, 7, 10, 1000, 8000, 65537, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * 2 ** 30, 2 ** 32 - 1, 2 ** 32]) {
      const fast = new Rng(n % 1000), slow = new Rng(n % 1000);
      for (let i = 0; i < 2000; i++) expect(fast.int(n)).toBe(reference(slow, n));
    }
    const values = Array.from({ length: 5000 }, (_, i) => i), expected = [...values];
    const slow = new Rng(9);
    for (let i = expected.length - 1; i > 0; i--) {
      const j = reference(slow, i + 1);
      [expected[i], expected[j]] = [expected[j]!, expected[i]!];
    }
    new Rng(9).shuffle(values);
    expect(values).toEqual(expected);
  });

  it('rejects an integer range it cannot draw from', () => {
    expect(() => new Rng(1).int(0)).toThrow(RangeError);
    expect(() => new Rng(1).int(2.5)).toThrow(RangeError);
  });
});
