import { describe, expect, it } from 'vitest';
import { copiedTestRows } from '../../bench/quality/file-split.ts';
import { cat, num, tableOf } from '../engine/prep/fixtures.ts';

describe('bench:quality copiedTestRows', () => {
  const train = tableOf(num('a', [1, 2, 3, null]), cat('b', ['x', 'y', 'x', 'y']), num('id', [10, 11, 12, 13]), num('y', [5, 6, 7, 8]));

  it('counts test rows whose inputs equal a training row, whatever their target, gaps equal to gaps', () => {
    const test = tableOf(num('a', [1, 1, 3, null, 2]), cat('b', ['x', 'y', 'y', 'y', 'y']), num('id', [20, 21, 22, 23, 24]), num('y', [9, 5, 7, 8, 0]));
    // Row 0 copies training row 0 (another target), row 3 copies row 3 (a gap in both), row 4 copies row 1.
    expect(copiedTestRows(train, test, 'y', new Set(['id']))).toBe(3);
  });

  it('compares only the columns the tools see: a kept column that differs makes a row new', () => {
    const test = tableOf(num('a', [1]), cat('b', ['x']), num('id', [99]), num('y', [5]));
    expect(copiedTestRows(train, test, 'y', new Set())).toBe(0);
    expect(copiedTestRows(train, test, 'y', new Set(['id']))).toBe(1);
  });
});
