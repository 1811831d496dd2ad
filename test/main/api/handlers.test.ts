/** The shared handlers over the real services and the real file loader, on the bundled samples and shared datasets. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../main/api/contract.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import type { CallContext } from '../../../main/api/handle.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { anyPath, failure } from './api-test-kit.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };

let services: Services;
let settingsDir: string;
let events: AppEvent[];

beforeEach(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'layerlab-handlers-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: true,
    // Paths as on the desktop (the handlers are called past the gate, whose rule file-access.test.ts pins).
    files: anyPath,
  });
  events = [];
  services.events.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await closeServices(services);
  await rm(settingsDir, { recursive: true, force: true });
});

describe('openDataset and datasetRows', () => {
  it('opens a bundled sample, keeps the table in main and serves its rows column by column', async () => {
    const handlers = createHandlers(services);
    const summary = await handlers.openDataset({ operationId: 'op1', source: { kind: 'sample', sampleId: 'titanic' } }, context);
    expect(summary).toMatchObject({
      name: 'titanic.csv',
      origin: 'sample',
      path: null,
      format: 'csv',
      bytes: 60302,
      sha256: '4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7',
      rowCount: 891,
    });
    expect(summary.columns.map((c) => c.name)).toEqual(['PassengerId', 'Survived', 'Pclass', 'Name', 'Sex', 'Age', 'SibSp', 'Parch', 'Ticket', 'Fare', 'Cabin', 'Embarked']);
    // Missing counts published for the Kaggle file: Age 177, Cabin 687, Embarked 2.
    expect(Object.fromEntries(summary.columns.filter((c) => c.missing > 0).map((c) => [c.name, c.missing]))).toEqual({ Age: 177, Cabin: 687, Embarked: 2 });

    const rows = await handlers.datasetRows({ datasetId: summary.datasetId, start: 0, count: 2 }, context);
    expect(rows.start).toBe(0);
    expect(rows.columns[3]).toEqual(['Braund, Mr. Owen Harris', 'Cumings, Mrs. John Bradley (Florence Briggs Thayer)']);
    expect(rows.columns[10], 'a missing cell travels as null').toEqual([null, 'C85']);
    const last = await handlers.datasetRows({ datasetId: summary.datasetId, start: 889, count: 100 }, context);
    expect(last.columns[0], 'the end of the table shortens the answer').toEqual([890, 891]);
  });

  it('reports loading progress tagged with the operation, and remembers files opened by path', async () => {
    const handlers = createHandlers(services);
    const path = `${DATASETS}/Churn_Modelling.csv`;
    const summary = await handlers.openDataset({ operationId: 'op-churn', source: { kind: 'path', path } }, context);
    expect(summary).toMatchObject({ origin: 'path', path, rowCount: 10000 });
    const progress = events.filter((e) => e.type === 'loadProgress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.operationId === 'op-churn')).toBe(true);
    expect(events.find((e) => e.type === 'recentFilesChanged')).toMatchObject({ files: [{ path, name: 'Churn_Modelling.csv' }] });
    expect(await handlers.listRecentFiles({}, context)).toMatchObject([{ path }]);
  });

  it('cancels a load in progress: the caller gets a cancelled error and nothing is kept', async () => {
    const handlers = createHandlers(services);
    const opening = handlers.openDataset({ operationId: 'big', source: { kind: 'path', path: `${DATASETS}/diabetes130_readmission.csv` } }, context);
    await new Promise<void>((resolve) => services.events.subscribe((event) => event.type === 'loadProgress' && resolve()));
    expect(await handlers.cancel({ operationId: 'big' }, context)).toEqual({ cancelled: true });
    expect((await failure(opening)).code).toBe('cancelled');
    expect(await handlers.cancel({ operationId: 'big' }, context), 'nothing left to cancel').toEqual({ cancelled: false });
    expect(await handlers.listRecentFiles({}, context)).toEqual([]);
  });

  it('opens uploaded bytes once, then deletes the temporary copy', async () => {
    const handlers = createHandlers(services);
    const uploadId = await services.uploads!.save('my iris.csv', Readable.from([Buffer.from('a,b\n1,x\n2,y\n')]));
    const path = services.uploads!.get(uploadId).path;
    const summary = await handlers.openDataset({ operationId: 'up', source: { kind: 'upload', uploadId } }, context);
    expect(summary).toMatchObject({ name: 'my iris.csv', origin: 'upload', path: null, rowCount: 2 });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(dirname(path))).toBe(false);
    expect((await failure(handlers.openDataset({ operationId: 'up2', source: { kind: 'upload', uploadId } }, context))).code).toBe('unknown-upload');
  });

  it('reads the sheet of a workbook the window asks for, and names every sheet for the picker', async () => {
    const handlers = createHandlers(services);
    const path = `${DATASETS}/variants/two_sheets_titanic_iris.xlsx`;
    const first = await handlers.openDataset({ operationId: 'wb1', source: { kind: 'path', path } }, context);
    expect(first).toMatchObject({ sheet: 'titanic', sheets: ['titanic', 'iris'], rowCount: 200 });
    const second = await handlers.openDataset({ operationId: 'wb2', source: { kind: 'path', path }, sheet: 'iris' }, context);
    expect(second).toMatchObject({ sheet: 'iris', rowCount: 150 });
    expect(second.columns.map((c) => c.name)).toContain('species');
  });

  it('passes the loader’s user-facing errors through unchanged', async () => {
    const handlers = createHandlers(services);
    const missing = await failure(handlers.openDataset({ operationId: 'm', source: { kind: 'path', path: '/nowhere/data.csv' } }, context));
    expect(missing.code).toBe('file-not-found');
    const sample = await failure(handlers.openDataset({ operationId: 's', source: { kind: 'sample', sampleId: 'mnist' } }, context));
    expect(sample).toEqual({ code: 'unknown-sample', message: 'There is no sample named "mnist". Choose one of: churn, titanic, iris, housing.' });
  });

  it('refuses rows of a dataset that is no longer open, saying what to do', async () => {
    const handlers = createHandlers(services);
    const error = await failure(handlers.datasetRows({ datasetId: 'gone', start: 0, count: 1 }, context));
    expect(error.code).toBe('dataset-closed');
    expect(error.message).toContain('Open the file again.');
  });
});

describe('listSamples', () => {
  it('lists the four bundled samples with their real sizes', async () => {
    const samples = await createHandlers(services).listSamples({}, context);
    expect(samples.map((s) => [s.id, s.fileName, s.bytes])).toEqual([
      ['churn', 'Churn_Modelling.csv', 684860],
      ['titanic', 'titanic.csv', 60302],
      ['iris', 'iris.csv', 3858],
      ['housing', 'housing.csv', 1423529],
    ]);
  });
});
