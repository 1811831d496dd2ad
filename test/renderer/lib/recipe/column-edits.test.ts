/**
 * The Dates and Log transform wizards' edits: on 200 football results (a real date column) and the titanic
 * sample, each edited recipe checked by running prepare.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepare, recipeFromJSON, suggestRecipe, type Recipe } from '../../../../engine/prep/index.ts';
import { profileTable } from '../../../../engine/table/profile.ts';
import type { Table } from '../../../../engine/table/table.ts';
import { loadTable } from '../../../../main/io/load-table.ts';
import { datePartsOf, datePartsScaling, dateStepOf, logStepOf, setDateParts, setDatePartsScaling, setLogTransform } from '../../../../renderer/src/lib/recipe/column-edits.ts';
import { scaleStepOf, setDropped } from '../../../../renderer/src/lib/recipe/edits.ts';

const FOOTBALL = resolve(import.meta.dirname, '../../../../../shared/datasets/variants/football_results_utf8.csv');
let football: Table;
let matches: Recipe;
let titanic: Table;
let passengers: Recipe;

beforeAll(async () => {
  football = (await loadTable(FOOTBALL, {})).table;
  matches = suggestRecipe(football, { target: 'neutral' });
  titanic = (await loadTable('resources/samples/titanic.csv', {})).table;
  passengers = suggestRecipe(titanic, { target: 'Survived' });
});

function features(table: Table, recipe: Recipe): readonly string[] {
  return prepare(table, recipeFromJSON(JSON.parse(JSON.stringify(recipe)))).fitted.features;
}

describe('dates', () => {
  it('adds the day of the month, scaled like the suggested parts', () => {
    expect(datePartsOf(dateStepOf(matches, 'date'))).toEqual(['year', 'month', 'day-of-week']);
    expect(datePartsScaling(matches, 'date')).toBe('standard');
    const edited = setDateParts(matches, 'date', ['day-of-week', 'day', 'year', 'month']);
    // The engine's order, whatever order the boxes were ticked in.
    expect(dateStepOf(edited, 'date')!.params.parts).toEqual(['year', 'month', 'day', 'day-of-week']);
    expect(scaleStepOf(edited, 'date (day of month)')?.params.method).toBe('standard');
    expect(features(football, edited).filter((f) => f.startsWith('date ('))).toEqual(['date (year)', 'date (month)', 'date (day of month)', 'date (day of week)']);
  });

  it('takes a part away with its scaling, refuses to take them all, and unscales the parts on request', () => {
    const yearOnly = setDateParts(matches, 'date', ['year']);
    expect(scaleStepOf(yearOnly, 'date (month)')).toBeUndefined();
    expect(features(football, yearOnly).filter((f) => f.startsWith('date ('))).toEqual(['date (year)']);
    expect(setDateParts(yearOnly, 'date', [])).toBe(yearOnly);
    expect(setDateParts(yearOnly, 'date', ['year'])).toBe(yearOnly);
    const unscaled = setDatePartsScaling(yearOnly, 'date', null);
    expect(datePartsScaling(unscaled, 'date')).toBeNull();
    expect(scaleStepOf(unscaled, 'home_score')?.params.method).toBe('standard');
    expect(features(football, unscaled)).toContain('date (year)');
  });

  it('dropping a date column takes its parts out of the scaling, and keeping it again brings them back scaled', () => {
    const date = profileTable(football).columns.find((c) => c.name === 'date')!;
    const dropped = setDropped(matches, date, true);
    expect(dateStepOf(dropped, 'date')).toBeUndefined();
    expect(scaleStepOf(dropped, 'date (year)')).toBeUndefined();
    expect(features(football, dropped).some((f) => f.startsWith('date'))).toBe(false);
    const kept = setDropped(dropped, date, false);
    expect(datePartsScaling(kept, 'date')).toBe('standard');
    expect(features(football, kept)).toContain('date (day of week)');
  });
});

describe('log transform', () => {
  it('puts Fare and then Age in one log step before the scaling, and takes them out again', () => {
    const fare = setLogTransform(passengers, 'Fare', true);
    const step = logStepOf(fare, 'Fare')!;
    expect(step).toMatchObject({ id: 'log-transform', params: { columns: ['Fare'] } });
    expect(fare.steps.indexOf(step)).toBeLessThan(fare.steps.findIndex((s) => s.kind === 'scale'));
    const both = setLogTransform(fare, 'Age', true);
    expect(logStepOf(both, 'Age')!.params.columns).toEqual(['Fare', 'Age']);
    const report = prepare(titanic, both).reports.find((r) => r.stepId === 'log-transform')!;
    expect(report.summary).toMatch(/^log-transformed 2 columns \(skewness "Fare" 4\.\d\d → 0\.\d\d, "Age" /);
    expect(setLogTransform(both, 'Age', true)).toBe(both);
    expect(logStepOf(setLogTransform(both, 'Fare', false), 'Age')!.params.columns).toEqual(['Age']);
    expect(setLogTransform(fare, 'Fare', false).steps.some((s) => s.kind === 'log-transform')).toBe(false);
  });
});
