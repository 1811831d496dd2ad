/**
 * Projects and recovery through the calls, over the real services: the window's working state saved with or
 * without models, the Data step's column types and missing markers read back, thresholds kept in the models,
 * a changed or uploaded data file located again, and the recovery files a killed session leaves.
 */
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync, appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { createDispatch, trustOrigin, type CallContext } from '../../../main/api/handle.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import type { ProjectData, ProjectDataState } from '../../../main/api/calls/project-calls.ts';
import { emptyProject, sha256OfFile } from '../../../main/project/project-store.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { trained } from '../../engine/model/trained.ts';
import { anyPath, failure } from './api-test-kit.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };

let services: Services;
let dir: string;

/**
 * Uploads and downloads, as in the web host; paths too, as on the desktop (the handlers are called directly,
 * past the gate, so the path rule is the desktop's), unless `web` asks for the web host's rule.
 */
function servicesIn(settingsDir: string, web = false): Services {
  return createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: true,
    ...(web ? {} : { files: anyPath }),
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-projects-'));
  services = servicesIn(join(dir, 'settings'));
});

afterEach(async () => {
  await closeServices(services);
  await rm(dir, { recursive: true, force: true });
});

async function openTitanic(path = join(DATASETS, 'titanic.csv')) {
  const handlers = createHandlers(services);
  const summary = await handlers.openDataset({ operationId: 'open', source: { kind: 'path', path } }, context);
  const { recipe } = await handlers.suggestRecipe({ datasetId: summary.datasetId }, context);
  return { handlers, datasetId: summary.datasetId, recipe };
}

function opened(data: ProjectData) {
  if (data.status !== 'opened') throw new Error(`expected the data file to open, got: ${data.message}`);
  return data;
}

const design = { hidden: denseStack([12, 4]) };
const settings = defaultTrainingSettings({ epochs: 7, batchSize: 64, seed: 3 });

/** A process id that no longer runs: a session that was killed. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('payloads', () => {
  it('refuses malformed project and recovery requests before any handler runs', async () => {
    const dispatch = createDispatch(createHandlers(services), trustOrigin('app://layerlab'), () => {}, anyPath);
    const refused = async (name: string, payload: unknown) => {
      const envelope = await dispatch(name, payload, context.sender);
      expect(envelope.ok, `${name} ${JSON.stringify(payload)}`).toBe(false);
      return envelope.ok ? '' : envelope.error.code;
    };
    expect(await refused('updateSession', { name: 'x', recipe: { target: 'Survived' } })).toBe('invalid-request');
    expect(await refused('updateSession', { name: 'x', design: { hidden: [{ type: 'dense', units: 0 }] } })).toBe('invalid-request');
    expect(await refused('updateSession', { name: 'x', thresholds: [{ modelId: 'run-1', threshold: 1.5 }] })).toBe('invalid-request');
    expect(await refused('updateSession', { name: '', step: 'train' })).toBe('invalid-request');
    expect(await refused('saveProject', { destination: { kind: 'download' }, name: 'x', extra: 1 })).toBe('invalid-request');
    expect(await refused('openRecovery', { recoveryId: '../../etc/passwd' })).toBe('invalid-request');
    expect(await refused('discardRecovery', { file: '/tmp/x.layerlab-recovery' })).toBe('invalid-request');
    expect(await refused('locateProjectData', { operationId: 'o', source: { kind: 'path' } })).toBe('invalid-request');
    expect(await refused('locateProjectData', { operationId: 'o' })).toBe('invalid-request');
    expect(await refused('locateProjectData', { operationId: 'o', source: { kind: 'path', path: join(DATASETS, 'iris.csv') } }), 'no project waiting').toBe('no-project-data');
    expect(await refused('acceptChangedData', {}), 'nothing held').toBe('no-changed-data');
    expect(await refused('openRecovery', { recoveryId: 'session-1-00000000' })).toBe('recovery-gone');
    expect(await dispatch('discardRecovery', { recoveryId: 'session-1-00000000' }, context.sender)).toEqual({ ok: true, value: { discarded: false } });
  });
});

describe('the working state in a project', () => {
  it('saves a session without any trained model and opens it back with its recipe, design, settings and step', async () => {
    const { handlers, datasetId, recipe } = await openTitanic();
    const edited: Recipe = { ...recipe, split: { ...recipe.split, train: recipe.split.train - 0.1, test: recipe.split.test + 0.1 } };
    const path = join(dir, 'draft.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'Draft', datasetId, step: 'build', recipe: edited, design, settings }, context);
    const reopened = await createHandlers(services).openProject({ source: { kind: 'path', path } }, context);
    expect(reopened).toMatchObject({ name: 'Draft', path, models: [], selectedModelId: null, step: 'build', recipe: edited, design, settings });
    expect(reopened.dataset).toMatchObject({ status: 'ok', name: 'titanic.csv' });
    const data = opened(await handlers.locateProjectData({ operationId: 'reopen', source: { kind: 'path', path: reopened.dataset.status === 'ok' ? reopened.dataset.path : '' } }, context));
    expect(data.summary).toMatchObject({ name: 'titanic.csv', rowCount: 891, origin: 'path' });
    expect(data.recipe, "the project's recipe comes back with its data").toEqual(edited);
  });

  it("reads the file back with the user's column types, and hands back the missing markers to apply", async () => {
    const { handlers, datasetId, recipe } = await openTitanic();
    await handlers.setColumnType({ datasetId, column: 'Pclass', type: 'categorical' }, context);
    const marked = await handlers.setMissingMarkers({ datasetId, column: 'Fare', markers: ['0'] }, context);
    const fareMissing = marked.summary.columns.find((c) => c.name === 'Fare')!.missing;
    expect(fareMissing, 'titanic has fares of 0').toBeGreaterThan(0);
    const path = join(dir, 'typed.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'Typed', datasetId, recipe }, context);
    expect(JSON.parse(readFileSync(path, 'utf8')).dataset.options).toEqual({ columnTypes: { Pclass: 'categorical' }, columnMissingMarkers: { Fare: ['0'] } });

    await handlers.openProject({ source: { kind: 'path', path } }, context);
    const data = opened(await handlers.locateProjectData({ operationId: 'typed', source: { kind: 'path', path: join(DATASETS, 'titanic.csv') } }, context));
    expect(data.summary.columns.find((c) => c.name === 'Pclass')!.type).toBe('categorical');
    expect(data.markers).toEqual({ Fare: ['0'] });
    const again = await handlers.setMissingMarkers({ datasetId: data.summary.datasetId, column: 'Fare', markers: [...data.markers.Fare!] }, context);
    expect(again.summary.columns.find((c) => c.name === 'Fare')!.missing).toBe(fareMissing);
    const cleared = await handlers.setMissingMarkers({ datasetId: data.summary.datasetId, column: 'Fare', markers: [] }, context);
    expect(cleared.summary.columns.find((c) => c.name === 'Fare')!.missing, 'the markers can be taken off again').toBe(0);
  });

  it('keeps the types and markers of columns named constructor, toString and __proto__ through a save and a reopen', async () => {
    const file = join(dir, 'proto.csv');
    writeFileSync(file, `constructor,toString,__proto__,y\n${Array.from({ length: 30 }, (_, i) => `${i % 4},${i % 3 ? 'a' : 'b'},${i % 5},${i % 2}`).join('\n')}\n`);
    const handlers = createHandlers(services);
    const { datasetId } = await handlers.openDataset({ operationId: 'proto', source: { kind: 'path', path: file } }, context);
    await handlers.setColumnType({ datasetId, column: '__proto__', type: 'categorical' }, context);
    await handlers.setColumnType({ datasetId, column: 'constructor', type: 'text' }, context);
    await handlers.setMissingMarkers({ datasetId, column: 'toString', markers: ['b'] }, context);
    const { recipe } = await handlers.suggestRecipe({ datasetId, target: 'y' }, context);
    const path = join(dir, 'proto.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'Proto', datasetId, recipe }, context);
    const saved = readFileSync(path, 'utf8');
    expect(saved).toContain('"__proto__": "categorical"');
    expect(({} as Record<string, unknown>).categorical, 'nothing reached Object.prototype').toBeUndefined();

    await handlers.openProject({ source: { kind: 'path', path } }, context);
    const data = opened(await handlers.locateProjectData({ operationId: 'proto-again', source: { kind: 'path', path: file } }, context));
    const typeOf = (name: string) => data.summary.columns.find((c) => c.name === name)!.type;
    expect([typeOf('constructor'), typeOf('toString'), typeOf('__proto__'), typeOf('y')]).toEqual(['text', 'categorical', 'categorical', 'boolean']);
    expect(Object.entries(data.markers)).toEqual([['toString', ['b']]]);
  });

  it("saves each model's decision threshold into it, and the reopened model follows it", async () => {
    const { handlers, datasetId } = await openTitanic();
    const model = await trained('titanic');
    services.models.add({ modelId: 'run-1', label: 'Run 1', datasetId, model: model.file, result: model.result, path: null });
    const path = join(dir, 'threshold.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'T', datasetId, selectedModelId: 'run-1', thresholds: [{ modelId: 'run-1', threshold: 0.35 }] }, context);
    const reopened = await handlers.openProject({ source: { kind: 'path', path } }, context);
    expect(reopened.models[0]!.threshold).toBe(0.35);
    expect(reopened.recipe, 'no recipe from the window: the selected model gives it').toEqual(model.file.recipe.recipe);
  });
});

describe('a reloaded window and a reopened project', () => {
  it('gives a reloaded window its state back with the dataset main still holds, and the models it had, once each', async () => {
    const { handlers, datasetId, recipe } = await openTitanic();
    const model = await trained('titanic');
    services.models.add({ modelId: 'run-1', label: 'Run 1', datasetId, model: model.file, result: model.result, path: null });
    await handlers.setMissingMarkers({ datasetId, column: 'Fare', markers: ['0'] }, context);
    await handlers.updateSession({ name: 'Titanic', datasetId, recipe, design, settings, step: 'evaluate', selectedModelId: 'run-1', thresholds: [{ modelId: 'run-1', threshold: 0.4 }] }, context);
    // The reloaded page reports its empty state before it asks: the work is not lost to it.
    await handlers.updateSession({ name: 'Layerlab project', step: 'data' }, context);
    const [live] = await handlers.listRecoveries({}, context);
    expect(live).toMatchObject({ live: true, name: 'Titanic', datasetName: 'titanic.csv', models: 1 });
    const resumed = await handlers.openRecovery({ recoveryId: live!.recoveryId }, context);
    expect(resumed).toMatchObject({ name: 'Titanic', step: 'evaluate', recipe, design, settings, selectedModelId: 'run-1' });
    expect(resumed.dataset).toMatchObject({ status: 'open', summary: { datasetId, name: 'titanic.csv' }, markers: { Fare: ['0'] } });
    expect((await handlers.listModels({}, context)).map((m) => m.modelId), 'the run is not listed twice').toEqual(['run-1']);
    expect(resumed.models[0]).toMatchObject({ modelId: 'run-1', threshold: 0.4, heldOutRows: true });
  });

  it('lists each model once when a saved project is opened while its runs are still open', async () => {
    const { handlers, datasetId, recipe } = await openTitanic();
    const model = await trained('titanic');
    services.models.add({ modelId: 'run-1', label: 'Run 1', datasetId, model: model.file, result: model.result, path: null });
    const path = join(dir, 'twice.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'Twice', datasetId, recipe, selectedModelId: 'run-1' }, context);
    const reopened = await handlers.openProject({ source: { kind: 'path', path } }, context);
    expect(reopened.selectedModelId).toBe('run-1');
    expect((await handlers.listModels({}, context)).map((m) => m.modelId)).toEqual(['run-1']);
  });
});

describe('locating the data file', () => {
  it('asks before taking a located file with other bytes, and takes it when the user agrees', async () => {
    const copy = join(dir, 'titanic.csv');
    copyFileSync(join(DATASETS, 'titanic.csv'), copy);
    const { handlers, datasetId, recipe } = await openTitanic(copy);
    const path = join(dir, 'p.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'P', datasetId, recipe }, context);
    appendFileSync(copy, '892,1,3,"Someone, Mr. New",male,30,0,0,X1,8.05,,S\n');
    const reopened = await handlers.openProject({ source: { kind: 'path', path } }, context);
    expect(reopened.dataset).toMatchObject({ status: 'changed', path: copy });
    expect(services.project.dataState).toMatchObject({ status: 'awaiting-data', name: 'titanic.csv', found: copy });
    const asked = await handlers.locateProjectData({ operationId: 'changed', source: { kind: 'path', path: copy } }, context);
    expect(asked).toMatchObject({ status: 'changed', name: 'titanic.csv' });
    expect(asked.status === 'changed' && asked.message).toMatch(/^Its SHA-256 differs from the file titanic\.csv the project was saved with: .*Use it anyway/);
    expect(services.project.dataState).toEqual({ status: 'confirm-changed', name: 'titanic.csv', message: asked.status === 'changed' ? asked.message : '' });
    expect((await handlers.projectData({}, context)).status, 'held, not opened, until the user agrees').toBe('confirm-changed');
    const taken = opened(await handlers.acceptChangedData({}, context));
    expect(taken.summary.rowCount).toBe(892);
    expect(taken.recipe).toEqual(recipe);
    expect(services.project.dataState).toEqual({ status: 'idle' });
  });

  it('finds an uploaded data file only when the user uploads it again, and checks its bytes', async () => {
    const handlers = createHandlers(services);
    const upload = async (file: string, name: string) => ({ kind: 'upload' as const, uploadId: await services.uploads!.save(name, Readable.from(readFileSync(file))) });
    const first = await handlers.openDataset({ operationId: 'up', source: await upload(join(DATASETS, 'iris.csv'), 'my-iris.csv') }, context);
    const { recipe } = await handlers.suggestRecipe({ datasetId: first.datasetId }, context);
    const saved = await handlers.saveProject({ destination: { kind: 'download' }, name: 'Iris', datasetId: first.datasetId, recipe }, context);
    const file = (await services.downloads!.take(saved.files[0]!.downloadId!)).path;
    expect(JSON.parse(readFileSync(file, 'utf8')).dataset).toMatchObject({ path: 'my-iris.csv', name: 'my-iris.csv', relativePath: null });

    const reopened = await handlers.openProject({ source: await upload(file, 'Iris.layerlab') }, context);
    expect(reopened.path, 'an uploaded project has no path').toBeNull();
    expect(reopened.dataset).toMatchObject({ status: 'missing', name: 'my-iris.csv' });
    expect(reopened.dataset.status === 'missing' && reopened.dataset.message).toMatch(/uploaded from a browser.*Locate it/);
    expect(services.project.dataState).toMatchObject({ status: 'awaiting-data', name: 'my-iris.csv', found: null, message: expect.stringMatching(/uploaded from a browser/) });
    const wrong = await handlers.locateProjectData({ operationId: 'wrong', source: await upload(join(DATASETS, 'titanic.csv'), 'titanic.csv') }, context);
    expect(wrong.status).toBe('changed');
    const right = opened(await handlers.locateProjectData({ operationId: 'right', source: await upload(join(DATASETS, 'iris.csv'), 'my-iris.csv') }, context));
    expect(right.summary).toMatchObject({ name: 'my-iris.csv', origin: 'upload', rowCount: 150 });
  });

  it('in the web host, never looks for (or opens) the data file an uploaded project or a recovered state names on disk', async () => {
    await closeServices(services);
    services = servicesIn(join(dir, 'settings'), true);
    const handlers = createHandlers(services);
    const secret = join(dir, 'secret.csv');
    copyFileSync(join(DATASETS, 'iris.csv'), secret);
    const model = await trained('titanic');
    // A project that names a file of this computer by its absolute path, with the right SHA-256 even.
    const project = {
      ...emptyProject('Crafted'),
      dataset: { path: secret, relativePath: null, name: 'secret.csv', sha256: await sha256OfFile(secret), bytes: 1, sheet: null, options: {} },
      runs: [{ id: 'run-1', label: 'Run 1', startedAt: '2026-11-28T10:00:00.000Z', status: 'completed', model: model.file, error: null }],
    };
    const crafted = join(dir, 'crafted.layerlab');
    writeFileSync(crafted, JSON.stringify(project));
    const reopened = await handlers.openProject({ source: { kind: 'upload', uploadId: await services.uploads!.save('crafted.layerlab', Readable.from(readFileSync(crafted))) } }, context);
    expect(reopened.dataset).toMatchObject({ status: 'missing', name: 'secret.csv' });
    expect(reopened.dataset.status === 'missing' && reopened.dataset.message).toMatch(/^Choose the data file secret\.csv to go on \(the browser version opens only files you upload\)/);
    expect(services.project.dataState).toMatchObject({ status: 'awaiting-data', name: 'secret.csv', found: null });

    const recovery = join(dir, 'settings', 'recovery');
    mkdirSync(recovery, { recursive: true });
    const pid = deadPid();
    writeFileSync(join(recovery, `session-${pid}-0a0b0c0d.layerlab-recovery`), JSON.stringify({ format: 'layerlab-recovery', pid, projectPath: null, savedAt: '2026-11-28T10:05:00.000Z', project }));
    const restored = await handlers.openRecovery({ recoveryId: `session-${pid}-0a0b0c0d` }, context);
    expect(restored.dataset).toMatchObject({ status: 'missing' });
    expect(services.project.dataState).toMatchObject({ status: 'awaiting-data', found: null });
  });
});

describe("a web host's project on one of its own samples", () => {
  it('is found again by its path and bytes, and the page may name that file back (only for reading, and no other)', async () => {
    await closeServices(services);
    services = servicesIn(join(dir, 'settings'), true);
    const handlers = createHandlers(services);
    const sample = resolve(services.samples.pathOf('iris'));
    const project = { ...emptyProject('On a sample'), dataset: { path: sample, relativePath: '../../etc/passwd', name: 'iris.csv', sha256: await sha256OfFile(sample), bytes: 1, sheet: null, options: {} } };
    const pid = deadPid();
    const recovery = join(dir, 'settings', 'recovery');
    mkdirSync(recovery, { recursive: true });
    writeFileSync(join(recovery, `session-${pid}-0a0b0c0d.layerlab-recovery`), JSON.stringify({ format: 'layerlab-recovery', pid, projectPath: null, savedAt: '2026-11-28T10:05:00.000Z', project }));
    await handlers.openRecovery({ recoveryId: `session-${pid}-0a0b0c0d` }, context);
    expect(services.project.dataState).toMatchObject({ status: 'awaiting-data', name: 'iris.csv', found: sample });
    const dispatch = createDispatch(handlers, trustOrigin('app://layerlab'), () => {}, services.files);
    const sender = context.sender;
    const read = await dispatch('locateProjectData', { operationId: 'locate', source: { kind: 'path', path: sample } }, sender);
    expect(read).toMatchObject({ ok: true, value: { status: 'opened' } });
    const other = resolve(services.samples.pathOf('titanic'));
    expect(await dispatch('openDataset', { operationId: 'open', source: { kind: 'path', path: other } }, sender)).toMatchObject({ ok: false, error: { code: 'path-refused' } });
    expect(await dispatch('saveCleanedCsv', { datasetId: 'd1', recipe: null, destination: { kind: 'path', path: sample } }, sender)).toMatchObject({ ok: false, error: { code: 'path-refused' } });
  });

  it('is uploaded again when its bytes are not the sample’s', async () => {
    await closeServices(services);
    services = servicesIn(join(dir, 'settings'), true);
    const handlers = createHandlers(services);
    const sample = resolve(services.samples.pathOf('iris'));
    const project = { ...emptyProject('Edited sample'), dataset: { path: sample, relativePath: null, name: 'iris.csv', sha256: '0'.repeat(64), bytes: 1, sheet: null, options: {} } };
    const pid = deadPid();
    const recovery = join(dir, 'settings', 'recovery');
    mkdirSync(recovery, { recursive: true });
    writeFileSync(join(recovery, `session-${pid}-0a0b0c0e.layerlab-recovery`), JSON.stringify({ format: 'layerlab-recovery', pid, projectPath: null, savedAt: '2026-11-28T10:05:00.000Z', project }));
    const restored = await handlers.openRecovery({ recoveryId: `session-${pid}-0a0b0c0e` }, context);
    expect(restored.dataset).toMatchObject({ status: 'changed' });
  });
});

describe("the project's data file, as main tracks it", () => {
  async function savedWithMissingData(): Promise<{ handlers: ReturnType<typeof createHandlers>; path: string }> {
    const copy = join(dir, 'titanic.csv');
    copyFileSync(join(DATASETS, 'titanic.csv'), copy);
    const { handlers, datasetId, recipe } = await openTitanic(copy);
    const path = join(dir, 'missing.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'M', datasetId, recipe }, context);
    await rm(copy);
    return { handlers, path };
  }

  it('pushes every state as an event, from awaiting the data through a refused read to idle', async () => {
    const states: ProjectDataState[] = [];
    services.events.subscribe((event) => event.type === 'projectData' && states.push(event.state));
    const { handlers, path } = await savedWithMissingData();
    await handlers.openProject({ source: { kind: 'path', path } }, context);
    const unreadable = join(dir, 'broken.xlsx');
    writeFileSync(unreadable, 'PK\u0003\u0004 not a workbook');
    expect(await failure(handlers.locateProjectData({ operationId: 'broken', source: { kind: 'path', path: unreadable } }, context))).toHaveProperty('code');
    opened(await handlers.locateProjectData({ operationId: 'right', source: { kind: 'path', path: join(DATASETS, 'titanic.csv') } }, context));
    expect(states).toEqual([
      { status: 'awaiting-data', name: 'titanic.csv', found: null, message: expect.stringContaining('is no longer at'), unreadable: null },
      { status: 'awaiting-data', name: 'titanic.csv', found: null, message: expect.stringContaining('is no longer at'), unreadable: 'broken.xlsx' },
      { status: 'idle' },
    ]);
  });

  it('keeps the project’s data reference and recipe while its file is awaited, whatever else the window has open', async () => {
    const { handlers, path } = await savedWithMissingData();
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    const iris = await handlers.openDataset({ operationId: 'iris', source: { kind: 'path', path: join(DATASETS, 'iris.csv') } }, context);
    const { recipe: irisRecipe } = await handlers.suggestRecipe({ datasetId: iris.datasetId }, context);
    await handlers.openProject({ source: { kind: 'path', path } }, context);
    const again = join(dir, 'again.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path: again }, name: 'M', datasetId: iris.datasetId, recipe: irisRecipe }, context);
    expect(JSON.parse(readFileSync(again, 'utf8'))).toMatchObject({ dataset: { name: 'titanic.csv', sha256: saved.dataset.sha256 }, recipe: saved.recipe });
  });

  it('awaits nothing once another data file is opened in the Data step: the work goes on with that one', async () => {
    const { handlers, path } = await savedWithMissingData();
    await handlers.openProject({ source: { kind: 'path', path } }, context);
    expect((await handlers.projectData({}, context)).status).toBe('awaiting-data');
    const iris = await handlers.openDataset({ operationId: 'iris', source: { kind: 'path', path: join(DATASETS, 'iris.csv') } }, context);
    expect(await handlers.projectData({}, context)).toEqual({ status: 'idle' });
    const again = join(dir, 'iris.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path: again }, name: 'I', datasetId: iris.datasetId }, context);
    expect(JSON.parse(readFileSync(again, 'utf8')).dataset.name).toBe('iris.csv');
    expect(await failure(handlers.locateProjectData({ operationId: 'late', source: { kind: 'path', path: join(DATASETS, 'titanic.csv') } }, context))).toMatchObject({ code: 'no-project-data' });
  });
});

describe('autosave and recovery', () => {
  it('keeps nothing for an empty session, and the working state once there is some', async () => {
    const { handlers, datasetId, recipe } = await openTitanic();
    const recovery = join(dir, 'settings', 'recovery');
    await handlers.updateSession({ name: 'Nothing', step: 'data' }, context);
    await services.project.flush();
    expect(existsSync(recovery) ? readdirSync(recovery) : []).toEqual([]);
    await handlers.updateSession({ name: 'Titanic', datasetId, recipe, design, settings, step: 'build' }, context);
    await services.project.flush();
    const [file] = readdirSync(recovery);
    const document = JSON.parse(readFileSync(join(recovery, file!), 'utf8'));
    expect(document).toMatchObject({ pid: process.pid, projectPath: null, project: { name: 'Titanic', recipe, design, settings, view: { step: 'build' } } });
    expect(await handlers.listRecoveries({}, context), 'a live session is not a crash: it is offered only as the live state').toEqual([
      { recoveryId: services.project.liveId, name: 'Titanic', savedAt: expect.any(String), datasetName: 'titanic.csv', models: 0, projectPath: null, live: true },
    ]);
    const path = join(dir, 'saved.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'Titanic', datasetId, recipe }, context);
    expect(readdirSync(recovery), 'a save leaves nothing to recover').toEqual([]);
    await handlers.updateSession({ name: 'Titanic', datasetId, recipe, step: 'train' }, context);
    await services.project.flush();
    expect(JSON.parse(readFileSync(join(recovery, readdirSync(recovery)[0]!), 'utf8')).projectPath, 'the next change knows where it was saved').toBe(path);
    await closeServices(services);
    expect(readdirSync(recovery), 'a clean close deletes it').toEqual([]);
    services = servicesIn(join(dir, 'settings'));
  });

  it('lists the states of killed sessions, skipping damaged files, and restores one before deleting it', async () => {
    const model = await trained('titanic');
    const recovery = join(dir, 'settings', 'recovery');
    mkdirSync(recovery, { recursive: true });
    const project = {
      ...emptyProject('Churn work'),
      recipe: model.file.recipe.recipe,
      design: model.design,
      runs: [{ id: 'run-4', label: 'Run 4', startedAt: '2026-11-28T10:00:00.000Z', status: 'completed', model: model.file, error: null }],
      view: { step: 'evaluate', selectedModelId: 'run-4' },
    };
    const pid = deadPid();
    writeFileSync(join(recovery, `session-${pid}-0a0b0c0d.layerlab-recovery`), JSON.stringify({ format: 'layerlab-recovery', pid, projectPath: '/work/churn.layerlab', savedAt: '2026-11-28T10:05:00.000Z', project }));
    writeFileSync(join(recovery, `session-${pid}-deadbeef.layerlab-recovery`), '{"format":"layerlab-recovery","pid":');
    const handlers = createHandlers(services);
    const [entry, ...others] = await handlers.listRecoveries({}, context);
    expect(others).toEqual([]);
    expect(entry).toEqual({ recoveryId: `session-${pid}-0a0b0c0d`, name: 'Churn work', savedAt: '2026-11-28T10:05:00.000Z', datasetName: null, models: 1, projectPath: '/work/churn.layerlab', live: false });

    const restored = await handlers.openRecovery({ recoveryId: entry!.recoveryId }, context);
    expect(restored).toMatchObject({ name: 'Churn work', path: '/work/churn.layerlab', step: 'evaluate', selectedModelId: 'file-1', design: model.design, dataset: { status: 'none' } });
    const left = readdirSync(recovery);
    expect(left, 'the crashed session’s file is gone').not.toContain(`session-${pid}-0a0b0c0d.layerlab-recovery`);
    const own = left.find((name) => name.startsWith(`${services.project.recoveryId}`));
    expect(JSON.parse(readFileSync(join(recovery, own!), 'utf8')).project.name, 'this session holds it first').toBe('Churn work');
  });

  it('keeps a recovery file whose state cannot be restored, and deletes one the user declines', async () => {
    const recovery = join(dir, 'settings', 'recovery');
    mkdirSync(recovery, { recursive: true });
    const pid = deadPid();
    const id = `session-${pid}-01020304`;
    writeFileSync(join(recovery, `${id}.layerlab-recovery`), JSON.stringify({ format: 'layerlab-recovery', pid, projectPath: null, savedAt: '2026-11-28T10:05:00.000Z', project: emptyProject('Draft') }));
    const handlers = createHandlers(services);
    expect(await handlers.discardRecovery({ recoveryId: id }, context)).toEqual({ discarded: true });
    expect(existsSync(join(recovery, `${id}.layerlab-recovery`))).toBe(false);

    const broken = { ...emptyProject('Broken'), runs: [{ id: 'run-1', label: 'Run 1', startedAt: 'x', status: 'completed', model: { format: 'layerlab-model' }, error: null }] };
    writeFileSync(join(recovery, `${id}.layerlab-recovery`), JSON.stringify({ format: 'layerlab-recovery', pid, projectPath: null, savedAt: '2026-11-28T10:05:00.000Z', project: broken }));
    expect((await failure(handlers.openRecovery({ recoveryId: id }, context))).code).toBe('invalid-project');
    expect(existsSync(join(recovery, `${id}.layerlab-recovery`))).toBe(true);
  });
});
