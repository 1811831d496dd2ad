/**
 * A saved model's score on a table's test rows, as a user would get it: the model file is written and read
 * back, and `predictTable` (what `layerlab predict` runs) predicts the raw rows. A row the model refuses to
 * predict counts as wrong (classification) or as a prediction of the training mean (regression).
 */
import { loadModel } from '../../engine/model/load-model.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import { predictTable } from '../../engine/model/predict.ts';
import { labelAt } from '../../engine/prep/table-ops.ts';
import { requireTargetColumn } from '../../engine/prep/target.ts';
import type { Table } from '../../engine/table/table.ts';

export interface TestScore {
  /** Accuracy, or R² for regression. */
  readonly score: number;
  readonly rejected: number;
}

export function scoreModelFile(file: ModelFile, test: Table): TestScore {
  const model = loadModel(JSON.parse(JSON.stringify(file)));
  const target = requireTargetColumn(test, model.recipe.target.column);
  const predictions = predictTable(model, test);
  const n = test.rowCount;
  if (model.recipe.target.task === 'regression') {
    const scale = model.recipe.target.scale ?? { mean: 0, std: 1 };
    const predicted = new Float64Array(n).fill(scale.mean);
    predictions.rowIndex.forEach((row, i) => (predicted[row] = predictions.values![i]!));
    const actual = Float64Array.from({ length: n }, (_, row) => Number(labelAt(target, row)));
    const mean = actual.reduce((a, b) => a + b, 0) / n;
    let residual = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      residual += (actual[i]! - predicted[i]!) ** 2;
      total += (actual[i]! - mean) ** 2;
    }
    return { score: 1 - residual / total, rejected: predictions.rejected.length };
  }
  let correct = 0;
  predictions.rowIndex.forEach((row, i) => {
    if (predictions.labels![i] === labelAt(target, row)) correct++;
  });
  return { score: correct / n, rejected: predictions.rejected.length };
}
