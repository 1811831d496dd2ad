/**
 * Save → load → predict gives exactly the in-app predictions: the same bits as the network the training run
 * produced, on the same rows, through the same recipe — for a binary, a multi-class and a regression model.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../engine/model/load-model.ts';
import { MODEL_FORMAT, serializeModel } from '../../../engine/model/model-file.ts';
import { predictRecords, predictTable } from '../../../engine/model/predict.ts';
import { parseJsonText } from '../../../engine/model/safe-json.ts';
import { networkFromJSON } from '../../../engine/nn/network-json.ts';
import { transformForPrediction } from '../../../engine/prep/predict.ts';
import { cellValue } from '../../../engine/table/table.ts';
import { trained, type CaseName } from './trained.ts';

function reopened(text: string) {
  return loadModel(parseJsonText(text, 'The model file'));
}

describe('a saved model predicts exactly what the app predicted', () => {
  for (const name of ['titanic', 'iris', 'housing'] as CaseName[]) {
    it(`${name}: outputs on every row are bit-identical to the trained network's`, async () => {
      const { table, result, file } = await trained(name);
      const model = reopened(serializeModel(file));
      const input = transformForPrediction(result.fitted, table);
      const expected = networkFromJSON(result.network).predict(input.x, input.rows);
      const actual = model.network.predict(transformForPrediction(model.recipe, table).x, input.rows);
      expect(Buffer.from(actual.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    });

    it(`${name}: predictions on the test rows equal the evaluation's, value for value`, async () => {
      const { table, result, file } = await trained(name);
      const model = reopened(serializeModel(file));
      const predictions = predictTable(model, table);
      const test = result.test!;
      const position = new Map(Array.from(predictions.rowIndex, (row, i) => [row, i]));
      const width = result.fitted.target.outputWidth;
      test.rowIndex.forEach((row, i) => {
        const at = position.get(row)!;
        if (result.fitted.target.task === 'regression') expect(predictions.values![at]).toBe(test.predicted[i]);
        else for (let k = 0; k < width; k++) expect(predictions.probabilities![at * width + k]).toBe(test.predicted[i * width + k]);
      });
    });
  }

  it('re-serializing a loaded file gives the same text (nothing is lost or added on load)', async () => {
    const { file } = await trained('iris');
    const text = serializeModel(file);
    expect(serializeModel(reopened(text).file)).toBe(text);
  });

  it('holds the format, version, topology, weights, recipe, target, settings, metrics and provenance', async () => {
    const { file, loaded, result } = await trained('titanic');
    expect(file.format).toBe(MODEL_FORMAT);
    // One network and version 1 steps: the lowest version that reads it, so older Layerlabs open it too.
    expect(file.version).toBe('1.0');
    expect(file.network.modelTopology.class_name).toBe('Sequential');
    expect(file.network.modelTopology.config.layers.map((l) => l.class_name)).toEqual(['Dense', 'Dense', 'Dense']);
    expect(file.network.weightSpecs.map((w) => w.name)).toEqual(['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']);
    expect(file.recipe.target).toMatchObject({ column: 'Survived', task: 'binary', classLabels: ['0', '1'] });
    expect(file.recipe.inputSchema.find((c) => c.name === 'Sex')).toMatchObject({ storage: 'category', categories: ['female', 'male'] });
    expect(file.recipe.inputSchema.find((c) => c.name === 'Fare')).toMatchObject({ storage: 'number', min: 0 });
    expect(file.training.settings.seed).toBe(7);
    expect(file.training.rows).toEqual(result.rows);
    expect(file.metrics.test).toMatchObject({ task: 'binary', rows: result.test!.rows });
    expect(file.provenance).toEqual({
      source: { name: 'titanic.csv', sha256: loaded.source.sha256, rows: 891, columns: 12, format: 'csv', sheet: null, delimiter: ',', decimalComma: false, encoding: 'utf-8' },
      app: { name: 'Layerlab', version: '0.1.0' },
      created: '2025-01-31T12:00:00.000Z',
    });
    expect(loaded.source.sha256).toBe('4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7');
  });

  it('predicts rows given as records, as a form would, the same as the same rows in a table', async () => {
    const { table, file } = await trained('titanic');
    const model = reopened(serializeModel(file));
    const rows = [0, 5, 888]; // 5 and 888 have an empty Age, which the recipe fills
    const records = rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c, row)])));
    const fromRecords = predictRecords(model, records);
    const fromTable = predictTable(model, table);
    expect(fromRecords.rejected).toEqual([]);
    rows.forEach((row, i) => {
      const at = Array.from(fromTable.rowIndex).indexOf(row);
      expect(fromRecords.probabilities![i]).toBe(fromTable.probabilities![at]);
      expect(fromRecords.labels![i]).toBe(fromTable.labels![at]);
    });
  });

  it('applies the decision threshold saved in the file, unless the caller gives another', async () => {
    const { table, file } = await trained('titanic');
    const strict = reopened(serializeModel({ ...file, decision: { threshold: 0.9 } }));
    const predictions = predictTable(strict, table);
    const p = predictions.probabilities!;
    predictions.labels!.forEach((label, i) => expect(label).toBe(p[i]! >= 0.9 ? '1' : '0'));
    expect(predictTable(strict, table, 0.5).labels).toEqual(predictTable(reopened(serializeModel(file)), table).labels);
  });
});
