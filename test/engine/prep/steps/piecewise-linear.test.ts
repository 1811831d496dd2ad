import { describe, expect, it } from 'vitest';
import { pieceEdges, piecewiseLinear, pieceValue } from '../../../../engine/prep/steps/piecewise-linear.ts';
import { recipeFromJSON } from '../../../../engine/prep/recipe-json.ts';
import { cat, columnNames, errorOf, num, numbersIn, rows, tableOf } from '../fixtures.ts';

describe('piecewise-linear', () => {
  it('cuts at the training rows\' quantiles: element round(q·(n − 1)) of the sorted values, duplicates merged', () => {
    // 0..10 sorted, 4 pieces: indices round(0, 2.5, 5, 7.5, 10) = 0, 3 (2.5 rounds up), 5, 8, 10.
    expect(pieceEdges(Float64Array.from([10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 4)).toEqual([0, 3, 5, 8, 10]);
    // Few distinct values: the quantiles repeat, each edge is kept once, and no value is left to give pieces to.
    expect(pieceEdges(Float64Array.from([1, 1, 1, 2, 2, 3]), 16)).toEqual([1, 2, 3]);
    // One value: one piece of width 1 from it.
    expect(pieceEdges(Float64Array.from([4, 4, 4]), 8)).toEqual([4, 5]);
  });

  it('gives the edges that ties took to the values between the edges (quantiles of every row gave one piece)', () => {
    // 0 on 90 rows, then 1..10, 4 pieces: the quantiles are 0, 0, 0, 0, 10; the 3 missing edges are the inner
    // quartiles of 1..9 (elements round(2, 4, 6) = 3, 5, 7).
    const zeroMostly = Float64Array.from([...Array.from({ length: 90 }, () => 0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pieceEdges(zeroMostly, 4)).toEqual([0, 3, 5, 7, 10]);
    // Fewer values between the edges than edges missing: each once.
    expect(pieceEdges(Float64Array.from([...Array.from({ length: 20 }, () => 0), 5, 9]), 8)).toEqual([0, 5, 9]);
  });

  it('fills the pieces below a value, part of its own and none above; the outer pieces go on linearly', () => {
    const edges = [0, 10, 20, 40];
    const pieces = (x: number): number[] => [1, 2, 3].map((t) => pieceValue(x, edges, t));
    expect(pieces(5)).toEqual([0.5, 0, 0]);
    expect(pieces(15)).toEqual([1, 0.5, 0]);
    expect(pieces(30)).toEqual([1, 1, 0.5]);
    expect(pieces(40)).toEqual([1, 1, 1]);
    expect(pieces(-10)).toEqual([-1, 0, 0]);
    expect(pieces(60)).toEqual([1, 1, 2]);
  });

  it('learns from the training rows only and replaces each column in place by its pieces; gaps stay gaps', () => {
    const t = tableOf(num('a', [0, 10, 20, 1000, null]), cat('c', ['x', 'y', 'x', 'y', 'x']), num('b', [1, 2, 3, 4, 5]));
    // Training rows 0..2: edges of a are [0, 10, 20] with 2 pieces; the test row's 1000 does not move them.
    const state = piecewiseLinear.fit(t, rows(0, 1, 2), { columns: ['a'], pieces: 2 });
    expect(state).toEqual({ columns: [{ column: 'a', edges: [0, 10, 20] }] });
    const output = piecewiseLinear.transform(t, state, 'prepare');
    expect(columnNames(output.table)).toEqual(['a (piece 1)', 'a (piece 2)', 'c', 'b']);
    expect(numbersIn(output.table, 'a (piece 1)')).toEqual([0, 1, 1, 1, null]);
    expect(numbersIn(output.table, 'a (piece 2)')).toEqual([0, 0, 1, 99, null]);
    expect(output.note).toBe('encoded 1 column in 2 pieces');
  });

  it('reads its params and state back from a recipe, and refuses edges that do not increase', () => {
    const recipe = recipeFromJSON({ version: 1, target: { column: 'y' }, split: { train: 1, validation: 0, test: 0, stratify: false, seed: 1 }, steps: [{ id: 'p', kind: 'piecewise-linear', params: { columns: ['a'], pieces: 8 } }] });
    expect(recipe.steps[0]!.params).toEqual({ columns: ['a'], pieces: 8 });
    expect(piecewiseLinear.parseState({ columns: [{ column: 'a', edges: [1, 2] }] }, 'steps[0].state')).toEqual({ columns: [{ column: 'a', edges: [1, 2] }] });
    expect(errorOf(() => piecewiseLinear.parseState({ columns: [{ column: 'a', edges: [2, 2] }] }, 'steps[0].state')).message).toContain('"steps[0].state.columns[0].edges" should be at least two increasing finite numbers');
    expect(errorOf(() => piecewiseLinear.parseParams({ columns: ['a'], pieces: 0 }, 'steps[0].params')).message).toContain('a whole number from 1 to 256');
  });

  it('refuses a text column', () => {
    expect(errorOf(() => piecewiseLinear.fit(tableOf(cat('c', ['a'])), rows(0), { columns: ['c'] })).code).toBe('not-numeric');
  });
});
