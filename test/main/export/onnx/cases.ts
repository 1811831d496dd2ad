/**
 * The models the ONNX tests export: every shared dataset and parser variant with the recipe Layerlab suggests
 * (what a user gets), and custom recipes that between them use every step kind and option, every activation,
 * batch normalization, dropout and a Dense layer without bias. Trained briefly: the parity of two
 * implementations does not need a good model.
 */
import { resolve } from 'node:path';
import { loadModel, type LoadedModel } from '../../../../engine/model/load-model.ts';
import { buildModelFile, serializeModel, type ModelMember } from '../../../../engine/model/model-file.ts';
import type { LayerSpec } from '../../../../engine/nn/network-spec.ts';
import { runTrainingJob } from '../../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack, type NetworkDesign } from '../../../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../../../engine/prep/recipe-json.ts';
import { suggestRecipe } from '../../../../engine/prep/suggest.ts';
import type { TargetChoice } from '../../../../engine/prep/types.ts';
import type { Table } from '../../../../engine/table/table.ts';
import { modelSource } from '../../../../main/export/app-identity.ts';
import { loadTable } from '../../../../main/io/load-table.ts';
import { DATASETS } from '../../../engine/model/trained.ts';
import { adultSteps } from '../recipe-steps.ts';

export interface OnnxCase {
  readonly file: string;
  readonly sheet?: string;
  readonly target: TargetChoice;
  /** Absent: the suggested recipe. */
  readonly steps?: (table: Table) => unknown[];
  readonly design?: NetworkDesign;
  readonly epochs?: number;
  /** Binary models: the decision threshold exported (the model's own, 0.5, when absent). */
  readonly threshold?: number;
  /** An ensemble of this many networks (each trained with its own seed), as a network search saves one. */
  readonly ensemble?: number;
}

/** Every activation once, batch normalization, dropout, and a Dense layer without bias. */
const EVERY_LAYER: LayerSpec[] = [
  { type: 'dense', units: 8, activation: 'leaky_relu' },
  { type: 'batchNormalization', epsilon: 0.01 },
  { type: 'dropout', rate: 0.2 },
  { type: 'dense', units: 6, activation: 'gelu' },
  { type: 'dense', units: 6, activation: 'elu', useBias: false },
  { type: 'dense', units: 6, activation: 'selu' },
  { type: 'dense', units: 6, activation: 'tanh' },
  { type: 'dense', units: 6, activation: 'sigmoid' },
  { type: 'dense', units: 6, activation: 'softplus' },
  { type: 'dense', units: 6, activation: 'swish' },
  { type: 'dense', units: 6, activation: 'linear' },
  { type: 'dense', units: 6, activation: 'relu' },
];

export const SUGGESTED: Readonly<Record<string, OnnxCase>> = {
  titanic: { file: 'titanic.csv', target: { column: 'Survived' }, threshold: 0.35 },
  iris: { file: 'iris.csv', target: { column: 'species' }, design: { hidden: EVERY_LAYER }, epochs: 5 },
  housing: { file: 'housing.csv', target: { column: 'median_house_value' } },
  churn: { file: 'Churn_Modelling.csv', target: { column: 'Exited' } },
  diabetes: { file: 'diabetes.csv', target: { column: 'Outcome' } },
  adult: { file: 'adult.csv', target: { column: 'income' } },
  wine: { file: 'winequality-red.csv', target: { column: 'quality' } },
  football: { file: 'international_football_results.csv', target: { column: 'neutral' } },
  diabetes130: { file: 'diabetes130_readmission.csv', target: { column: 'readmitted' }, epochs: 1 },
  'housing, semicolon and decimal comma': { file: 'variants/housing_semicolon_decimal_comma.csv', target: { column: 'median_house_value' } },
  'titanic, tab-separated': { file: 'variants/titanic.tsv', target: { column: 'Survived' } },
  'churn, UTF-8 with BOM': { file: 'variants/churn_utf8_bom.csv', target: { column: 'Exited' } },
  'titanic, quoted multi-line': { file: 'variants/titanic_quoted_multiline.csv', target: { column: 'Survived' } },
  'football, Latin-1': { file: 'variants/football_results_latin1.csv', target: { column: 'home_score' } },
  'football, UTF-8': { file: 'variants/football_results_utf8.csv', target: { column: 'tournament' } },
  'churn, xlsx': { file: 'variants/churn_first500.xlsx', target: { column: 'Geography' } },
  'two sheets: titanic': { file: 'variants/two_sheets_titanic_iris.xlsx', sheet: 'titanic', target: { column: 'Pclass' } },
  'two sheets: iris': { file: 'variants/two_sheets_titanic_iris.xlsx', sheet: 'iris', target: { column: 'species' } },
};

export const CUSTOM: Readonly<Record<string, OnnxCase>> = {
  'iris: an ensemble of three networks averaged (model format 2.0), as network search saves one': { file: 'iris.csv', target: { column: 'species' }, ensemble: 3, epochs: 5 },
  'housing: numbers in pieces (piecewise-linear encoding) with gaps filled, as search trials read them': {
    file: 'housing.csv',
    target: { column: 'median_house_value' },
    ensemble: 2,
    steps: () => [
      { id: 'fill', kind: 'impute', params: { columns: ['total_bedrooms'], strategy: 'median' } },
      { id: 'ocean', kind: 'encode', params: { column: 'ocean_proximity', method: 'one-hot' } },
      { id: 'pieces', kind: 'piecewise-linear', params: { columns: ['longitude', 'latitude', 'housing_median_age', 'total_rooms', 'population', 'households', 'median_income'] } },
      { id: 'few', kind: 'piecewise-linear', params: { columns: ['total_bedrooms'], pieces: 2 } },
    ],
  },
  'churn: a linear model (no hidden layer), a shape network search tries': { file: 'Churn_Modelling.csv', target: { column: 'Exited' }, design: { hidden: [] } },
  'wine: L1/L2 penalties and dropout after every layer, as search trials train': {
    file: 'winequality-red.csv',
    target: { column: 'quality' },
    design: {
      hidden: [
        { type: 'dense', units: 16, activation: 'relu', l1: 1e-4, l2: 1e-3 },
        { type: 'dropout', rate: 0.1 },
        { type: 'dense', units: 8, activation: 'relu', l2: 1e-3 },
        { type: 'dropout', rate: 0.1 },
      ],
    },
  },
  'adult: filters, indicators, every encoding, clip, log, min-max and robust scaling': {
    file: 'adult.csv',
    target: { column: 'income' },
    steps: adultSteps,
  },
  'diabetes: every invalid-value rule and action, constant fill, outliers removed and clipped': {
    file: 'diabetes.csv',
    target: { column: 'Outcome' },
    steps: () => [
      { id: 'zeros', kind: 'invalid-values', params: { column: 'Glucose', rule: 'range', min: 1, action: 'missing' } },
      { id: 'pressure', kind: 'invalid-values', params: { column: 'BloodPressure', rule: 'range', min: 1, max: 200, action: 'drop-row' } },
      { id: 'pregnancies', kind: 'invalid-values', params: { column: 'Pregnancies', rule: 'set', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], action: 'missing' } },
      { id: 'age', kind: 'invalid-values', params: { column: 'Age', rule: 'set', values: Array.from({ length: 70 }, (_, i) => String(i + 20)), action: 'drop-row' } },
      { id: 'bmi', kind: 'invalid-values', params: { column: 'BMI', rule: 'finite', action: 'missing' } },
      { id: 'insulin-finite', kind: 'invalid-values', params: { column: 'Insulin', rule: 'finite', action: 'drop-row' } },
      { id: 'fill', kind: 'impute', params: { columns: ['Glucose', 'BMI'], strategy: 'median', addIndicator: true } },
      { id: 'fill-pregnancies', kind: 'impute', params: { columns: ['Pregnancies'], strategy: 'constant', value: 14 } },
      { id: 'insulin', kind: 'outliers', params: { columns: ['Insulin'], method: 'iqr', k: 3, action: 'remove' } },
      { id: 'skin', kind: 'outliers', params: { columns: ['SkinThickness', 'DiabetesPedigreeFunction'], method: 'zscore', threshold: 2.5, action: 'clip' } },
      { id: 'scale', kind: 'scale', params: { columns: ['Pregnancies', 'Glucose', 'BloodPressure', 'SkinThickness', 'Insulin', 'BMI', 'DiabetesPedigreeFunction', 'Age'], method: 'standard' } },
    ],
  },
  'titanic: dropped rows, a new fill label, unseen levels refused, numbers as categories, allowed labels': {
    file: 'titanic.csv',
    target: { column: 'Survived' },
    threshold: 0.6,
    steps: () => [
      { id: 'drop', kind: 'drop-columns', params: { columns: ['PassengerId', 'Name', 'Ticket'] } },
      { id: 'known-port', kind: 'invalid-values', params: { column: 'Embarked', rule: 'set', values: ['S', 'C'], action: 'missing' } },
      { id: 'port', kind: 'impute', params: { columns: ['Embarked'], strategy: 'drop-rows' } },
      { id: 'cabin', kind: 'impute', params: { columns: ['Cabin'], strategy: 'constant', value: 'no cabin', addIndicator: true } },
      { id: 'age', kind: 'impute', params: { columns: ['Age'], strategy: 'mean' } },
      { id: 'no-crew', kind: 'filter-rows', params: { column: 'Fare', rule: 'equals', values: [0, '0'], action: 'remove' } },
      { id: 'fare-known', kind: 'filter-rows', params: { column: 'Fare', rule: 'is-missing', action: 'remove' } },
      { id: 'class', kind: 'encode', params: { column: 'Pclass', method: 'ordinal', order: ['3', '2', '1'] } },
      { id: 'sibsp', kind: 'encode', params: { column: 'SibSp', method: 'one-hot', maxLevels: 4, unseen: 'error' } },
      { id: 'sex', kind: 'encode', params: { column: 'Sex', method: 'binary', positive: 'female' } },
      { id: 'embarked', kind: 'encode', params: { column: 'Embarked', method: 'one-hot', unseen: 'error' } },
      { id: 'cabin-hot', kind: 'encode', params: { column: 'Cabin', method: 'one-hot', maxLevels: 5 } },
      { id: 'fare', kind: 'outliers', params: { columns: ['Fare'], method: 'percentile', lowerPercentile: 1, upperPercentile: 98, action: 'remove' } },
      { id: 'log', kind: 'log-transform', params: { columns: ['Fare', 'Parch'] } },
      { id: 'scale', kind: 'scale', params: { columns: ['Age', 'Fare', 'Parch'], method: 'robust' } },
    ],
  },
  'housing: regression without target scaling, other-level bucket, mean fill, z-score clipping': {
    file: 'housing.csv',
    target: { column: 'median_house_value', scale: false },
    design: { hidden: denseStack([8], 'swish') },
    steps: () => [
      { id: 'age', kind: 'invalid-values', params: { column: 'housing_median_age', rule: 'range', max: 51, action: 'drop-row' } },
      { id: 'west', kind: 'filter-rows', params: { column: 'longitude', rule: 'range', max: -114.5, action: 'keep' } },
      { id: 'fill', kind: 'impute', params: { columns: ['total_bedrooms'], strategy: 'mean', addIndicator: true } },
      { id: 'ocean', kind: 'encode', params: { column: 'ocean_proximity', method: 'one-hot', maxLevels: 3 } },
      { id: 'rooms', kind: 'outliers', params: { columns: ['total_rooms', 'population'], method: 'zscore', action: 'clip' } },
      { id: 'scale', kind: 'scale', params: { columns: ['longitude', 'latitude', 'housing_median_age', 'total_rooms', 'total_bedrooms', 'population', 'households', 'median_income'], method: 'standard' } },
    ],
  },
  'football: a date filter, every date part, dates encoded, one-hot with many teams': {
    file: 'international_football_results.csv',
    target: { column: 'neutral' },
    steps: () => [
      { id: 'recent', kind: 'filter-rows', params: { column: 'date', rule: 'range', min: Date.UTC(1990, 0, 1), action: 'keep' } },
      { id: 'old-cup', kind: 'filter-rows', params: { column: 'date', rule: 'range', min: Date.UTC(1994, 5, 17), max: Date.UTC(1994, 6, 17, 23, 59, 59, 999), action: 'remove' } },
      { id: 'drop', kind: 'drop-columns', params: { columns: ['home_team', 'away_team', 'city'] } },
      { id: 'dates', kind: 'date-parts', params: { column: 'date', parts: ['year', 'month', 'day', 'day-of-week'] } },
      { id: 'tournament', kind: 'encode', params: { column: 'tournament', method: 'one-hot', maxLevels: 12 } },
      { id: 'country', kind: 'encode', params: { column: 'country', method: 'one-hot', maxLevels: 40 } },
      { id: 'goals', kind: 'log-transform', params: { columns: ['home_score', 'away_score'] } },
      { id: 'scale', kind: 'scale', params: { columns: ['date (year)', 'date (month)', 'date (day of month)', 'date (day of week)'], method: 'standard' } },
    ],
  },
};

export interface TrainedCase {
  readonly model: LoadedModel;
  readonly table: Table;
}

export async function trainCase(c: OnnxCase): Promise<TrainedCase> {
  const loaded = await loadTable(resolve(DATASETS, c.file), c.sheet ? { sheet: c.sheet } : {});
  const recipe = c.steps
    ? recipeFromJSON({ version: 1, target: c.target, split: { train: 0.7, validation: 0.1, test: 0.2, stratify: true, seed: 3 }, steps: c.steps(loaded.table) })
    : suggestRecipe(loaded.table, { target: c.target.column });
  const design = c.design ?? { hidden: denseStack([8, 4]) };
  const settings = defaultTrainingSettings({ epochs: c.epochs ?? 2, seed: 11 });
  const result = runTrainingJob({ table: loaded.table, recipe, design, settings });
  const others = Array.from({ length: (c.ensemble ?? 1) - 1 }, (_, k) => runTrainingJob({ table: loaded.table, recipe, design, settings: { ...settings, seed: 12 + k } }));
  const member = (r: typeof result): ModelMember => ({ design, settings, rows: { train: r.rows.train, validation: r.rows.validation }, epochsCompleted: r.history.epochsCompleted, bestEpoch: r.history.bestEpoch, stopReason: r.history.stopReason });
  const ensemble = others.length > 0 ? { ensemble: { networks: [result, ...others].map((r) => r.network), members: [result, ...others].map(member) } } : {};
  const file = buildModelFile({ result, design, settings, source: modelSource(loaded), app: { name: 'Layerlab', version: 'test' }, ...(c.threshold !== undefined ? { threshold: c.threshold } : {}), ...ensemble });
  // Through the file's text, as a saved model is read back.
  return { model: loadModel(JSON.parse(serializeModel(file))), table: loaded.table };
}
