/**
 * Model files for the script-export tests, trained briefly on real datasets: recipes that use every step kind
 * (adult, diabetes, football), and the suggested recipe on any shared dataset.
 */
import { resolve } from 'node:path';
import { buildModelFile, type ModelFile } from '../../../engine/model/model-file.ts';
import { runTrainingJob } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack, type NetworkDesign, type TrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Table } from '../../../engine/table/table.ts';
import { modelSource } from '../../../main/export/app-identity.ts';
import { loadTable, type LoadedTable } from '../../../main/io/load-table.ts';
import { DATASETS } from '../../engine/model/trained.ts';
import { adultSteps } from './recipe-steps.ts';

export interface TrainedFile {
  readonly file: ModelFile;
  readonly table: Table;
  readonly path: string;
}

export interface Custom {
  readonly file: string;
  readonly target: string;
  readonly steps: (table: Table) => unknown[];
}

export const CUSTOM: Record<string, Custom> = {
  adult: {
    file: 'adult.csv',
    target: 'income',
    steps: adultSteps,
  },
  diabetes: {
    file: 'diabetes.csv',
    target: 'Outcome',
    steps: () => [
      { id: 'zeros', kind: 'invalid-values', params: { column: 'Glucose', rule: 'range', min: 1, action: 'missing' } },
      { id: 'pressure', kind: 'invalid-values', params: { column: 'BloodPressure', rule: 'range', min: 1, max: 200, action: 'drop-row' } },
      { id: 'pregnancies', kind: 'invalid-values', params: { column: 'Pregnancies', rule: 'set', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], action: 'missing' } },
      { id: 'bmi', kind: 'invalid-values', params: { column: 'BMI', rule: 'finite', action: 'missing' } },
      { id: 'fill', kind: 'impute', params: { columns: ['Glucose', 'BMI'], strategy: 'median', addIndicator: true } },
      { id: 'fill-pregnancies', kind: 'impute', params: { columns: ['Pregnancies'], strategy: 'constant', value: 14 } },
      { id: 'insulin', kind: 'outliers', params: { columns: ['Insulin'], method: 'iqr', k: 3, action: 'remove' } },
      { id: 'skin', kind: 'outliers', params: { columns: ['SkinThickness', 'DiabetesPedigreeFunction'], method: 'zscore', threshold: 2.5, action: 'clip' } },
      { id: 'scale', kind: 'scale', params: { columns: ['Pregnancies', 'Glucose', 'BloodPressure', 'SkinThickness', 'Insulin', 'BMI', 'DiabetesPedigreeFunction', 'Age'], method: 'standard' } },
    ],
  },
  housing: {
    file: 'housing.csv',
    target: 'median_house_value',
    steps: () => [
      { id: 'fill', kind: 'impute', params: { columns: ['total_bedrooms'], strategy: 'median' } },
      { id: 'ocean', kind: 'encode', params: { column: 'ocean_proximity', method: 'one-hot' } },
      { id: 'pieces', kind: 'piecewise-linear', params: { columns: ['longitude', 'latitude', 'total_bedrooms'] } },
      { id: 'few-pieces', kind: 'piecewise-linear', params: { columns: ['housing_median_age', 'median_income'], pieces: 3 } },
      { id: 'scale', kind: 'scale', params: { columns: ['total_rooms', 'population', 'households'], method: 'standard' } },
    ],
  },
  football: {
    file: 'international_football_results.csv',
    target: 'neutral',
    steps: () => [
      { id: 'recent', kind: 'filter-rows', params: { column: 'date', rule: 'range', min: Date.UTC(1990, 0, 1), action: 'keep' } },
      { id: 'drop', kind: 'drop-columns', params: { columns: ['home_team', 'away_team', 'city', 'country'] } },
      { id: 'dates', kind: 'date-parts', params: { column: 'date', parts: ['year', 'month', 'day', 'day-of-week'] } },
      { id: 'tournament', kind: 'encode', params: { column: 'tournament', method: 'one-hot', maxLevels: 12 } },
      { id: 'goals', kind: 'log-transform', params: { columns: ['home_score', 'away_score'] } },
      { id: 'scale', kind: 'scale', params: { columns: ['date (year)', 'date (month)', 'date (day of month)', 'date (day of week)'], method: 'standard' } },
    ],
  },
};

function trainFile(loaded: LoadedTable, path: string, recipe: Recipe, design: NetworkDesign, settings: TrainingSettings): TrainedFile {
  const result = runTrainingJob({ table: loaded.table, recipe, design, settings });
  return { file: buildModelFile({ result, design, settings, source: modelSource(loaded), app: { name: 'Layerlab', version: 'test' } }), table: loaded.table, path };
}

/** One of CUSTOM, trained for an epoch (split seed 3). */
export async function customModel(name: string, design: NetworkDesign = { hidden: denseStack([4]) }): Promise<TrainedFile> {
  const custom = CUSTOM[name]!;
  const path = resolve(DATASETS, custom.file);
  const loaded = await loadTable(path);
  const recipe = recipeFromJSON({ version: 1, target: { column: custom.target }, split: { train: 0.7, validation: 0.1, test: 0.2, stratify: true, seed: 3 }, steps: custom.steps(loaded.table) });
  return trainFile(loaded, path, recipe, design, defaultTrainingSettings({ epochs: 1 }));
}

/** A dataset (a path under the shared datasets) with the suggested recipe, trained for `epochs`. */
export async function suggestedModel(file: string, target: string, design: NetworkDesign = { hidden: denseStack([4]) }, settings: Partial<TrainingSettings> = {}): Promise<TrainedFile> {
  const path = resolve(DATASETS, file);
  const loaded = await loadTable(path);
  return trainFile(loaded, path, suggestRecipe(loaded.table, { target }), design, defaultTrainingSettings({ epochs: 1, ...settings }));
}
