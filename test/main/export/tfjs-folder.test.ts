/**
 * The TF.js export: `tf.loadLayersModel` (TensorFlow.js 4.22, loading model.json and weights.bin over its HTTP
 * loader, strict weight matching) gives a model that predicts within 1e-5 of Layerlab on the same cleaned
 * inputs, and the recipe in its metadata prepares raw rows exactly as the model file does.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanedData } from '../../../engine/model/cleaned-data.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import { serializeModel } from '../../../engine/model/model-file.ts';
import { transformForPrediction } from '../../../engine/prep/predict.ts';
import { fittedRecipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import { exportTfjsFolder } from '../../../main/export/tfjs-folder.ts';
import { expectClose, tf } from '../../engine/nn/tfjs-reference.ts';
import { trained, type CaseName } from '../../engine/model/trained.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-tfjs-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** TF.js' own HTTP loader, served from the export folder: paths in the weights manifest resolve as in a browser. */
function loadFromFolder(dir: string): Promise<tf.LayersModel> {
  const fetchFunc = async (url: string | URL | Request): Promise<Response> => new Response(readFileSync(join(dir, basename(new URL(String(url)).pathname))));
  return tf.loadLayersModel('http://layerlab.test/models/export/model.json', { fetchFunc, strict: true });
}

describe('TF.js folder export', () => {
  for (const name of ['titanic', 'iris', 'housing'] as CaseName[]) {
    it(`${name}: tf.loadLayersModel loads it and predicts within 1e-5 of Layerlab`, async () => {
      const { file, table } = await trained(name);
      const dir = join(tmp, name);
      const written = await exportTfjsFolder(file, dir);
      expect(written.bytes).toBe(file.network.weightSpecs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0) * 4);
      const model = loadModel(JSON.parse(serializeModel(file)));
      const clean = cleanedData(model, table);
      const tfModel = await loadFromFolder(dir);
      const theirs = tf.tidy(() => (tfModel.predict(tf.tensor2d(clean.x, [clean.rows, clean.features.length])) as tf.Tensor).dataSync().slice());
      expectClose(model.network.predict(clean.x, clean.rows), theirs, name, 1e-5, 1e-6);
      tfModel.dispose();
    });
  }

  it('carries the recipe in userDefinedMetadata, and it prepares raw rows exactly as the model file does', async () => {
    const { file, table } = await trained('titanic');
    const dir = join(tmp, 'metadata');
    await exportTfjsFolder(file, dir);
    const tfModel = await loadFromFolder(dir);
    const metadata = tfModel.getUserDefinedMetadata() as { layerlab: { recipe: unknown; format: string; version: string; provenance: unknown; loss: string } };
    expect(metadata.layerlab).toMatchObject({ format: 'layerlab-model', version: file.version, provenance: file.provenance, loss: 'binary_crossentropy' });
    const recipe = fittedRecipeFromJSON(metadata.layerlab.recipe);
    expect(transformForPrediction(recipe, table).x).toEqual(transformForPrediction(file.recipe, table).x);
    tfModel.dispose();
  });

  it('refuses a target that is a file, saying a folder is expected', async () => {
    const { file } = await trained('titanic');
    const path = join(tmp, 'a-file');
    writeFileSync(path, 'x');
    await expect(exportTfjsFolder(file, path)).rejects.toThrow(/a-file is a file\. A TensorFlow\.js export is a folder \(model\.json \+ weights\.bin\)/);
  });
});
