/**
 * The search's input encodings: `robust` is the suggested recipe with robust scaling and a signed log1p before
 * its standardizing, fitted on the non-test rows only, and offered only where it was measured (small tables
 * with number columns).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import type { ScaleState } from '../../../engine/prep/steps/scale.ts';
import { prepareSearch, robustRecipe, ROBUST_INPUTS_MAX_ROWS } from '../../../engine/search/search-data.ts';
import type { NumberColumn, Table } from '../../../engine/table/table.ts';
import { loadTable } from '../../../main/io/load-table.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const CHOICE = { folds: 'auto', seed: 5 } as const;

async function titanic(): Promise<{ table: Table; recipe: Recipe }> {
  const { table } = await loadTable(resolve(DATASETS, 'titanic.csv'));
  return { table, recipe: suggestRecipe(table, { target: 'Survived' }) };
}

/** numpy's linear quantile of sorted values (what the robust scaler uses). */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
}

function stepState<T>(fitted: { steps: readonly { id: string; state: unknown }[] }, id: string): T {
  return fitted.steps.find((s) => s.id === id)!.state as T;
}

describe('the robust input encoding of the search', () => {
  it('replaces the standardizing step by robust scaling, a signed log1p and the standardizing, on the same columns', async () => {
    const { recipe } = await titanic();
    const scale = recipe.steps.find((s) => s.kind === 'scale')!;
    const robust = robustRecipe(recipe)!;
    const at = robust.steps.findIndex((s) => s.id === 'scale-robust');
    expect(robust.steps.slice(at).map((s) => [s.id, s.kind, s.params])).toEqual([
      ['scale-robust', 'scale', { columns: scale.params.columns, method: 'robust' }],
      ['scale-log', 'log-transform', { columns: scale.params.columns }],
      ['scale', 'scale', scale.params],
    ]);
    // Every other step as it was, in its place.
    expect(robust.steps.filter((s) => s.id !== 'scale-robust' && s.id !== 'scale-log')).toEqual(recipe.steps);
    expect(robustRecipe({ ...recipe, steps: recipe.steps.filter((s) => s.kind !== 'scale') })).toBeNull();
  });

  it('learns the median, IQR and standardizing from the non-test rows only: other test values change nothing', async () => {
    const { table, recipe } = await titanic();
    const prepared = prepareSearch(table, recipe, CHOICE);
    const data = prepared.encodings.robust!;
    expect(data.fitted.features).toEqual(prepared.encodings.standard!.fitted.features);
    expect(data.rows.rows).toBe(prepared.encodings.standard!.rows.rows);
    const fare = table.columns.find((c) => c.name === 'Fare') as NumberColumn;
    const nonTest = Array.from(data.rows.rowIndex, (row) => fare.values[row]!);
    const sorted = [...nonTest].sort((a, b) => a - b);
    const [center, iqr] = [quantile(sorted, 0.5), quantile(sorted, 0.75) - quantile(sorted, 0.25)];
    const robustFare = stepState<ScaleState>(data.fitted, 'scale-robust').columns.find((c) => c.column === 'Fare')!;
    expect(robustFare.center).toBeCloseTo(center, 12);
    expect(robustFare.scale).toBeCloseTo(iqr, 12);
    const logged = nonTest.map((v) => Math.sign(v - center) * Math.log1p(Math.abs((v - center) / iqr)));
    const mean = logged.reduce((a, b) => a + b, 0) / logged.length;
    const standardFare = stepState<ScaleState>(data.fitted, 'scale').columns.find((c) => c.column === 'Fare')!;
    expect(standardFare.center).toBeCloseTo(mean, 10);

    const testRows = prepared.test.robust!.rowIndex;
    expect(testRows.length).toBeGreaterThan(100);
    const values = Float64Array.from(fare.values);
    for (const row of testRows) values[row] = values[row]! * 1000 + 500;
    const changed: Table = { ...table, columns: table.columns.map((c) => (c === fare ? { ...fare, values } : c)) };
    expect(prepareSearch(changed, recipe, CHOICE).encodings.robust!.fitted.steps).toEqual(data.fitted.steps);
  });

  it('is offered only with number columns to scale, and only on small tables', async () => {
    const { table, recipe } = await titanic();
    const noNumbers = prepareSearch(table, { ...recipe, steps: recipe.steps.filter((s) => s.kind !== 'scale') }, CHOICE);
    expect(Object.keys(noNumbers.encodings)).toEqual(['standard']);
    const { table: churn } = await loadTable(resolve(DATASETS, 'Churn_Modelling.csv'));
    const large = prepareSearch(churn, suggestRecipe(churn, { target: 'Exited' }), CHOICE);
    expect(large.encodings.standard!.rows.rows).toBeGreaterThan(ROBUST_INPUTS_MAX_ROWS);
    expect(Object.keys(large.encodings).sort()).toEqual(['pieces', 'standard']);
    expect(Object.keys(prepareSearch(table, recipe, CHOICE).encodings).sort()).toEqual(['pieces', 'robust', 'standard']);
  }, 60_000);
});
