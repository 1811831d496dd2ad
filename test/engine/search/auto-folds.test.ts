/**
 * Folds the search chooses itself ('auto') never refuse a table for a rare class: like scikit-learn's
 * StratifiedKFold, a class with fewer rows than folds is dealt round as many folds as it has rows. Folds the user
 * chose (`--folds K`) still refuse with how many rows each class needs; a table too small for 5 folds of 2 rows is
 * refused either way. A zoo-like table: 7 classes, two of them
 * with 4 and 5 rows.
 */
import { describe, expect, it } from 'vitest';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import { DEFAULT_FOLDS, prepareSearch } from '../../../engine/search/search-data.ts';
import { cat, num, tableOf } from '../prep/fixtures.ts';

const SIZES: Record<string, number> = { mammal: 41, bird: 20, fish: 13, insect: 8, invertebrate: 10, reptile: 5, amphibian: 4 };

function zooLike(scale = 1) {
  const labels = Object.entries(SIZES).flatMap(([label, n]) => Array.from({ length: Math.max(1, Math.round(n * scale)) }, () => label));
  const order = [...labels.keys()].sort((a, b) => ((a * 7919) % labels.length) - ((b * 7919) % labels.length));
  const legs = order.map((i) => (labels[i]!.length % 5) + (i % 3));
  const table = tableOf(num('legs', legs), num('size', order.map((i) => i % 11)), cat('type', order.map((i) => labels[i]!)));
  return { table, recipe: suggestRecipe(table, { target: 'type' }) };
}

describe('folds the search chooses itself', () => {
  it('cross-validates a table whose rare classes have fewer rows than folds: every non-test row validates once, every fold trains on each class', () => {
    const { table, recipe } = zooLike();
    const { folds, encodings } = prepareSearch(table, recipe, { folds: 'auto', seed: 3 });
    const rows = encodings.standard!.rows;
    expect(folds).toHaveLength(DEFAULT_FOLDS);
    const validated = folds.flatMap((f) => [...f.validation]).sort((a, b) => a - b);
    expect(validated).toEqual(Array.from({ length: rows.rows }, (_, i) => i));
    const classCount = encodings.standard!.fitted.target.classLabels!.length;
    for (const fold of folds) {
      const seen = new Set([...fold.train].map((r) => rows.y[r]));
      expect(seen.size).toBe(classCount); // 3 amphibians outside the test rows: a fold validates at most one
    }
  });

  it('still refuses the same table with --folds 5 chosen, naming the rare classes and how many rows they have', () => {
    const { table, recipe } = zooLike();
    expect(() => prepareSearch(table, recipe, { folds: DEFAULT_FOLDS, seed: 3 })).toThrow(/5-fold cross-validation needs at least 5 rows of each class outside the test rows, but "(reptile|amphibian)" has \d/);
  });

  it('still refuses a table too small for 5 folds of 2 rows, saying how many rows it needs', () => {
    const table = tableOf(num('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), num('y', [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]));
    const recipe = suggestRecipe(table, { target: 'y', task: 'regression' });
    expect(() => prepareSearch(table, recipe, { folds: 'auto', seed: 1 })).toThrow(/^5-fold cross-validation needs at least 10 rows outside the test rows, and this table has 8\./);
  });
});
