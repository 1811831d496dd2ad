import { describe, expect, it } from 'vitest';
import { PrepareCache, prepare, preparePreview } from '../../../engine/prep/prepare.ts';
import { recipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import type { ImputeState } from '../../../engine/prep/steps/impute.ts';
import type { ScaleState } from '../../../engine/prep/steps/scale.ts';
import { transformStep } from '../../../engine/prep/run-step.ts';
import type { Recipe, RecipeStep } from '../../../engine/prep/types.ts';
import type { Table } from '../../../engine/table/table.ts';
import { cat, errorOf, num, tableOf } from './fixtures.ts';

/** 200 churn-like rows with values that differ row to row, so any statistic over the wrong rows shows. */
function churnLike(): Table {
  const n = 200;
  const at = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  return tableOf(
    num('RowNumber', at((i) => i + 1), 'integer'),
    cat('Geography', at((i) => ['France', 'Spain', 'Germany'][(i * 7) % 3]!)),
    num('Age', at((i) => (i % 9 === 0 ? null : 18 + ((i * 37) % 60))), 'integer'),
    num('Balance', at((i) => ((i * 7919) % 1000) * 97.5 + (i % 4) * 0.25)),
    num('Exited', at((i) => (i % 4 === 0 ? 1 : 0)), 'boolean'),
  );
}

const STEPS: RecipeStep[] = [
  { id: 'drop', kind: 'drop-columns', params: { columns: ['RowNumber'] } },
  { id: 'fill', kind: 'impute', params: { columns: ['Age'], strategy: 'median', addIndicator: true } },
  { id: 'geo', kind: 'encode', params: { column: 'Geography', method: 'one-hot' } },
  { id: 'scale', kind: 'scale', params: { columns: ['Age', 'Balance'], method: 'standard' } },
];

function recipe(steps: RecipeStep[] = STEPS, target: Recipe['target'] = { column: 'Exited' }): Recipe {
  return { version: 1, target, split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 }, steps };
}

function valuesAt(table: Table, name: string, rowIndex: Int32Array): number[] {
  const column = table.columns.find((c) => c.name === name)!;
  if (column.storage !== 'number') throw new Error(name);
  return Array.from(rowIndex, (r) => column.values[r]!).filter((v) => !Number.isNaN(v));
}

function meanOf(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('prepare: learning from the training rows only', () => {
  it('fits the imputer and the scaler on training rows, never on validation or test rows', () => {
    const table = churnLike();
    const prepared = prepare(table, recipe());
    const trainRows = prepared.train.rowIndex;
    const allRows = Int32Array.from({ length: table.rowCount }, (_, i) => i);

    const ages = valuesAt(table, 'Age', trainRows).sort((a, b) => a - b);
    const trainMedian = ages.length % 2 ? ages[ages.length >> 1]! : (ages[ages.length / 2 - 1]! + ages[ages.length / 2]!) / 2;
    const fill = (prepared.fitted.steps[1]!.state as ImputeState).columns[0]!.fill;
    expect(fill).toBe(trainMedian);

    const balance = (prepared.fitted.steps[3]!.state as ScaleState).columns.find((c) => c.column === 'Balance')!;
    const trainMean = meanOf(valuesAt(table, 'Balance', trainRows));
    expect(balance.center).toBeCloseTo(trainMean, 9);
    // The check above can only catch a leak if the means differ: make sure they do.
    expect(Math.abs(meanOf(valuesAt(table, 'Balance', allRows)) - trainMean)).toBeGreaterThan(1);
  });

  it('lays out features in table order with the names the UI shows', () => {
    const prepared = prepare(churnLike(), recipe());
    expect(prepared.fitted.features).toEqual(['Geography=France', 'Geography=Germany', 'Geography=Spain', 'Age', 'Age (was missing)', 'Balance']);
    expect(prepared.train.x.length).toBe(prepared.train.rows * 6);
    expect(prepared.train.y.length).toBe(prepared.train.rows);
  });

  it('standardizes the training matrix to mean 0 while later rows keep their own offsets', () => {
    const prepared = prepare(churnLike(), recipe());
    const column = (x: Float32Array, rows: number, f: number): number[] => Array.from({ length: rows }, (_, r) => x[r * 6 + f]!);
    expect(Math.abs(meanOf(column(prepared.train.x, prepared.train.rows, 5)))).toBeLessThan(1e-6);
    expect(Math.abs(meanOf(column(prepared.test.x, prepared.test.rows, 5)))).toBeGreaterThan(1e-3);
  });
});

describe('prepare: rows and splits', () => {
  it('splits 70/15/15 with the class proportions of the whole table', () => {
    const prepared = prepare(churnLike(), recipe());
    expect([prepared.train.rows, prepared.validation.rows, prepared.test.rows]).toEqual([140, 30, 30]);
    const positives = (y: Float32Array): number => y.reduce((a, b) => a + b, 0);
    // 50 positives, 150 negatives; 30 validation rows: quotas 7.5 and 22.5 → 7 + 22, and the one row left over
    // goes to the lower class index on a tied remainder → 7 positives; same for test; 36 stay in training.
    expect([positives(prepared.train.y), positives(prepared.validation.y), positives(prepared.test.y)]).toEqual([36, 7, 7]);
  });

  it('drops rows with an empty target before the split and reports them', () => {
    const base = churnLike();
    const exited = base.columns[4]!;
    if (exited.storage !== 'number') throw new Error('fixture');
    const values = Float64Array.from(exited.values);
    values[3] = NaN;
    values[10] = NaN;
    const table = { ...base, columns: [...base.columns.slice(0, 4), { ...exited, values }] };
    const prepared = prepare(table, recipe());
    const used = [...prepared.train.rowIndex, ...prepared.validation.rowIndex, ...prepared.test.rowIndex];
    expect(used).not.toContain(3);
    expect(used).toHaveLength(198);
    const report = prepared.reports.find((r) => r.stepId === 'target')!;
    expect(report.rowsRemoved).toBe(2);
    expect(report.summary).toContain('removed 2 rows with an empty target');
  });

  it('removes rows a step drops from whichever split holds them, and says how many per split', () => {
    const steps: RecipeStep[] = [...STEPS.slice(0, 1), { id: 'no-age', kind: 'impute', params: { columns: ['Age'], strategy: 'drop-rows' } }, ...STEPS.slice(2)];
    const prepared = prepare(churnLike(), recipe(steps));
    const report = prepared.reports.find((r) => r.stepId === 'no-age')!;
    // i % 9 === 0 for i < 200: 23 rows without an age.
    expect(report.rowsRemoved).toBe(23);
    const { train, validation, test } = report.rowsRemovedBySplit;
    expect(train + validation + test).toBe(23);
    expect(prepared.train.rows + prepared.validation.rows + prepared.test.rows).toBe(177);
    expect(report.summary).toBe(`removed 23 rows (${train} training, ${validation} validation, ${test} test)`);
  });

  it('reports each step in words', () => {
    const reports = prepare(churnLike(), recipe()).reports;
    expect(reports.map((r) => r.stepId)).toEqual(['target', 'split', 'drop', 'fill', 'geo', 'scale']);
    expect(reports[1]!.summary).toBe('140 training, 30 validation, 30 test rows (seed 42, stratified by class)');
    expect(reports[3]!.summary).toBe('imputed 23 cells, added 1 column, learned from 140 training rows');
    expect(reports[5]!.summary).toBe('standardized 2 columns, learned from 140 training rows');
  });

  it('runs duplicate removal on the whole table before the split', () => {
    const t = tableOf(num('x', [1, 1, 2, 3, 4, 5, 6, 7, 8, 9]), num('y', [0, 0, 1, 0, 1, 0, 1, 0, 1, 0]));
    const prepared = prepare(t, { ...recipe([{ id: 'dups', kind: 'drop-duplicates', params: {} }], { column: 'y' }), split: { train: 0.6, validation: 0.2, test: 0.2, stratify: false, seed: 1 } });
    expect(prepared.reports[0]).toMatchObject({ stepId: 'dups', rowsRemoved: 1, summary: 'removed 1 row' });
    expect(prepared.train.rows + prepared.validation.rows + prepared.test.rows).toBe(9);
  });
});

describe('prepare: replay', () => {
  it('gives the same matrices, bit for bit, when its saved recipe is replayed on the same file', () => {
    const a = prepare(churnLike(), recipe());
    const b = prepare(churnLike(), recipeFromJSON(JSON.parse(JSON.stringify(a.fitted.recipe))));
    for (const split of ['train', 'validation', 'test'] as const) {
      expect(new Uint32Array(b[split].x.buffer)).toEqual(new Uint32Array(a[split].x.buffer));
      expect(b[split].rowIndex).toEqual(a[split].rowIndex);
    }
    expect(b.fitted).toEqual(a.fitted);
  });
});

describe('prepare: bad recipes and bad data', () => {
  it('refuses a step that touches the target, naming the step', () => {
    const error = errorOf(() => prepare(churnLike(), recipe([...STEPS, { id: 's', kind: 'scale', params: { columns: ['Exited'], method: 'standard' } }])));
    expect(error).toMatchObject({ code: 'target-in-step', stepId: 's' });
  });

  it('says which column still holds text, missing cells or infinities at the end', () => {
    expect(errorOf(() => prepare(churnLike(), recipe(STEPS.filter((s) => s.id !== 'geo')))).message).toContain('Column "Geography" still holds text');
    const missing = errorOf(() => prepare(churnLike(), recipe(STEPS.filter((s) => s.id !== 'fill'))));
    expect(missing.code).toBe('missing-values-left');
    expect(missing.message).toContain('"Age" still has 23 empty cells');
    const withInfinity = tableOf(num('x', [1, Infinity, 3, 4, 5, 6, 7, 8]), num('y', [0, 1, 0, 1, 0, 1, 0, 1]));
    const infinite = errorOf(() => prepare(withInfinity, recipe([], { column: 'y' })));
    expect(infinite.code).toBe('non-finite-value');
    expect(infinite.message).toContain('data row 2');
  });

  it('refuses a target with one class, and text as a regression target', () => {
    const oneClass = tableOf(num('x', [1, 2, 3]), cat('y', ['no', 'no', 'no']));
    expect(errorOf(() => prepare(oneClass, recipe([], { column: 'y' }))).code).toBe('target-one-class');
    expect(errorOf(() => prepare(churnLike(), recipe(STEPS.filter((s) => s.id !== 'geo').concat([]), { column: 'Geography', task: 'regression' }))).code).toBe('target-not-numeric');
  });

  it('refuses to scale an all-missing column, naming it and the step', () => {
    const t = tableOf(num('empty', [null, null, null, null, null, null]), num('x', [1, 2, 3, 4, 5, 6]), num('y', [0, 1, 0, 1, 0, 1]));
    const error = errorOf(() => prepare(t, recipe([{ id: 's', kind: 'scale', params: { columns: ['empty'], method: 'standard' } }], { column: 'y' })));
    expect(error.code).toBe('all-missing-column');
    expect(error.message).toMatch(/^Step "s": Column "empty" is empty in all 4 training rows/);
    expect(error.stepId, 'the step travels with the error, for the Clean step to point at').toBe('s');
  });

  it('names no step for an error outside the steps', () => {
    expect(errorOf(() => prepare(churnLike(), recipe([], { column: 'Churned' }))).stepId).toBeNull();
  });


  it('refuses a missing target column and a recipe with an invalid field', () => {
    expect(errorOf(() => prepare(churnLike(), recipe([], { column: 'Churned' }))).message).toContain('"Churned"');
    const bad = { ...recipe(), split: { train: 0.7, validation: 0.2, test: 0.2, stratify: true, seed: 1 } };
    expect(errorOf(() => prepare(churnLike(), bad)).message).toContain('fractions adding up to 1');
  });

  it('treats transforming before fitting as an error', () => {
    expect(() => transformStep(STEPS[3]!, undefined, churnLike(), 'prepare')).toThrow(/fit it on the training rows before transforming/);
  });
});

describe('preparePreview: prepare without the matrices', () => {
  /** Every prepared row of `prepare`, in file order: source row, split (0/1/2), features, target. */
  function rowsInFileOrder(prepared: ReturnType<typeof prepare>): { source: number; split: number; x: number[]; y: number }[] {
    const width = prepared.fitted.features.length;
    return [prepared.train, prepared.validation, prepared.test]
      .flatMap((s, split) => Array.from(s.rowIndex, (source, i) => ({ source, split, x: Array.from(s.x.subarray(i * width, (i + 1) * width)), y: s.y[i]! })))
      .sort((a, b) => a.source - b.source);
  }

  it("gives prepare's fitted recipe, reports and split sizes, and its first rows in file order, rows removed or not", () => {
    const steps: RecipeStep[] = [...STEPS.slice(0, 1), { id: 'no-age', kind: 'impute', params: { columns: ['Age'], strategy: 'drop-rows' } }, ...STEPS.slice(2)];
    for (const r of [recipe(), recipe(steps)]) {
      const full = prepare(churnLike(), r);
      const preview = preparePreview(churnLike(), r, 12);
      expect(preview.fitted).toEqual(full.fitted);
      expect(preview.reports).toEqual(full.reports);
      expect(preview.rows).toEqual({ train: full.train.rows, validation: full.validation.rows, test: full.test.rows });
      const expected = rowsInFileOrder(full).slice(0, 12);
      expect(preview.first.rows).toBe(12);
      expect(Array.from(preview.first.rowIndex)).toEqual(expected.map((e) => e.source));
      expect(Array.from(preview.first.split)).toEqual(expected.map((e) => e.split));
      const width = full.fitted.features.length;
      expect(expected.map((_, i) => Array.from(preview.first.x.subarray(i * width, (i + 1) * width)))).toEqual(expected.map((e) => e.x));
      expect(Array.from(preview.first.y)).toEqual(expected.map((e) => e.y));
    }
    // 9, 18, … have no age: with them removed the first rows skip row 0 and row 9.
    expect(Array.from(preparePreview(churnLike(), recipe(steps), 9).first.rowIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
  });

  it('refuses what prepare refuses, with the same words, even past the rows it shows', () => {
    const withInfinity = tableOf(num('x', [1, 2, 3, 4, 5, 6, 7, Infinity]), num('y', [0, 1, 0, 1, 0, 1, 0, 1]));
    const error = errorOf(() => preparePreview(withInfinity, recipe([], { column: 'y' }), 2));
    expect(error.code).toBe('non-finite-value');
    expect(error.message).toBe(errorOf(() => prepare(withInfinity, recipe([], { column: 'y' }))).message);
    expect(errorOf(() => preparePreview(churnLike(), recipe(STEPS.filter((s) => s.id !== 'fill')), 5)).message).toContain('"Age" still has 23 empty cells');
  });
});

describe('preparePreview with a cache: only the stages after the first change run again', () => {
  const steps: RecipeStep[] = [...STEPS.slice(0, 1), { id: 'no-age', kind: 'impute', params: { columns: ['Age'], strategy: 'drop-rows' } }, ...STEPS.slice(2)];
  /** Edits as the wizards make them, one after the other: late, early, the split, a whole-table step, an error, back. */
  const edits: Recipe[] = [
    recipe(),
    recipe([...STEPS.slice(0, 3), { id: 'scale', kind: 'scale', params: { columns: ['Age', 'Balance'], method: 'robust' } }]),
    recipe(steps),
    { ...recipe(steps), split: { train: 0.6, validation: 0.2, test: 0.2, stratify: false, seed: 7 } },
    recipe([{ id: 'dups', kind: 'drop-duplicates', params: { columns: ['Geography'] } }, ...STEPS]),
    recipe(STEPS.filter((s) => s.id !== 'fill')),
    recipe([...STEPS, { id: 'log', kind: 'log-transform', params: { columns: ['Balance'] } }]),
    recipe(),
  ];

  it('gives what a run without a cache gives, edit after edit, failures included', () => {
    const table = churnLike();
    const cache = new PrepareCache();
    for (const edit of edits) {
      const expected = (() => {
        try {
          return preparePreview(table, edit, 20);
        } catch (error) {
          return error;
        }
      })();
      if (expected instanceof Error) {
        expect(errorOf(() => preparePreview(table, edit, 20, cache)).message).toBe(expected.message);
        continue;
      }
      expect(preparePreview(table, edit, 20, cache)).toEqual(expected);
    }
  });

  it('reuses the stages before the first changed step, and none for another table', () => {
    const table = churnLike();
    const cache = new PrepareCache();
    preparePreview(table, recipe(), 5, cache);
    const [split, drop, fill, geo, scale] = cache.stages;
    preparePreview(table, edits[1]!, 5, cache);
    expect(cache.stages.slice(0, 4)).toEqual([split, drop, fill, geo]);
    expect(cache.stages[0]).toBe(split);
    expect(cache.stages[3]).toBe(geo);
    expect(cache.stages[4]).not.toBe(scale);
    preparePreview(churnLike(), recipe(), 5, cache);
    expect(cache.stages[0]).not.toBe(split);
  });

  it("lets prepare start from a preview's stages, giving what prepare alone gives", () => {
    const table = churnLike();
    const cache = new PrepareCache();
    for (const edit of [edits[0]!, edits[1]!, edits[2]!]) {
      preparePreview(table, edit, 5, cache);
      const stages = cache.stages;
      expect(prepare(table, edit, cache)).toEqual(prepare(table, edit));
      expect(cache.stages.every((stage, i) => stage === stages[i]), 'every stage reused').toBe(true);
    }
  });
});

describe('a watched run: told before each stage it runs, stopped by a throw', () => {
  type Told = { stepId: string | null; done: number; total: number };

  it('tells each stage in order, then the matrices; stages a cache gives back are not told', () => {
    const table = churnLike();
    const told: Told[] = [];
    const cache = new PrepareCache();
    preparePreview(table, recipe(), 5, cache, (p) => told.push(p));
    expect(told).toEqual([
      { stepId: 'split', done: 0, total: 5 },
      { stepId: 'drop', done: 1, total: 5 },
      { stepId: 'fill', done: 2, total: 5 },
      { stepId: 'geo', done: 3, total: 5 },
      { stepId: 'scale', done: 4, total: 5 },
    ]);
    told.length = 0;
    const lastEdited = recipe([...STEPS.slice(0, 3), { id: 'scale', kind: 'scale', params: { columns: ['Age', 'Balance'], method: 'robust' } }]);
    expect(prepare(table, lastEdited, cache, (p) => told.push(p))).toEqual(prepare(table, lastEdited));
    expect(told).toEqual([
      { stepId: 'scale', done: 4, total: 6 },
      { stepId: null, done: 5, total: 6 },
    ]);
  });

  it('a run stopped midway leaves the stages it finished in the cache: the next run starts after them', () => {
    const table = churnLike();
    const cache = new PrepareCache();
    const stop = new Error('superseded');
    expect(() =>
      preparePreview(table, recipe(), 5, cache, ({ stepId }) => {
        if (stepId === 'scale') throw stop;
      }),
    ).toThrow(stop);
    expect(cache.stages.length, 'the split, drop, fill and geo stages').toBe(4);
    const told: (string | null)[] = [];
    expect(preparePreview(table, recipe(), 5, cache, (p) => told.push(p.stepId))).toEqual(preparePreview(table, recipe(), 5));
    expect(told).toEqual(['scale']);
  });
});
