import { describe, expect, it } from 'vitest';
import { prepare } from '../../../engine/prep/prepare.ts';
import { transformForPrediction } from '../../../engine/prep/predict.ts';
import { fittedRecipeFromJSON, fittedRecipeToJSON } from '../../../engine/prep/recipe-json.ts';
import type { FittedRecipe, Prepared, Recipe, RecipeStep } from '../../../engine/prep/types.ts';
import type { Table } from '../../../engine/table/table.ts';
import { cat, dates, errorOf, num, tableOf } from './fixtures.ts';

function training(): Table {
  const n = 60;
  const at = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  return tableOf(
    num('RowNumber', at((i) => i + 1), 'integer'),
    cat('Geography', at((i) => ['France', 'Spain', 'Germany'][i % 3]!)),
    num('Age', at((i) => (i % 7 === 0 ? null : 20 + ((i * 13) % 50))), 'integer'),
    num('Balance', at((i) => ((i * 7919) % 1000) * 3.5)),
    cat('Exited', at((i) => (i % 3 === 1 ? 'yes' : 'no'))),
  );
}

const STEPS: RecipeStep[] = [
  { id: 'drop', kind: 'drop-columns', params: { columns: ['RowNumber'] } },
  { id: 'fill', kind: 'impute', params: { columns: ['Age'], strategy: 'median', addIndicator: true } },
  { id: 'geo', kind: 'encode', params: { column: 'Geography', method: 'one-hot' } },
  { id: 'scale', kind: 'scale', params: { columns: ['Age', 'Balance'], method: 'standard' } },
];

function fit(steps: RecipeStep[] = STEPS, table = training()): Prepared {
  const recipe: Recipe = { version: 1, target: { column: 'Exited' }, split: { train: 0.6, validation: 0.2, test: 0.2, stratify: true, seed: 3 }, steps };
  return prepare(table, recipe);
}

function throughJson(fitted: FittedRecipe): FittedRecipe {
  return fittedRecipeFromJSON(JSON.parse(JSON.stringify(fittedRecipeToJSON(fitted))));
}

/** Rows to predict: the columns the model needs, in any order, without the target, plus an unrelated one. */
function newRows(geography: (string | null)[], age: (number | null)[], balance: (number | null)[]): Table {
  return tableOf(num('Balance', balance), cat('Note', geography.map(() => 'ignored')), num('Age', age, 'integer'), cat('Geography', geography));
}

describe('transformForPrediction: replay', () => {
  it('rebuilds every prepared row bit for bit from a fitted recipe that went through JSON', () => {
    const table = training();
    const prepared = fit();
    const predicted = transformForPrediction(throughJson(prepared.fitted), table);
    expect(predicted.rejected).toEqual([]);
    const width = prepared.fitted.features.length;
    const bits = new Uint32Array(predicted.x.buffer);
    for (const split of [prepared.train, prepared.validation, prepared.test]) {
      const splitBits = new Uint32Array(split.x.buffer);
      split.rowIndex.forEach((source, r) => {
        const at = Array.from(predicted.rowIndex).indexOf(source);
        expect(Array.from(bits.subarray(at * width, (at + 1) * width))).toEqual(Array.from(splitBits.subarray(r * width, (r + 1) * width)));
      });
    }
  });

  it('describes the raw columns it needs, with training ranges and categories', () => {
    const schema = fit().fitted.inputSchema;
    expect(schema.map((c) => c.name)).toEqual(['Geography', 'Age', 'Balance']);
    expect(schema[0]).toMatchObject({ storage: 'category', categories: ['France', 'Germany', 'Spain'], missingAllowed: false });
    expect(schema[1]).toMatchObject({ storage: 'number', type: 'integer', missingAllowed: true });
    expect(schema[2]!.missingAllowed).toBe(false);
  });
});

describe('transformForPrediction: rows it cannot prepare', () => {
  it('names every column the model needs that the rows lack', () => {
    const error = errorOf(() => transformForPrediction(fit().fitted, tableOf(num('Age', [30]))));
    expect(error.code).toBe('missing-column');
    expect(error.message).toContain('"Geography", "Balance"');
  });

  it('fills an empty age as in training but rejects an empty balance, which no step fills', () => {
    const out = transformForPrediction(fit().fitted, newRows(['France', 'Spain', 'Germany'], [null, 40, 41], [100, null, 300]));
    expect(Array.from(out.rowIndex)).toEqual([0, 2]);
    expect(out.rejected).toEqual([{ row: 1, column: 'Balance', reason: '"Balance" is empty, and the recipe has no value to fill in for it (no missing-values step covers it). Enter a value.' }]);
  });

  it('gives an unseen category all zeros by default, and says so on that row', () => {
    const fitted = fit().fitted;
    const out = transformForPrediction(fitted, newRows(['Italy', 'Spain'], [30, 31], [10, 20]));
    expect(out.warnings).toEqual([
      { row: 0, column: 'Geography', reason: '"Geography" is "Italy", a value never seen in the training rows: encoded as all zeros, as the recipe says for unseen values. Treat this prediction with care.' },
    ]);
    expect(Array.from(out.x.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('rejects an unseen category under the error policy, keeping the other rows in order', () => {
    const strict: RecipeStep = { id: 'geo', kind: 'encode', params: { column: 'Geography', method: 'one-hot', unseen: 'error' } };
    const steps = STEPS.map((s) => (s.id === 'geo' ? strict : s));
    const out = transformForPrediction(fit(steps).fitted, newRows(['France', 'Italy', 'Spain'], [30, 31, 32], [1, 2, 3]));
    expect(Array.from(out.rowIndex)).toEqual([0, 2]);
    expect(out.rejected).toEqual([{ row: 1, column: 'Geography', reason: '"Geography" is "Italy", a value never seen in the training rows.' }]);
  });

  it('reads numbers written as text and rejects a cell that is not a number', () => {
    const rows = tableOf(cat('Geography', ['France', 'Spain', 'France']), cat('Age', ['42', 'forty', '']), cat('Balance', ['10.5', '3', ' 7 ']));
    const out = transformForPrediction(fit().fitted, rows);
    expect(Array.from(out.rowIndex)).toEqual([0, 2]);
    expect(out.rejected).toEqual([{ row: 1, column: 'Age', reason: '"Age" is "forty", which is not a number. Enter a number (such as 42 or 3.5).' }]);
    const direct = transformForPrediction(fit().fitted, newRows(['France', 'France'], [42, null], [10.5, 7]));
    expect(out.x).toEqual(direct.x);
  });

  it('rejects, with the reason, rows a row-removing step would have removed', () => {
    const steps: RecipeStep[] = [
      { id: 'adults', kind: 'filter-rows', params: { column: 'Age', rule: 'range', min: 18, action: 'keep' } },
      ...STEPS.slice(0, 1),
      { id: 'no-age', kind: 'impute', params: { columns: ['Age'], strategy: 'drop-rows' } },
      ...STEPS.slice(2),
    ];
    const out = transformForPrediction(fit(steps).fitted, newRows(['France', 'Spain', 'France'], [12, null, 30], [1, 2, 3]));
    expect(Array.from(out.rowIndex)).toEqual([2]);
    expect(out.rejected.map((r) => [r.row, r.column])).toEqual([
      [0, 'Age'],
      [1, 'Age'],
    ]);
    expect(out.rejected[0]!.reason).toContain('trained only on rows where "Age" is at least 18');
  });

  it('reads numbers with thousands separators and the file’s decimal comma as the loader does, never Number()’s extras', () => {
    const rows = tableOf(cat('Geography', ['France', 'Spain', 'France', 'Spain']), cat('Age', ['42', '0x1F', '1e3', 'Infinity']), cat('Balance', ['1,234.5', '3', '7', '8']));
    const out = transformForPrediction(fit().fitted, rows);
    expect(Array.from(out.rowIndex)).toEqual([0, 2]);
    expect(out.rejected.map((r) => r.reason)).toEqual([
      '"Age" is "0x1F", which is not a number. Enter a number (such as 42 or 3.5).',
      '"Age" is "Infinity", an infinite value the model cannot use. Enter a finite number.',
    ]);
    const european = transformForPrediction(fit().fitted, tableOf(cat('Geography', ['France']), cat('Age', ['42']), cat('Balance', ['1.234,5'])), { decimalComma: true });
    expect(european.rejected).toEqual([]);
    expect(Array.from(european.x)).toEqual(Array.from(out.x.subarray(0, european.x.length)));
  });

  it('flags a predicted row whose number lies outside the training range', () => {
    const out = transformForPrediction(fit().fitted, newRows(['France', 'France'], [30, 300], [10, 20]));
    expect(Array.from(out.rowIndex)).toEqual([0, 1]);
    expect(out.warnings).toEqual([{ row: 1, column: 'Age', reason: expect.stringMatching(/^"Age" is 300, outside its training range \(\d+ to \d+\): the model never saw such a value\. Treat this prediction with care\.$/) }]);
  });

  it('reads dates written as text like the dates of the training file', () => {
    const n = 12;
    const days = Array.from({ length: n }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}`);
    const table = tableOf(dates('day', days), cat('Exited', days.map((_, i) => (i % 2 ? 'yes' : 'no'))));
    const prepared = fit([{ id: 'd', kind: 'date-parts', params: { column: 'day' } }], table);
    const out = transformForPrediction(prepared.fitted, tableOf(cat('day', ['2024-03-15', 'soon'])));
    expect(Array.from(out.x)).toEqual([2024, 3, 4]);
    expect(out.rejected[0]!.reason).toBe('"day" is "soon", which is not a date. Enter a date.');
  });
});
