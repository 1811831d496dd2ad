/** Renaming and deleting runs and models, over the real services: a real short run in a worker, and a model file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import type { CallContext } from '../../../main/api/handle.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { trained } from '../../engine/model/trained.ts';
import { failure } from './api-test-kit.ts';

const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };

let services: Services;
let settingsDir: string;

beforeEach(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'layerlab-run-handlers-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: false,
  });
});

afterEach(async () => {
  await closeServices(services);
  await rm(settingsDir, { recursive: true, force: true });
});

async function finishedRun() {
  const handlers = createHandlers(services);
  const { datasetId } = await handlers.openDataset({ operationId: 'open-iris', source: { kind: 'sample', sampleId: 'iris' } }, context);
  const { recipe } = await handlers.suggestRecipe({ datasetId }, context);
  const run = await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([4]) }, settings: defaultTrainingSettings({ epochs: 3, earlyStopping: false }) }, context);
  const deadline = Date.now() + 60_000;
  while (!(await handlers.listRuns({}, context)).find((r) => r.runId === run.runId)?.modelId) {
    if (Date.now() > deadline) throw new Error('the run did not finish');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { handlers, runId: run.runId };
}

describe('runs belong to their dataset, and can be renamed and deleted', () => {
  it('says which data a run trained on and what it predicts', async () => {
    const { handlers, runId } = await finishedRun();
    const [run] = await handlers.listRuns({}, context);
    expect(run).toMatchObject({ runId, dataset: { name: 'iris.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, target: 'species' });
  });

  it('renames a run and its model together', async () => {
    const { handlers, runId } = await finishedRun();
    expect(await handlers.renameRun({ id: runId, label: '  wide first try ' }, context)).toEqual({ renamed: true });
    expect((await handlers.listRuns({}, context))[0]!.label).toBe('wide first try');
    expect((await handlers.listModels({}, context))[0]!.label).toBe('wide first try');
    expect(await failure(handlers.renameRun({ id: runId, label: '   ' }, context))).toMatchObject({ code: 'empty-name' });
  });

  it('deletes a run with its model, and an undo puts both back where they were', async () => {
    const { handlers, runId } = await finishedRun();
    const model = await trained('titanic');
    services.models.add({ modelId: 'file-1', label: 'later.json', datasetId: null, model: model.file, result: null, path: null });
    expect(await handlers.deleteRun({ id: runId }, context)).toEqual({ deleted: true });
    expect(await handlers.listRuns({}, context)).toEqual([]);
    expect((await handlers.listModels({}, context)).map((m) => m.modelId)).toEqual(['file-1']);
    expect(await handlers.restoreRun({ id: runId }, context)).toEqual({ restored: true });
    expect((await handlers.listRuns({}, context)).map((r) => r.runId)).toEqual([runId]);
    expect((await handlers.listModels({}, context)).map((m) => m.modelId), 'back in its place, before the file').toEqual([runId, 'file-1']);
  });

  it('deletes a model opened from a file, and refuses an id it does not know', async () => {
    const handlers = createHandlers(services);
    const model = await trained('titanic');
    services.models.add({ modelId: 'file-1', label: 'm.json', datasetId: null, model: model.file, result: null, path: null });
    expect(await handlers.deleteRun({ id: 'file-1' }, context)).toEqual({ deleted: true });
    expect(await handlers.listModels({}, context)).toEqual([]);
    expect(await failure(handlers.deleteRun({ id: 'file-1' }, context))).toMatchObject({ code: 'unknown-run' });
  });

  it('refuses to delete a run that is still training, and keeps it', async () => {
    const handlers = createHandlers(services);
    const { datasetId } = await handlers.openDataset({ operationId: 'open-churn', source: { kind: 'sample', sampleId: 'churn' } }, context);
    const { recipe } = await handlers.suggestRecipe({ datasetId }, context);
    const run = await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([8]) }, settings: defaultTrainingSettings({ epochs: 500, earlyStopping: false }) }, context);
    expect(await failure(handlers.deleteRun({ id: run.runId }, context))).toMatchObject({ code: 'run-active', message: expect.stringContaining('Stop it first') });
    expect((await handlers.listRuns({}, context)).map((r) => r.runId)).toEqual([run.runId]);
    await handlers.stopTraining({ runId: run.runId }, context);
  });
});
