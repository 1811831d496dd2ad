import { describe, expect, it } from 'vitest';
import { splitRows } from '../../../engine/prep/split.ts';
import type { SplitSpec } from '../../../engine/prep/types.ts';

const SPEC: SplitSpec = { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 };

function classCounts(rowsOf: Int32Array, classes: Int32Array, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  rowsOf.forEach((r) => counts[classes[r]!]!++);
  return counts;
}

describe('splitRows', () => {
  it('splits round(n · fraction) rows into validation and test and the rest into training', () => {
    const split = splitRows(1000, { ...SPEC, stratify: false });
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([700, 150, 150]);
  });

  it('uses every row exactly once and returns each split in ascending order', () => {
    const split = splitRows(101, SPEC);
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 101 }, (_, i) => i));
    for (const part of [split.train, split.validation, split.test]) expect(Array.from(part)).toEqual(Array.from(part).sort((a, b) => a - b));
  });

  it('keeps class proportions in every split when stratified (within one row per class)', () => {
    // 80% class 0, 20% class 1, interleaved so an unstratified cut would not match by accident.
    const classes = Int32Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const split = splitRows(1000, SPEC, classes);
    expect(classCounts(split.train, classes, 2)).toEqual([560, 140]);
    expect(classCounts(split.validation, classes, 2)).toEqual([120, 30]);
    expect(classCounts(split.test, classes, 2)).toEqual([120, 30]);
  });

  it('matches the overall split sizes when class shares do not divide evenly (largest remainder)', () => {
    // Iris: 3 × 50 rows. 15% of 150 = 22.5 → 23 test rows: 8 + 8 + 7, not 8 + 8 + 8.
    const classes = Int32Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));
    const split = splitRows(150, SPEC, classes);
    expect(split.test.length).toBe(23);
    expect(split.validation.length).toBe(23);
    for (const part of [split.validation, split.test]) for (const n of classCounts(part, classes, 3)) expect([7, 8]).toContain(n);
  });

  it('keeps at least one training row for a class with a single row', () => {
    const classes = Int32Array.from({ length: 21 }, (_, i) => (i === 20 ? 1 : 0));
    const split = splitRows(21, { ...SPEC, validation: 0.25, test: 0.25 }, classes);
    expect(Array.from(split.train)).toContain(20);
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    const a = splitRows(500, SPEC);
    const b = splitRows(500, SPEC);
    const c = splitRows(500, { ...SPEC, seed: 7 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });
});
