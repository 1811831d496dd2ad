/**
 * The insight calls over the real services: a titanic run of this session (its test rows kept by the run), the
 * same model opened as a file (its test rows found again in the open dataset, or not at all), housing for
 * regression.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { permutationImportance } from '../../../engine/insight/importance.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import type { CallContext } from '../../../main/api/handle.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { trained, type CaseName } from '../../engine/model/trained.ts';
import { failure } from './api-test-kit.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };

let services: Services;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-insight-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir: dir,
    acceptUploads: true,
  });
});

afterEach(async () => {
  await closeServices(services);
  await rm(dir, { recursive: true, force: true });
});

async function open(handlers: ReturnType<typeof createHandlers>, file: string) {
  return handlers.openDataset({ operationId: `open-${file}`, source: { kind: 'path', path: join(DATASETS, file) } }, context);
}

/** A finished run (the test rows kept by the run) or the same model opened as a file (nothing kept). */
async function setUp(name: CaseName, file: string, as: 'run' | 'file') {
  const handlers = createHandlers(services);
  const model = await trained(name);
  const summary = await open(handlers, file);
  const run = as === 'run';
  services.models.add({ modelId: 'm-1', label: run ? 'Run 1' : `${name}.json`, datasetId: run ? summary.datasetId : null, model: model.file, result: run ? model.result : null, path: null });
  return { handlers, model, datasetId: summary.datasetId };
}

describe('importance', () => {
  it("a run: every column on the run's test rows, as the engine computes it, kept for the next ask", async () => {
    const { handlers, model } = await setUp('titanic', 'titanic.csv', 'run');
    const view = await handlers.importance({ modelId: 'm-1' }, context);
    if (view.status !== 'ready') throw new Error(view.message);
    expect(view.rowsText).toBe(`the ${model.result.test!.rows} test rows of titanic.csv`);
    expect(view.result).toEqual(permutationImportance(loadModel(model.file), model.table, model.result.test!.rowIndex, { repeats: 5, seed: 42 }));
    expect(view.result.columns.find((c) => c.column === 'Name')).toMatchObject({ importance: 0, used: false });
    expect((await handlers.importance({ modelId: 'm-1' }, context)) as unknown).toEqual(view);
    const other = await handlers.importance({ modelId: 'm-1', repeats: 2, seed: 3 }, context);
    expect(other.status === 'ready' && other.result.repeats).toBe(2);
  });

  it('a model file: unavailable without its data, in words; ready on its test rows once the data is open', async () => {
    const { handlers, model, datasetId } = await setUp('titanic', 'titanic.csv', 'file');
    expect(await handlers.importance({ modelId: 'm-1' }, context)).toEqual({ status: 'unavailable', message: 'Open the data this model was trained on (titanic.csv) in the Data step: its test rows are what this is measured on.' });
    const view = await handlers.importance({ modelId: 'm-1', datasetId }, context);
    expect(view.status === 'ready' && view.result.rows).toBe(model.result.test!.rows);
  });

  it('regression: the drop in R²', async () => {
    const { handlers } = await setUp('housing', 'housing.csv', 'run');
    const view = await handlers.importance({ modelId: 'm-1', repeats: 1 }, context);
    expect(view.status === 'ready' && view.result.metric).toBe('r2');
  });
});

describe('what-if', () => {
  it("moves one input of the form's row across its training range, with the test rows' average", async () => {
    const { handlers, datasetId } = await setUp('titanic', 'titanic.csv', 'run');
    const details = await handlers.modelDetails({ modelId: 'm-1', datasetId }, context);
    const values = details.inputs.map((input) => ({ column: input.name, value: details.typical[input.name] ?? '' }));
    const view = await handlers.whatIf({ modelId: 'm-1', column: 'Age', values }, context);
    expect(view.grid).toMatchObject({ column: 'Age', kind: 'number', training: { min: expect.any(Number), max: expect.any(Number) } });
    expect(view.row.outputs).toHaveLength(view.grid.values.length);
    expect(view.average).toMatchObject({ rows: expect.any(Number) });
    expect(view.averageNote).toBeNull();
    expect(view.classLabels).toEqual(['0', '1']);
    const sex = await handlers.whatIf({ modelId: 'm-1', column: 'Sex', values }, context);
    expect(sex.grid.values).toEqual(['female', 'male']);
  });

  it('a model file without its data: the row alone, and why there is no average; an unknown column is refused', async () => {
    const { handlers } = await setUp('titanic', 'titanic.csv', 'file');
    const view = await handlers.whatIf({ modelId: 'm-1', column: 'Fare', values: [{ column: 'Fare', value: '20' }] }, context);
    expect(view.average).toBeNull();
    expect(view.averageNote).toMatch(/^Open the data this model was trained on/);
    expect(await failure(handlers.whatIf({ modelId: 'm-1', column: 'Fare', values: [{ column: 'Nope', value: '1' }] }, context))).toMatchObject({ code: 'unknown-column' });
  });
});

describe('the network picture', () => {
  it("shows the trained weights and the test rows' activity, or the weights alone", async () => {
    const { handlers, model } = await setUp('titanic', 'titanic.csv', 'run');
    const view = await handlers.networkPicture({ modelId: 'm-1' }, context);
    expect(view.rowsText).toBe(`the ${model.result.test!.rows} test rows of titanic.csv`);
    expect(view.picture.columns[1]!.neurons[0]!.activity!.rows).toBe(model.result.test!.rows);
    services.models.add({ modelId: 'm-2', label: 'file', datasetId: null, model: model.file, result: null, path: null });
    const alone = await handlers.networkPicture({ modelId: 'm-2' }, context);
    expect(alone.rowsText).toBeNull();
    expect(alone.picture.edges.length).toBeGreaterThan(0);
  });
});

describe('the report', () => {
  it('is saved to a path or offered as a download, with every section', async () => {
    const { handlers } = await setUp('titanic', 'titanic.csv', 'run');
    const path = join(dir, 'report.html');
    const saved = await handlers.saveReport({ modelId: 'm-1', threshold: 0.3, destination: { kind: 'path', path } }, context);
    expect(saved.files).toEqual([{ name: 'report.html', path, downloadId: null, bytes: expect.any(Number) }]);
    const html = await readFile(path, 'utf8');
    for (const id of ['data', 'network', 'settings', 'curves', 'evaluation', 'provenance']) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('Decision threshold</dt><dd>0.30');
    expect(html).toContain('Run 1');
    const download = await handlers.saveReport({ modelId: 'm-1', destination: { kind: 'download' } }, context);
    expect(download.files[0]).toMatchObject({ name: 'titanic-m-1-report.html', path: null, bytes: expect.any(Number) });
  });
});

describe('where the engine work runs', () => {
  it('every insight call does its engine work through services.insight, named by ids (the engine pool can take it over)', async () => {
    const { model, datasetId } = await setUp('titanic', 'titanic.csv', 'run');
    const asked: string[] = [];
    const insight = services.insight;
    const spy: Services['insight'] = {
      importance: (modelId, judged, options) => (asked.push(`importance ${modelId} ${judged.datasetId} ${judged.rows.length}`), insight.importance(modelId, judged, options)),
      whatIf: (modelId, work) => (asked.push(`whatIf ${modelId} ${work.column} ${work.average?.datasetId} ${work.average?.rows.length}`), insight.whatIf(modelId, work)),
      picture: (modelId, activity) => (asked.push(`picture ${modelId} ${activity?.datasetId} ${activity?.rows.length}`), insight.picture(modelId, activity)),
      saveReport: (modelId, path, work) => (asked.push(`saveReport ${modelId} ${work.data?.datasetId}`), insight.saveReport(modelId, path, work)),
    };
    const handlers = createHandlers({ ...services, insight: spy });
    const rows = model.result.test!.rows;
    await handlers.importance({ modelId: 'm-1', repeats: 1 }, context);
    await handlers.whatIf({ modelId: 'm-1', column: 'Fare', values: [{ column: 'Fare', value: '20' }] }, context);
    await handlers.networkPicture({ modelId: 'm-1' }, context);
    await handlers.saveReport({ modelId: 'm-1', destination: { kind: 'path', path: join(dir, 'r.html') } }, context);
    expect(asked).toEqual([`importance m-1 ${datasetId} ${rows}`, `whatIf m-1 Fare ${datasetId} ${rows}`, `picture m-1 ${datasetId} ${rows}`, `saveReport m-1 ${datasetId}`]);
  });
});
