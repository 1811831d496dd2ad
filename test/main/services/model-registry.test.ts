/** The open models, each loaded once; and the predicted files kept until saved. */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../engine/model/load-model.ts';
import { ModelRegistry } from '../../../main/services/model-registry.ts';
import { PredictionStore } from '../../../main/services/prediction-store.ts';
import { trained } from '../../engine/model/trained.ts';

describe('ModelRegistry', () => {
  it('loads a model on first use and hands the same loaded model back after that', async () => {
    const { file } = await trained('titanic');
    const models = new ModelRegistry();
    models.add({ modelId: 'run-1', label: 'Run 1', datasetId: null, model: file, result: null, path: null });
    const first = models.open('run-1');
    expect(first.entry.modelId).toBe('run-1');
    expect(models.open('run-1').loaded).toBe(first.loaded);
    expect(models.openAll().map((m) => m.loaded)).toEqual([first.loaded]);
  });

  it('keeps a model loaded from its file as it is, and loads again a model whose file changed', async () => {
    const { file } = await trained('titanic');
    const models = new ModelRegistry();
    const loaded = loadModel(file);
    models.add({ modelId: 'file-1', label: 'a.json', datasetId: null, model: file, result: null, path: '/a.json' }, loaded);
    expect(models.open('file-1').loaded).toBe(loaded);
    models.add({ modelId: 'file-1', label: 'a.json', datasetId: null, model: { ...file }, result: null, path: '/a.json' });
    expect(models.open('file-1').loaded).not.toBe(loaded);
  });

  it('says a model is no longer open, and what to do', () => {
    expect(() => new ModelRegistry().open('run-9')).toThrow('That model is no longer open: train it again or open its model file.');
  });

  it('says a deleted run can come back with Undo, until it is no longer kept', async () => {
    const { file } = await trained('titanic');
    const models = new ModelRegistry();
    models.add({ modelId: 'run-1', label: 'Run 1', datasetId: null, model: file, result: null, path: null });
    models.remove('run-1');
    expect(() => models.open('run-1')).toThrow('That run was deleted: press Undo above the runs list to bring it back, or train it again.');
  });
});

describe('PredictionStore', () => {
  it('keeps the last three predicted files, lets the older go (its worker forgets it) and says how to get one back', () => {
    const dropped: string[] = [];
    const store = new PredictionStore((id) => dropped.push(id));
    const ids = ['a.csv', 'b.csv', 'c.csv', 'd.csv'].map((name) => store.keep(store.nextId(), { name }));
    expect(new Set(ids).size).toBe(4);
    expect(ids.slice(1).map((id) => store.get(id).name)).toEqual(['b.csv', 'c.csv', 'd.csv']);
    expect(dropped).toEqual([ids[0]]);
    expect(() => store.get(ids[0]!)).toThrow(/no longer kept \(Layerlab keeps the last three files\)\. Predict the file again/);
  });
});
