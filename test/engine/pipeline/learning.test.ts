/**
 * The engine learns real tables: the classic Keras churn recipe, iris (softmax, 3 classes) and California
 * housing (regression). Data read from ../shared/datasets with the app's own loader.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrainingJob } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { ClassificationReport, RegressionReport } from '../../../engine/metrics/index.ts';
import { loadTable } from '../../../main/io/load-table.ts';

const datasets = resolve(import.meta.dirname, '../../../../shared/datasets');

describe('learning on real data', () => {
  it('churn, the classic Keras recipe (6 relu → 6 relu → 1 sigmoid, adam 0.001, batch 32, 100 epochs, 80/20, seed 42): test accuracy ≥ 0.85', async () => {
    const { table } = await loadTable(resolve(datasets, 'Churn_Modelling.csv'));
    const recipe = recipeFromJSON({
      version: 1,
      target: { column: 'Exited' },
      split: { train: 0.8, validation: 0, test: 0.2, stratify: true, seed: 42 },
      steps: [
        { id: 'ids', kind: 'drop-columns', params: { columns: ['RowNumber', 'CustomerId', 'Surname'] } },
        { id: 'geo', kind: 'encode', params: { column: 'Geography', method: 'one-hot' } },
        { id: 'gender', kind: 'encode', params: { column: 'Gender', method: 'one-hot' } },
        { id: 'scale', kind: 'scale', params: { columns: ['CreditScore', 'Age', 'Tenure', 'Balance', 'NumOfProducts', 'HasCrCard', 'IsActiveMember', 'EstimatedSalary'], method: 'standard' } },
      ],
    });
    const result = runTrainingJob({
      table,
      recipe,
      design: { hidden: denseStack([6, 6], 'relu') },
      settings: defaultTrainingSettings({ epochs: 100, batchSize: 32, optimizer: { kind: 'adam', learningRate: 0.001 }, seed: 42, earlyStopping: false, reduceLrOnPlateau: false }),
    });
    expect(result.rows).toEqual({ train: 8000, validation: 0, test: 2000 });
    expect(result.fitted.features).toHaveLength(13);
    expect(result.history.epochsCompleted).toBe(100);
    expect((result.test!.report as ClassificationReport).accuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('iris with the suggested recipe and default settings: test accuracy ≥ 0.93', async () => {
    const { table } = await loadTable(resolve(datasets, 'iris.csv'));
    const result = runTrainingJob({ table, recipe: suggestRecipe(table, { target: 'species' }), design: { hidden: denseStack([32, 16]) }, settings: defaultTrainingSettings({ epochs: 300 }) });
    expect(result.fitted.target.task).toBe('multiclass');
    expect((result.test!.report as ClassificationReport).accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('housing with the suggested recipe and default settings: test R² ≥ 0.70', async () => {
    const { table } = await loadTable(resolve(datasets, 'housing.csv'));
    const result = runTrainingJob({ table, recipe: suggestRecipe(table, { target: 'median_house_value' }), design: { hidden: denseStack([32, 16]) }, settings: defaultTrainingSettings() });
    expect(result.fitted.target.task).toBe('regression');
    expect((result.test!.report as RegressionReport).r2).toBeGreaterThanOrEqual(0.7);
  });
});
