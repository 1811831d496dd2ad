import { beforeAll, describe, expect, it } from 'vitest';
import { partialDependence, whatIf, whatIfGrid, WHAT_IF_POINTS } from '../../../engine/insight/what-if.ts';
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import { predictRecords } from '../../../engine/model/predict.ts';
import { cellValue, type Table } from '../../../engine/table/table.ts';
import { errorOf } from '../prep/fixtures.ts';
import { trainTruth, type TrainedTruth } from './generated.ts';

/** The model's outputs for one record through predictRecords, laid out as what-if lays them out. */
function predictOne(model: LoadedModel, record: Record<string, string | number | null>): number[] | null {
  const p = predictRecords(model, [record]);
  if (p.rowIndex.length === 0) return null;
  if (p.values) return [p.values[0]!];
  const probabilities = Array.from(p.probabilities!);
  return probabilities.length === 1 ? [1 - probabilities[0]!, probabilities[0]!] : probabilities;
}

const recordOf = (table: Table, row: number) => Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c, row)]));

describe('what-if curves', () => {
  let binary: TrainedTruth;
  let regression: TrainedTruth;
  let letters: TrainedTruth;

  beforeAll(() => {
    binary = trainTruth('binary', 1200, 20);
    regression = trainTruth('regression', 1200, 20);
    letters = trainTruth('multiclass', 2600, 40, [32]);
  });

  it('tries a number across its training range and a margin beyond, a category through its training levels', () => {
    const numbers = whatIfGrid(binary.model, 'signal');
    const input = binary.model.recipe.inputSchema.find((c) => c.name === 'signal')!;
    expect(numbers.kind).toBe('number');
    expect(numbers.values).toHaveLength(WHAT_IF_POINTS);
    expect(numbers.training).toEqual({ min: input.min, max: input.max });
    expect(numbers.values[0]).toBeLessThan(input.min!);
    expect(numbers.values.at(-1)).toBeGreaterThan(input.max!);
    expect(whatIfGrid(binary.model, 'color')).toMatchObject({ kind: 'category', values: ['blue', 'green', 'red'], training: null });
    const ages = { ...binary.model, recipe: { ...binary.model.recipe, inputSchema: [{ name: 'Age', type: 'numeric', storage: 'number', min: 0.42, max: 80, missingAllowed: true }] } } as LoadedModel;
    expect(whatIfGrid(ages, 'Age').values[0]).toBe(0);
    expect(whatIfGrid(ages, 'Age').values.at(-1)).toBeCloseTo(80 + 0.15 * 79.58, 10);
    expect(errorOf(() => whatIfGrid(binary.model, 'id')).message).toMatch(/no input named "id"/);
  });

  it.each(['binary', 'regression', 'multiclass'] as const)('%s: the row curve and the average match predicting each point through predictRecords', (kind) => {
    const t = { binary, regression, multiclass: letters }[kind]!;
    const record = recordOf(t.table, t.testRows[0]!);
    const rows = t.testRows.subarray(0, 12);
    for (const column of ['signal', 'color']) {
      const result = whatIf(t.model, { column, record, rows: { table: t.table, rows } });
      expect(result.row.current).toEqual(predictOne(t.model, record));
      result.grid.values.forEach((value, i) => {
        const expected = predictOne(t.model, { ...record, [column]: value })!;
        result.row.outputs[i]!.forEach((o, k) => expect(o).toBeCloseTo(expected[k]!, 6));
        const each = Array.from(rows, (r) => predictOne(t.model, { ...recordOf(t.table, r), [column]: value })!);
        const mean = each[0]!.map((_, k) => each.reduce((s, o) => s + o[k]!, 0) / each.length);
        result.average!.outputs[i]!.forEach((o, k) => expect(o).toBeCloseTo(mean[k]!, 6));
      });
      expect(result.average).toMatchObject({ rows: 12, of: 12 });
    }
  });

  it('follows the truth: the probability of "yes" rises with signal, red lifts it, blue lowers it', () => {
    const record = { ...recordOf(binary.table, binary.testRows[0]!), signal: 0, color: 'green' };
    const bySignal = whatIf(binary.model, { column: 'signal', record }).row.outputs.map((o) => o![1]!);
    expect(bySignal[0]).toBeLessThan(0.2);
    expect(bySignal.at(-1)).toBeGreaterThan(0.8);
    const byColor = whatIf(binary.model, { column: 'color', record });
    const p = Object.fromEntries(byColor.grid.values.map((v, i) => [v, byColor.row.outputs[i]![1]!]));
    expect(p.red).toBeGreaterThan(p.green!);
    expect(p.green).toBeGreaterThan(p.blue!);
    expect(byColor.classLabels).toEqual(['no', 'yes']);
  });

  it('regression: the value moves by about 3 per unit of signal, in the target units', () => {
    const record = recordOf(regression.table, regression.testRows[0]!);
    const result = whatIf(regression.model, { column: 'signal', record });
    const [a, b] = [20, 30];
    const slope = (result.row.outputs[b]![0]! - result.row.outputs[a]![0]!) / ((result.grid.values[b] as number) - (result.grid.values[a] as number));
    expect(slope).toBeGreaterThan(2.5);
    expect(slope).toBeLessThan(3.5);
    expect(result.classLabels).toBeNull();
  });

  it('averages an even sample of at most the given number of rows, and says how many', () => {
    const grid = whatIfGrid(letters.model, 'color');
    const average = partialDependence(letters.model, letters.table, letters.testRows, grid, 50);
    expect(average).toMatchObject({ rows: 50, of: letters.testRows.length });
    for (const outputs of average.outputs) expect(outputs!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(average.outputs[0]).toHaveLength(26);
  });

  it('a row the recipe cannot use says why and has no curve point', () => {
    const record = { ...recordOf(binary.table, binary.testRows[0]!), noise: null };
    const result = whatIf(binary.model, { column: 'signal', record });
    expect(result.row.current).toBeNull();
    expect(result.row.error).toMatch(/"noise" is empty/);
    expect(result.row.outputs.every((o) => o === null)).toBe(true);
  });
});
