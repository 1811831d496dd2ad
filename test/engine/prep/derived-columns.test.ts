import { describe, expect, it } from 'vitest';
import { derivationOf, derivedColumn } from '../../../engine/prep/derived-columns.ts';
import { featureMatrix } from '../../../engine/prep/matrix.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { encode } from '../../../engine/prep/steps/encode.ts';
import { scale } from '../../../engine/prep/steps/scale.ts';
import { numberColumn, takeRows } from '../../../engine/prep/table-ops.ts';
import type { NumberColumn, Table } from '../../../engine/table/table.ts';
import { cat, num, rows, tableOf } from './fixtures.ts';

/** The same column as a plain one: its values read (materialized) into a fresh array. */
const plain = (c: NumberColumn): NumberColumn => numberColumn(c.name, Float64Array.from(c.values), c.type, c.reason);
const numbers = (table: Table): NumberColumn[] => table.columns.filter((c): c is NumberColumn => c.storage === 'number');

describe('derived columns', () => {
  const geography = tableOf(cat('Geography', ['Spain', 'France', 'Germany', 'France', 'Italy', null, 'Spain']), num('Age', [18, 40.5, 33, NaN, 71, 22, -0]));
  const train = rows(0, 1, 2, 3);

  it('one-hot columns keep the codes: their values read as 1, 0, NaN for a missing cell, 0 for an unseen level', () => {
    const out = encode.transform(geography, encode.fit(geography, train, { column: 'Geography', method: 'one-hot' }), 'prepare').table;
    const spain = out.columns.find((c) => c.name === 'Geography=Spain') as NumberColumn;
    expect(derivationOf(spain)?.kind).toBe('one-hot');
    expect(Array.from(spain.values)).toEqual([1, 0, 0, 0, 0, NaN, 1]);
  });

  it('scaled columns keep their source: values are (x − center) / scale in float64, as the eager transform wrote', () => {
    const state = scale.fit(geography, train, { columns: ['Age'], method: 'standard' });
    const age = scale.transform(geography, state, 'prepare').table.columns.find((c) => c.name === 'Age') as NumberColumn;
    const { center, scale: spread } = state.columns[0]!;
    expect(derivationOf(age)?.kind).toBe('affine');
    expect(Array.from(age.values)).toEqual([18, 40.5, 33, NaN, 71, 22, -0].map((v) => (v - center) / spread));
  });

  it('build the same float32 matrix as their materialized values, NaN and all', () => {
    const encoded = encode.transform(geography, encode.fit(geography, train, { column: 'Geography', method: 'one-hot', maxLevels: 2 }), 'prepare').table;
    const scaled = scale.transform(encoded, scale.fit(encoded, train, { columns: ['Age'], method: 'robust' }), 'prepare').table;
    const derived = numbers(scaled);
    expect(derived.every((c) => derivationOf(c))).toBe(true);
    const order = Int32Array.from([6, 0, 5, 3, 1]);
    const fromRecipe = featureMatrix(derived, order);
    const fromValues = featureMatrix(derived.map(plain), order);
    expect(fromRecipe.finite).toBe(false);
    expect(fromValues.finite).toBe(false);
    expect(Array.from(fromRecipe.x)).toEqual(Array.from(fromValues.x));
  });

  it('stay derived when a step takes rows, with the values of the rows taken', () => {
    const encoded = encode.transform(geography, encode.fit(geography, train, { column: 'Geography', method: 'one-hot' }), 'prepare').table;
    const taken = takeRows(encoded, Int32Array.from([6, 2, 5]));
    const france = taken.columns.find((c) => c.name === 'Geography=France') as NumberColumn;
    const spain = taken.columns.find((c) => c.name === 'Geography=Spain') as NumberColumn;
    expect(derivationOf(france)?.kind).toBe('one-hot');
    // One copy of the codes serves every level of the category.
    expect(derivationOf(france)).toMatchObject({ codes: (derivationOf(spain) as { codes: Int32Array }).codes });
    expect(Array.from(spain.values)).toEqual([1, 0, NaN]);
    expect(Array.from((taken.columns.find((c) => c.name === 'Age') as NumberColumn).values)).toEqual([-0, 33, 22]);
  });

  it('reading values once keeps them: a later read returns the same array', () => {
    const column = derivedColumn('x', 'numeric', 'test', { kind: 'affine', source: Float64Array.of(1, 2, 3), center: 1, scale: 2 });
    expect(column.values).toBe(column.values);
    expect(Array.from(column.values)).toEqual([0, 0.5, 1]);
  });

  it('prepare gives the same matrices as the eager transform: one-hot and scaling built from the recipe', () => {
    const colors = ['red', 'green', 'blue', 'red', 'green', 'blue', 'red', 'red', 'green', 'blue'];
    const sizes = [1, 5, 3, 8, 2, 9, 4, 6, 7, 10];
    const table = tableOf(cat('Color', colors), num('Size', sizes), cat('Target', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']));
    const prepared = prepare(table, {
      version: 1,
      target: { column: 'Target' },
      split: { train: 0.6, validation: 0.2, test: 0.2, stratify: false, seed: 3 },
      steps: [
        { id: 'encode', kind: 'encode', params: { column: 'Color', method: 'one-hot' } },
        { id: 'scale', kind: 'scale', params: { columns: ['Size'], method: 'standard' } },
      ],
    });
    const { center, scale: spread } = (prepared.fitted.steps[1]!.state as { columns: { center: number; scale: number }[] }).columns[0]!;
    const expected = (row: number): number[] => [...['blue', 'green', 'red'].map((c) => (colors[row] === c ? 1 : 0)), Math.fround((sizes[row]! - center) / spread)];
    for (const split of [prepared.train, prepared.validation, prepared.test]) {
      expect(Array.from(split.x)).toEqual(Array.from(split.rowIndex).flatMap(expected));
    }
  });
});
