import { describe, expect, it } from 'vitest';
import { looksLikeCodeName, looksLikeIdName } from '../../../engine/prep/column-facts.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Recipe, RecipeStep } from '../../../engine/prep/types.ts';
import type { Table } from '../../../engine/table/table.ts';
import { cat, dates, errorOf, loadDataset, num, tableOf } from './fixtures.ts';

function step<K extends RecipeStep['kind']>(recipe: Recipe, id: string, kind: K): Extract<RecipeStep, { kind: K }> {
  const found = recipe.steps.find((s) => s.id === id);
  if (!found || found.kind !== kind) throw new Error(`no ${kind} step "${id}" in [${recipe.steps.map((s) => s.id).join(', ')}]`);
  return found as Extract<RecipeStep, { kind: K }>;
}

function dropped(recipe: Recipe): readonly string[] {
  const drop = recipe.steps.find((s) => s.kind === 'drop-columns');
  return drop?.kind === 'drop-columns' ? drop.params.columns : [];
}

function scaled(recipe: Recipe): readonly string[] {
  const s = recipe.steps.find((x) => x.kind === 'scale');
  return s?.kind === 'scale' ? s.params.columns : [];
}

const n = 60;
const at = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('suggestRecipe: one rule at a time', () => {
  it('drops empty, constant, identifier and free-text columns, saying why for each', () => {
    const table = tableOf(
      num('Id', at((i) => 1000 + i * 3), 'integer'),
      num('empty', at(() => null)),
      cat('constant', at(() => 'same')),
      cat('Comment', at((i) => `comment number ${i % 50}`)),
      num('ticket_no', at((i) => 500 + (i % 40)), 'integer'),
      num('line', at((i) => 60 - i), 'integer'),
      num('Salary', at((i) => 30_000 + i * 517), 'integer'),
      num('x', at((i) => i % 7)),
      num('y', at((i) => i % 2), 'boolean'),
    );
    const recipe = suggestRecipe(table, { target: 'y' });
    // Salary is unique too, but with gaps: a measurement, not a row number.
    expect(dropped(recipe)).toEqual(['Id', 'empty', 'constant', 'Comment', 'ticket_no', 'line']);
    const why = recipe.steps.find((s) => s.kind === 'drop-columns')!.why!;
    expect(why).toContain('"Id": its name reads as an identifier and 100% of its values are unique');
    expect(why).toContain('"line": its values count through the rows one by one, like a row number');
    expect(why).toContain('"empty": every cell is empty');
    expect(why).toContain('"constant": it holds a single value ("same")');
    expect(why).toContain('"Comment": its values are nearly all different (50 values in 60 rows)');
    expect(why).toContain('"ticket_no": its name reads as an identifier');
  });

  it('trusts the inferred id and text types', () => {
    const table = tableOf(cat('code', at((i) => `A${i % 3}`), 'id'), cat('notes', at((i) => `n${i % 2}`), 'text'), num('x', at((i) => i / 2)), num('y', at((i) => i % 2)));
    expect(dropped(suggestRecipe(table, { target: 'y' }))).toEqual(['code', 'notes']);
  });

  it('drops a column more than half empty, and flags a column at least 5% empty', () => {
    const table = tableOf(
      num('mostly_empty', at((i) => (i % 3 === 0 ? i : null))),
      num('gappy', at((i) => (i % 10 === 0 ? null : i * 1.5))),
      num('rare_gap', at((i) => (i === 7 ? null : i * 2.5))),
      num('y', at((i) => i % 2)),
    );
    const recipe = suggestRecipe(table, { target: 'y' });
    expect(dropped(recipe)).toEqual(['mostly_empty']);
    expect(step(recipe, 'impute-median', 'impute').params).toEqual({ columns: ['rare_gap'], strategy: 'median' });
    expect(step(recipe, 'impute-median-flag', 'impute').params).toEqual({ columns: ['gappy'], strategy: 'median', addIndicator: true });
  });

  it('encodes two-valued text as binary and more values as one-hot, capped at 20 columns', () => {
    // 200 rows over 25 countries: 8 rows per country, common enough to encode.
    const rows = <T>(f: (i: number) => T): T[] => Array.from({ length: 200 }, (_, i) => f(i));
    const table = tableOf(
      cat('Gender', rows((i) => (i % 2 ? 'Male' : 'Female'))),
      cat('Country', rows((i) => `country ${i % 25}`)),
      cat('Smoker', rows((i) => (i % 5 === 0 ? null : i % 3 ? 'no' : 'yes'))),
      num('y', rows((i) => i % 2)),
    );
    const recipe = suggestRecipe(table, { target: 'y' });
    expect(step(recipe, 'encode-Gender', 'encode').params).toEqual({ column: 'Gender', method: 'binary' });
    expect(step(recipe, 'encode-Country', 'encode').params).toEqual({ column: 'Country', method: 'one-hot', maxLevels: 20 });
    expect(step(recipe, 'encode-Country', 'encode').why).toContain('the other 6 share "(other)"');
    expect(step(recipe, 'impute-most-frequent-flag', 'impute').params.columns).toEqual(['Smoker']);
  });

  it('scales numbers but not 0/1 flags, one-hot codes whole-number code columns, and splits dates', () => {
    const table = tableOf(
      num('Balance', at((i) => i * 10.5)),
      num('IsActive', at((i) => i % 2), 'boolean'),
      num('admission_type_id', at((i) => 1 + (i % 8)), 'integer'),
      dates('signup', at((i) => `2020-0${1 + (i % 9)}-15`)),
      num('y', at((i) => i % 3)),
    );
    const recipe = suggestRecipe(table, { target: 'y' });
    expect(scaled(recipe)).toEqual(['Balance', 'signup (year)', 'signup (month)', 'signup (day of week)']);
    expect(step(recipe, 'encode-admission_type_id', 'encode').params.method).toBe('one-hot');
    expect(step(recipe, 'dates-signup', 'date-parts').params).toEqual({ column: 'signup' });
    expect(prepare(table, recipe).fitted.features).toEqual([
      'Balance',
      'IsActive',
      ...Array.from({ length: 8 }, (_, i) => `admission_type_id=${i + 1}`),
      'signup (year)',
      'signup (month)',
      'signup (day of week)',
    ]);
  });

  it('turns Infinity literals into empty cells and fills them', () => {
    const table = tableOf(num('ratio', at((i) => (i === 3 ? Infinity : i / 4))), num('y', at((i) => i % 2)));
    const recipe = suggestRecipe(table, { target: 'y' });
    expect(step(recipe, 'invalid-ratio', 'invalid-values').params).toEqual({ column: 'ratio', rule: 'finite', action: 'missing' });
    expect(step(recipe, 'impute-median', 'impute').params.columns).toEqual(['ratio']);
    expect(prepare(table, recipe).train.x.every(Number.isFinite)).toBe(true);
  });

  it('drops exact duplicate rows when there are any', () => {
    const table = tableOf(num('x', [1, 2, 2, 3, 4, 5]), num('y', [0, 1, 1, 0, 1, 0]));
    expect(step(suggestRecipe(table, { target: 'y' }), 'drop-duplicates', 'drop-duplicates').why).toContain('1 row exactly repeat');
    expect(suggestRecipe(tableOf(num('x', [1, 2, 3]), num('y', [0, 1, 0])), { target: 'y' }).steps.some((s) => s.kind === 'drop-duplicates')).toBe(false);
  });

  it('refuses when nothing would be left to learn from', () => {
    const table = tableOf(num('RowNumber', at((i) => i + 1)), num('y', at((i) => i % 2)));
    expect(errorOf(() => suggestRecipe(table, { target: 'y' })).code).toBe('no-features');
  });

  it('reads identifier and code names without catching ordinary words', () => {
    for (const name of ['id', 'ID', 'CustomerId', 'customer_id', 'RowNumber', 'patient_nbr', 'Ticket No', 'index']) expect(looksLikeIdName(name), name).toBe(true);
    for (const name of ['paid', 'valid', 'Humidity', 'Number of rooms', 'Pclass', 'Age']) expect(looksLikeIdName(name), name).toBe(false);
    expect(looksLikeCodeName('admission_type_id')).toBe(true);
    expect(looksLikeCodeName('zip_code')).toBe(true);
    expect(looksLikeCodeName('education-num')).toBe(false);
  });
});

describe('suggestRecipe on the shared datasets', () => {
  function suggested(file: string, target: string, options?: Parameters<typeof loadDataset>[1]): { table: Table; recipe: Recipe } {
    const table = loadDataset(file, options);
    return { table, recipe: suggestRecipe(table, { target }) };
  }

  it('churn: drops RowNumber, CustomerId and Surname, one-hots Geography, binary Gender, scales numbers, binary Exited', () => {
    const { table, recipe } = suggested('Churn_Modelling.csv', 'Exited');
    expect(dropped(recipe)).toEqual(['RowNumber', 'CustomerId', 'Surname']);
    expect(step(recipe, 'encode-Geography', 'encode').params.method).toBe('one-hot');
    expect(step(recipe, 'encode-Gender', 'encode').params.method).toBe('binary');
    expect(scaled(recipe)).toEqual(['CreditScore', 'Age', 'Tenure', 'Balance', 'NumOfProducts', 'EstimatedSalary']);
    expect(recipe.target).toEqual({ column: 'Exited', task: 'binary', positiveLabel: '1' });
    expect(recipe.split).toEqual({ train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 });
    expect(recipe.steps.every((s) => s.why !== undefined && s.why.length > 0)).toBe(true);

    const prepared = prepare(table, recipe);
    expect([prepared.train.rows, prepared.validation.rows, prepared.test.rows]).toEqual([7000, 1500, 1500]);
    expect(prepared.fitted.features).toHaveLength(12);
    // 2037 of 10000 exited: each split keeps ~20.4%.
    for (const split of [prepared.train, prepared.validation, prepared.test]) {
      expect(Math.abs(split.y.reduce((a, b) => a + b, 0) / split.rows - 0.2037)).toBeLessThan(0.001);
    }
  });

  it('titanic: drops the ID and text columns, fills Age with a flag and Embarked without', () => {
    const { table, recipe } = suggested('titanic.csv', 'Survived');
    expect(dropped(recipe)).toEqual(['PassengerId', 'Name', 'Ticket', 'Cabin']);
    expect(step(recipe, 'impute-median-flag', 'impute').params.columns).toEqual(['Age']);
    expect(step(recipe, 'impute-most-frequent', 'impute').params.columns).toEqual(['Embarked']);
    expect(step(recipe, 'encode-Sex', 'encode').params.method).toBe('binary');
    expect(prepare(table, recipe).fitted.features).toEqual(['Pclass', 'Sex=male', 'Age', 'Age (was missing)', 'SibSp', 'Parch', 'Fare', 'Embarked=C', 'Embarked=Q', 'Embarked=S']);
  });

  it('housing: regression with a scaled target, median for total_bedrooms, one-hot ocean_proximity', () => {
    const { table, recipe } = suggested('housing.csv', 'median_house_value');
    expect(recipe.target).toEqual({ column: 'median_house_value', task: 'regression', scale: true });
    expect(recipe.split.stratify).toBe(false);
    expect(dropped(recipe)).toEqual([]);
    expect(step(recipe, 'impute-median', 'impute').params.columns).toEqual(['total_bedrooms']);
    const prepared = prepare(table, recipe);
    expect(prepared.fitted.features.filter((f) => f.startsWith('ocean_proximity='))).toHaveLength(5);
    expect(prepared.fitted.target.scale!.std).toBeGreaterThan(100_000);
  });

  it('iris: three classes from text labels and four scaled measurements', () => {
    const { table, recipe } = suggested('iris.csv', 'species');
    expect(recipe.target.task).toBe('multiclass');
    expect(scaled(recipe)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(prepare(table, recipe).fitted.target.classLabels).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('adult: "?" cells filled with a flag, 41 countries capped at 20 columns, ">50K" positive', () => {
    const { table, recipe } = suggested('adult.csv', 'income', { missing: ['?'] });
    expect(step(recipe, 'impute-most-frequent-flag', 'impute').params.columns).toEqual(['workclass', 'occupation']);
    expect(scaled(recipe)).toContain('education-num');
    const prepared = prepare(table, recipe);
    expect(prepared.fitted.target.classLabels).toEqual(['<=50K', '>50K']);
    expect(prepared.fitted.features.filter((f) => f.startsWith('native-country='))).toHaveLength(20);
  });

  it('wine: semicolon file, quality as six classes, duplicates dropped before the split', () => {
    const { table, recipe } = suggested('winequality-red.csv', 'quality', { delimiter: ';' });
    expect(recipe.target.task).toBe('multiclass');
    const prepared = prepare(table, recipe);
    expect(prepared.reports[0]).toMatchObject({ stepId: 'drop-duplicates', rowsRemoved: 240 });
    expect(prepared.fitted.target.classLabels).toEqual(['3', '4', '5', '6', '7', '8']);
  });

  it('football: dates split into parts, teams kept as one-hot with "(other)", TRUE/FALSE as binary', () => {
    const { recipe } = suggested('international_football_results.csv', 'home_score');
    expect(step(recipe, 'dates-date', 'date-parts').params.column).toBe('date');
    expect(step(recipe, 'encode-home_team', 'encode').params).toEqual({ column: 'home_team', method: 'one-hot', maxLevels: 20 });
    expect(step(recipe, 'encode-neutral', 'encode').params.method).toBe('binary');
  });
});
