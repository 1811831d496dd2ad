import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClassificationReport, RegressionReport } from '../../../engine/metrics/index.ts';
import { TrainingControl } from '../../../engine/nn/control.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { DataSplit, FittedRecipe } from '../../../engine/prep/types.ts';
import { constantBaseline, linearBaseline } from '../../../engine/pipeline/baselines.ts';
import { defaultTrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import { loadTable } from '../../../main/io/load-table.ts';

const datasets = resolve(import.meta.dirname, '../../../../shared/datasets');

const split = (y: number[]): DataSplit => ({ x: new Float32Array(y.length), y: Float32Array.from(y), rows: y.length, rowIndex: Int32Array.from(y, (_, i) => i) });
const fitted = (target: Partial<FittedRecipe['target']>): FittedRecipe => ({ target: { column: 'y', targetWidth: 1, ...target } }) as FittedRecipe;

describe('the constant baselines', () => {
  it('always predicts the training rows\' most frequent class, with their class shares as probabilities', () => {
    const report = constantBaseline(fitted({ task: 'multiclass', classLabels: ['a', 'b', 'c'], outputWidth: 3, loss: 'sparse_categorical_crossentropy' }), split([0, 1, 1, 1, 2]), split([1, 1, 0, 2])) as ClassificationReport;
    expect(report.accuracy).toBe(0.5);
    expect(report.confusionMatrix).toEqual([[0, 1, 0], [0, 2, 0], [0, 1, 0]]);
    // log-loss = −(ln 0.6 + ln 0.6 + ln 0.2 + ln 0.2) / 4
    expect(report.logLoss).toBeCloseTo(-(2 * Math.log(0.6) + 2 * Math.log(0.2)) / 4, 5);
  });

  it('binary: the majority class wins every row, even when the shares tie', () => {
    const tie = constantBaseline(fitted({ task: 'binary', classLabels: ['no', 'yes'], outputWidth: 1, loss: 'binary_crossentropy' }), split([0, 1]), split([0, 1, 1])) as ClassificationReport;
    expect(tie.confusionMatrix).toEqual([[1, 0], [2, 0]]);
    const yes = constantBaseline(fitted({ task: 'binary', classLabels: ['no', 'yes'], outputWidth: 1, loss: 'binary_crossentropy' }), split([0, 1, 1]), split([0, 1, 1])) as ClassificationReport;
    expect(yes.accuracy).toBeCloseTo(2 / 3, 10);
  });

  it('regression: always the training rows\' mean, in the target\'s units', () => {
    // Standardized y: training mean 1 → 1 · 10 + 100 = 110 for every test row; actual 100, 120, 130.
    const report = constantBaseline(fitted({ task: 'regression', outputWidth: 1, loss: 'mse', scale: { mean: 100, std: 10 } }), split([0, 1, 2]), split([0, 2, 3])) as RegressionReport;
    expect(report.mae).toBeCloseTo((10 + 10 + 20) / 3, 10);
    expect(report.r2).toBeCloseTo(1 - (100 + 100 + 400) / (16.667 ** 2 + 3.333 ** 2 + 13.333 ** 2), 2);
  });

  it('is null without test rows', () => {
    expect(constantBaseline(fitted({ task: 'regression', outputWidth: 1, loss: 'mse' }), split([1]), split([]))).toBeNull();
  });
});

describe('the linear baseline', () => {
  it('is a trained model scored on the test rows, and null when cancelled: a half-trained one would flatter the network', async () => {
    const { table } = await loadTable(resolve(datasets, 'iris.csv'));
    const { fitted, train, validation, test } = prepare(table, suggestRecipe(table, { target: 'species' }));
    const settings = defaultTrainingSettings({ epochs: 60 });
    const trained = linearBaseline(fitted, train, validation, test, settings) as ClassificationReport;
    expect(trained.accuracy).toBeGreaterThan(0.8);
    const control = TrainingControl.local(() => undefined);
    control.cancel();
    expect(linearBaseline(fitted, train, validation, test, settings, control)).toBeNull();
  });
});
