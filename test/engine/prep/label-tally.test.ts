import { describe, expect, it } from 'vitest';
import { columnFacts } from '../../../engine/prep/column-facts.ts';
import { distinctNumbers, labelTally, LISTED_NUMBER_VALUES } from '../../../engine/prep/label-tally.ts';
import { countLabels } from '../../../engine/prep/labels.ts';
import { allRows } from '../../../engine/prep/table-ops.ts';
import { detectTask } from '../../../engine/prep/target.ts';
import type { Column } from '../../../engine/table/table.ts';
import { countDistinct } from '../../../engine/table/number-summary.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { cat, num, tableOf } from './fixtures.ts';

const rng = new Rng(7);
const draw = (n: number, make: (i: number) => number | null) => Array.from({ length: n }, (_, i) => make(i));

const columns: Column[] = [
  num('binary', draw(500, (i) => (i % 3 === 0 ? null : i % 2))),
  num('signed zeros', draw(300, (i) => [0, -0, 1, -0, 2][i % 5]!)),
  num('infinities', draw(400, (i) => [Infinity, -Infinity, 3.5, null][i % 4]!)),
  num('64 values', draw(1000, (i) => i % LISTED_NUMBER_VALUES)),
  num('65 values', draw(1000, (i) => i % (LISTED_NUMBER_VALUES + 1))),
  num('measurements', draw(20_000, () => (rng.next() < 0.05 ? null : Math.round(rng.normal() * 1000) / 10))),
  num('all distinct, with a −0', draw(5000, (i) => (i === 17 ? -0 : i - 2500 + rng.next()))),
  num('empty', draw(50, () => null)),
  cat('few labels', draw(300, (i) => (i % 7 === 0 ? null : i % 3)).map((v) => (v === null ? null : `L${v}`))),
  cat('three rows', ['a', 'b', 'a']),
];
// A category column whose codes leave a level out (a filtered table): the tally lists present labels only.
const filtered = cat('filtered', ['x', 'y', 'z', 'x']);
columns.push({ ...filtered, codes: Int32Array.from([0, 2, 2, -1]) });

describe('labelTally', () => {
  it.each(columns.map((c) => [c.name, c] as const))('agrees with countLabels over all rows: %s', (_, column) => {
    const rows = column.storage === 'number' ? column.values.length : column.codes.length;
    const counts = countLabels(column, allRows(rows));
    const tally = labelTally(column);
    expect(tally.distinct).toBe(counts.size);
    expect(tally.present).toBe([...counts.values()].reduce((a, b) => a + b, 0));
    expect(tally.first).toBe(counts.keys().next().value ?? null);
    if (tally.counts) expect([...tally.counts]).toEqual([...counts]);
    else expect(counts.size).toBeGreaterThan(LISTED_NUMBER_VALUES);
    expect(detectTask(column, tally.counts)).toBe(detectTask(column, counts));
  });

  it('is computed once per column: the same object again, and the facts of a column are kept', () => {
    const column = columns[5]!;
    expect(labelTally(column)).toBe(labelTally(column));
    const table = tableOf(column);
    expect(columnFacts(table, column)).toBe(columnFacts(table, column));
  });
});

describe('distinctNumbers', () => {
  it('counts what sorting a copy counts, on values that collide in a small table and grow it many times', () => {
    for (const values of [
      Float64Array.from(draw(100_000, () => Math.floor(rng.next() * 30_000))),
      Float64Array.from(draw(50_000, (i) => (i % 5 === 0 ? NaN : rng.normal() * 1e6))),
      Float64Array.from(draw(4096, (i) => i * 2 ** 20)), // the same low bits
      Float64Array.from(draw(4096, (i) => 2 ** (i % 1024) * (i % 2 ? -1 : 1))),
    ]) {
      const present = values.reduce((n, v) => n + (Number.isNaN(v) ? 0 : 1), 0);
      const min = values.reduce((m, v) => (v < m ? v : m), Infinity);
      expect(distinctNumbers(values)).toEqual({ present, distinct: countDistinct(values), min });
    }
  });
});
