/** Real tables from the shared datasets, as the fit loop's TrainingData, and a metric for the tests. */
import { readFileSync } from 'node:fs';
import type { FitMetric, TrainingData } from '../../../engine/nn/fit-types.ts';
import type { Param } from '../../../engine/nn/types.ts';

const DATASETS = new URL('../../../../shared/datasets/', import.meta.url);

/** Numeric columns of a CSV without quoted fields; `standardize` z-scores the features (population std). */
export function loadTable(file: string, features: readonly string[], target: string, standardize: boolean): TrainingData {
  const lines = readFileSync(new URL(file, DATASETS), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const columns = [...features, target].map((name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${file} has no column ${name}`);
    return index;
  });
  const rows = lines.length - 1;
  const width = features.length;
  const x = new Float32Array(rows * width);
  const y = new Float32Array(rows);
  lines.slice(1).forEach((line, r) => {
    const cells = line.split(',');
    columns.forEach((c, j) => {
      const value = Number(cells[c]);
      if (j < width) x[r * width + j] = value;
      else y[r] = value;
    });
  });
  if (standardize) {
    for (let j = 0; j < width; j++) {
      let mean = 0;
      for (let r = 0; r < rows; r++) mean += x[r * width + j]! / rows;
      let variance = 0;
      for (let r = 0; r < rows; r++) variance += (x[r * width + j]! - mean) ** 2 / rows;
      const std = Math.sqrt(variance) || 1;
      for (let r = 0; r < rows; r++) x[r * width + j] = (x[r * width + j]! - mean) / std;
    }
  }
  return { x, y, rows, features: width, targetWidth: 1 };
}

export const DIABETES_FEATURES = ['Pregnancies', 'Glucose', 'BloodPressure', 'SkinThickness', 'Insulin', 'BMI', 'DiabetesPedigreeFunction', 'Age'];

/** Pima diabetes (768 rows, 268 positive), standardized. */
export const diabetes = (): TrainingData => loadTable('diabetes.csv', DIABETES_FEATURES, 'Outcome', true);

export const binaryAccuracy: FitMetric = {
  name: 'accuracy',
  direction: 'max',
  compute(y, yPred, rows) {
    let correct = 0;
    for (let r = 0; r < rows; r++) if ((yPred[r]! >= 0.5 ? 1 : 0) === y[r]) correct++;
    return correct / rows;
  },
};

export function weightsOf(params: readonly Param[]): number[][] {
  return params.map((p) => Array.from(p.value));
}
