import { beforeAll, describe, expect, it } from 'vitest';
import { permutationImportance, reorderedColumn, shuffleOrders } from '../../../engine/insight/importance.ts';
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import { predictRecords } from '../../../engine/model/predict.ts';
import { r2Score } from '../../../engine/metrics/regression.ts';
import { cellValue, findColumn, type Table } from '../../../engine/table/table.ts';
import { errorOf } from '../prep/fixtures.ts';
import { trainTruth, type TrainedTruth } from './generated.ts';

const drivers = (result: ReturnType<typeof permutationImportance>) => result.columns.slice(0, 2).map((c) => c.column).sort();
const byName = (result: ReturnType<typeof permutationImportance>, name: string) => result.columns.find((c) => c.column === name)!;

describe('permutation importance on tables whose truth is known', () => {
  let binary: TrainedTruth;
  let regression: TrainedTruth;
  let letters: TrainedTruth;

  beforeAll(() => {
    binary = trainTruth('binary', 1500, 30);
    regression = trainTruth('regression', 1500, 30);
    letters = trainTruth('multiclass', 2600, 60, [32]);
  });

  it.each(['binary', 'regression', 'multiclass'] as const)('%s: the number and the category that drive the target rank first, the noise near 0', (kind) => {
    const t = { binary, regression, multiclass: letters }[kind]!;
    const result = permutationImportance(t.model, t.table, t.testRows, { repeats: 5, seed: 1 });
    expect(result.metric).toBe(kind === 'regression' ? 'r2' : 'accuracy');
    expect(drivers(result)).toEqual(['color', 'signal']);
    const weakestDriver = Math.min(byName(result, 'signal').importance, byName(result, 'color').importance);
    for (const noise of ['noise', 'shade']) {
      const column = byName(result, noise);
      expect(Math.abs(column.importance)).toBeLessThan(0.03);
      expect(weakestDriver).toBeGreaterThan(10 * Math.abs(column.importance) + 0.05);
      expect(column.used).toBe(true);
    }
    expect(result.rows).toBe(t.testRows.length);
    expect(result.columns.map((c) => c.column).sort()).toEqual(['color', 'id', 'noise', 'shade', 'signal']);
  });

  it('26 classes: the accuracy drops from the baseline by the importance, and the ranks hold', () => {
    const result = permutationImportance(letters.model, letters.table, letters.testRows, { repeats: 3, seed: 9 });
    expect(letters.model.recipe.target.classLabels).toHaveLength(26);
    expect(result.baseline).toBeGreaterThan(0.5);
    expect(byName(result, 'signal').importance).toBeGreaterThan(0.3);
  });

  it('a column the recipe drops gets importance 0 and says why', () => {
    const result = permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 2, seed: 1 });
    expect(byName(result, 'id')).toEqual({ column: 'id', importance: 0, std: 0, used: false, note: expect.stringMatching(/^Not used: the cleaning recipe drops it .*identifier.*never sees it\.$/) });
  });

  it('is seeded: the same seed gives the same numbers, another seed other spreads', () => {
    const a = permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 3, seed: 5 });
    const b = permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 3, seed: 5 });
    const c = permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 3, seed: 6 });
    expect(b).toEqual(a);
    expect(c.columns.map((x) => x.std)).not.toEqual(a.columns.map((x) => x.std));
  });

  it('refuses repeats outside 1..100 and a file without the target, in words', () => {
    expect(errorOf(() => permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 0, seed: 1 }))).toMatchObject({ code: 'invalid-repeats' });
    const withoutTarget: Table = { rowCount: binary.table.rowCount, columns: binary.table.columns.filter((c) => c.name !== 'target') };
    expect(errorOf(() => permutationImportance(binary.model, withoutTarget, binary.testRows, { repeats: 1, seed: 1 })).message).toMatch(/no "target" column.*must hold/);
  });

  /**
   * The brute force: each shuffled copy of the rows written out as records (the form's path), predicted with
   * predictRecords, scored by hand against the target's labels or values.
   */
  function bruteForce(model: LoadedModel, table: Table, rows: Int32Array, seed: number, repeats: number): Map<string, number> {
    const target = findColumn(table, 'target')!;
    const records = Array.from(rows, (r) => Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c, r)])));
    const score = (shuffled: readonly Record<string, string | number | null>[]) => {
      const predictions = predictRecords(model, shuffled);
      expect(predictions.rejected).toEqual([]);
      if (predictions.values) return r2Score(Array.from(rows, (r) => cellValue(target, r) as number), predictions.values);
      return predictions.labels!.filter((label, i) => label === cellValue(target, rows[i]!)).length / rows.length;
    };
    const baseline = score(records);
    const out = new Map<string, number>();
    table.columns.forEach((column, k) => {
      if (!model.recipe.inputSchema.some((c) => c.name === column.name)) return;
      const drops = shuffleOrders(seed, k, rows.length, repeats).map((order) => baseline - score(records.map((rec, i) => ({ ...rec, [column.name]: records[order[i]!]![column.name]! }))));
      out.set(column.name, drops.reduce((a, b) => a + b, 0) / repeats);
    });
    return out;
  }

  it.each(['binary', 'regression', 'multiclass'] as const)('%s: matches a brute-force recomputation through predictRecords within float rounding', (kind) => {
    const t = { binary, regression, multiclass: letters }[kind]!;
    const result = permutationImportance(t.model, t.table, t.testRows, { repeats: 2, seed: 11 });
    const expected = bruteForce(t.model, t.table, t.testRows, 11, 2);
    expect(expected.size).toBe(4);
    for (const [column, importance] of expected) expect(byName(result, column).importance).toBeCloseTo(importance, 10);
  });

  it('judges an even sample of the rows when asked to, and says of how many', () => {
    const sampled = permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 1, seed: 1, maxRows: 100 });
    expect(sampled).toMatchObject({ rows: 100, sampledFrom: binary.testRows.length });
    const every = Int32Array.from({ length: 100 }, (_, k) => binary.testRows[Math.floor((k * binary.testRows.length) / 100)]!);
    expect(sampled.columns).toEqual(permutationImportance(binary.model, binary.table, every, { repeats: 1, seed: 1 }).columns);
    expect(permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 1, seed: 1 }).sampledFrom).toBeNull();
    expect(errorOf(() => permutationImportance(binary.model, binary.table, binary.testRows, { repeats: 1, seed: 1, maxRows: 1 }))).toMatchObject({ code: 'invalid-max-rows' });
  });

  it('reorders number and category cells alike', () => {
    const order = Int32Array.of(2, 0, 1);
    const numbers = reorderedColumn({ name: 'n', type: 'numeric', reason: '', storage: 'number', values: Float64Array.of(1, 2, 3) }, order);
    const labels = reorderedColumn({ name: 'c', type: 'categorical', reason: '', storage: 'category', codes: Int32Array.of(0, 1, -1), levels: ['x', 'y'] }, order);
    expect(numbers.storage === 'number' && Array.from(numbers.values)).toEqual([3, 1, 2]);
    expect(labels.storage === 'category' && Array.from(labels.codes)).toEqual([-1, 0, 1]);
  });
});
