/** The Clean step's per-column edits, on the titanic sample's suggested recipe, checked by running prepare. */
import { describe, expect, it } from 'vitest';
import type { Recipe } from '../../../../engine/prep/index.ts';
import {
  droppedColumns,
  encodeStepOf,
  ensureFill,
  imputeStepOf,
  moveStep,
  outlierStepOf,
  scaleStepOf,
  setDropped,
  setEncoding,
  setImpute,
  setOutliers,
  setScaling,
  setSplit,
  setTask,
  setValidity,
  splitProblem,
  uniqueId,
} from '../../../../renderer/src/lib/recipe/edits.ts';
import { titanicFixture } from './fixtures.ts';

const { suggested, profiles, prepares } = await titanicFixture();

function summaryOf(recipe: Recipe, stepId: string): string {
  return prepares(recipe).reports.find((r) => r.stepId === stepId)!.summary;
}

describe('missing values', () => {
  it('moves Age out of the shared median step into a mean step of its own, in the same place, keeping its flag', () => {
    const edited = setImpute(suggested, 'Age', 'mean');
    expect(edited.steps.find((s) => s.id === 'impute-median-flag'), 'the step held only Age').toBeUndefined();
    const index = suggested.steps.findIndex((s) => s.id === 'impute-median-flag');
    expect(edited.steps[index]).toEqual({ id: 'impute-Age', kind: 'impute', params: { columns: ['Age'], strategy: 'mean', addIndicator: true } });
    expect(summaryOf(edited, 'impute-Age')).toBe('imputed 177 cells, added 1 column, learned from 623 training rows');
    expect(suggested.steps[index]!.id, 'the original recipe is untouched').toBe('impute-median-flag');
  });

  it('joins a step with the same strategy and flag instead of adding one', () => {
    const edited = setImpute(setImpute(suggested, 'Embarked', 'most-frequent', { addIndicator: true }), 'Embarked', 'most-frequent', { addIndicator: false });
    expect(imputeStepOf(edited, 'Embarked')!.params).toEqual({ columns: ['Embarked'], strategy: 'most-frequent' });
    const cabinKept = setDropped(suggested, profiles.get('Cabin')!, false);
    expect(imputeStepOf(cabinKept, 'Cabin')!.id, 'Cabin joins the most-frequent step Embarked is in').toBe('impute-most-frequent');
    expect(imputeStepOf(cabinKept, 'Cabin')!.params.columns).toEqual(['Embarked', 'Cabin']);
  });

  it('drops the rows of an empty Embarked, and changes nothing when the choice is the current one', () => {
    const ageRows = setImpute(suggested, 'Age', 'drop-rows');
    expect(imputeStepOf(ageRows, 'Age')!.params, 'no flag for gaps that are removed').toEqual({ columns: ['Age'], strategy: 'drop-rows' });
    expect(summaryOf(ageRows, 'impute-Age')).toMatch(/^removed 177 rows/);
    const edited = setImpute(suggested, 'Embarked', 'drop-rows');
    expect(summaryOf(edited, imputeStepOf(edited, 'Embarked')!.id)).toMatch(/^removed 2 rows/);
    expect(setImpute(suggested, 'Age', 'median')).toBe(suggested);
  });

  it('fills with a constant the user typed, and leaves a column unhandled when asked (prepare then names it)', () => {
    const constant = setImpute(suggested, 'Age', 'constant', { value: -1 });
    expect(imputeStepOf(constant, 'Age')!.params).toMatchObject({ strategy: 'constant', value: -1 });
    prepares(constant);
    const none = setImpute(suggested, 'Age', null);
    expect(imputeStepOf(none, 'Age')).toBeUndefined();
    expect(() => prepares(none)).toThrow(/"Age" still has 177 empty cells/);
  });
});

describe('outliers, invalid values, categories and scaling', () => {
  it('adds an outlier step for Fare before the fills, and takes it away again', () => {
    const edited = setOutliers(suggested, 'Fare', { method: 'iqr', k: 1.5, action: 'clip' });
    const step = outlierStepOf(edited, 'Fare')!;
    expect(edited.steps.indexOf(step)).toBeLessThan(edited.steps.findIndex((s) => s.kind === 'impute'));
    expect(summaryOf(edited, step.id)).toMatch(/^clipped \d+ cells, learned from 623 training rows$/);
    expect(setOutliers(edited, 'Fare', null)).toEqual(suggested);
  });

  it('marks ages outside 1–100 as missing, then fills them', () => {
    const edited = setValidity(suggested, 'Age', { rule: 'range', min: 1, max: 100, action: 'missing' });
    // Seven passengers were younger than one year (0.42, 0.67, 0.75 twice, 0.83 twice, 0.92).
    expect(summaryOf(edited, 'invalid-Age')).toBe('marked 7 cells as missing');
    expect(summaryOf(edited, 'impute-median-flag')).toMatch(/^imputed 184 cells/);
    expect(setValidity(edited, 'Age', null)).toEqual(suggested);
  });

  it('gives a column an invalid-values step empties a fill when it has none, so the recipe still prepares', () => {
    const fareRange = setValidity(suggested, 'Fare', { rule: 'range', min: 1, max: 600, action: 'missing' });
    expect(() => prepares(fareRange)).toThrow(/"Fare" still has 15 empty cells/);
    const filled = ensureFill(fareRange, profiles.get('Fare')!);
    expect(imputeStepOf(filled, 'Fare')!.params.strategy).toBe('median');
    expect(summaryOf(filled, 'invalid-Fare')).toBe('marked 15 cells as missing');
    expect(ensureFill(filled, profiles.get('Fare')!), 'a fill is there already').toBe(filled);
    const dropRows = setValidity(suggested, 'Fare', { rule: 'range', min: 1, max: 600, action: 'drop-row' });
    expect(ensureFill(dropRows, profiles.get('Fare')!), 'removed rows need no fill').toBe(dropRows);
  });

  it('encodes Embarked by order instead of one column per port, in place', () => {
    const edited = setEncoding(suggested, 'Embarked', 'ordinal', ['S', 'C', 'Q']);
    expect(encodeStepOf(edited, 'Embarked')).toEqual({ id: 'encode-Embarked', kind: 'encode', params: { column: 'Embarked', method: 'ordinal', order: ['S', 'C', 'Q'] } });
    expect(prepares(edited).fitted.features).toContain('Embarked');
  });

  it('scales Fare by median and IQR in a step of its own, leaving the others standardized', () => {
    const edited = setScaling(suggested, 'Fare', 'robust');
    expect(scaleStepOf(edited, 'Fare')!.params).toEqual({ columns: ['Fare'], method: 'robust' });
    expect(scaleStepOf(edited, 'Age')!.params.columns).toEqual(['Age', 'SibSp', 'Parch']);
    prepares(edited);
    expect(scaleStepOf(setScaling(edited, 'Fare', null), 'Fare')).toBeUndefined();
  });
});

describe('columns kept and dropped', () => {
  it('dropping Age takes it out of its fill and its scaling as well', () => {
    const edited = setDropped(suggested, profiles.get('Age')!, true);
    expect(droppedColumns(edited)).toEqual(['PassengerId', 'Name', 'Ticket', 'Cabin', 'Age']);
    expect(imputeStepOf(edited, 'Age')).toBeUndefined();
    expect(scaleStepOf(edited, 'Age')).toBeUndefined();
    expect(prepares(edited).fitted.features).not.toContain('Age');
  });

  it('keeping a dropped text column gives it a fill and an encoding, so the recipe still prepares', () => {
    const edited = setDropped(suggested, profiles.get('Cabin')!, false);
    expect(droppedColumns(edited)).not.toContain('Cabin');
    expect(encodeStepOf(edited, 'Cabin')!.params).toMatchObject({ method: 'one-hot' });
    expect(prepares(edited).fitted.features.filter((f) => f.startsWith('Cabin=')).length).toBe(20);
  });
});

describe('target and split', () => {
  it('regression turns stratification off and scales the target; back to classes turns it on', () => {
    const regression = setTask(suggested, 'regression');
    expect(regression.target).toEqual({ column: 'Survived', task: 'regression', scale: true });
    expect(regression.split.stratify).toBe(false);
    const binary = setTask(regression, 'binary', '0');
    expect(binary.target).toEqual({ column: 'Survived', task: 'binary', positiveLabel: '0' });
    expect(binary.split.stratify).toBe(true);
    expect(prepares(binary).fitted.target.classLabels).toEqual(['1', '0']);
  });

  it('gives training the rest of the rows, the fractions adding up to exactly 1', () => {
    const edited = setSplit(suggested, { validation: 10, test: 20, seed: 7 });
    expect(edited.split).toEqual({ train: 0.7, validation: 0.1, test: 0.2, stratify: true, seed: 7 });
    expect(prepares(edited).reports.find((r) => r.stepId === 'split')!.summary).toBe('624 training, 89 validation, 178 test rows (seed 7, stratified by class)');
    expect(splitProblem({ validation: 30, test: 30 })).toMatch(/60% together/);
    expect(splitProblem({ validation: 12.5, test: 10 })).toMatch(/whole percent/);
    expect(splitProblem({ validation: 15, test: 15 })).toBeNull();
  });
});

it('moves a step up and down, and names new steps without clashing', () => {
  const up = moveStep(suggested, 'encode-Sex', -1);
  expect(up.steps.map((s) => s.id).indexOf('encode-Sex')).toBe(suggested.steps.map((s) => s.id).indexOf('encode-Pclass'));
  expect(moveStep(suggested, suggested.steps[0]!.id, -1)).toBe(suggested);
  expect(uniqueId(suggested, 'scale')).toBe('scale-2');
  expect(uniqueId(suggested, 'impute-Age')).toBe('impute-Age');
});
