/**
 * The hostile corpus through the web API, as a browser would send it: uploads in, calls, downloads out. Each
 * refusal comes back as the envelope the page shows (code and message), each result as the page reads it.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseStack, defaultTrainingSettings } from '../../engine/pipeline/training-settings.ts';
import { createHandlers, type Services } from '../../main/api/handlers.ts';
import { runCli } from '../../main/cli/run-cli.ts';
import { closeServices, createServices } from '../../main/services/create-services.ts';
import { startWebHost, type WebHost } from '../../main/web/server.ts';
import { writeCorpus, writeHostileModels, type Corpus } from './corpus.ts';

let dir: string;
let corpus: Corpus;
let models: Corpus;
let model: string;
let host: WebHost;
let services: Services;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-hostile-web-'));
  corpus = await writeCorpus(dir);
  model = join(dir, 'model.json');
  const code = await runCli(['train', corpus['train.csv']!, '--target', 'Survived', '--epochs', '30', '--out', model], { stdout: { write: () => {} }, stderr: { write: () => {} } });
  expect(code).toBe(0);
  models = await writeHostileModels(dir, model);
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir: join(dir, 'settings'),
    acceptUploads: true,
  });
  host = await startWebHost({ services, handlers: createHandlers(services), rendererDir: dir, log: () => {} });
}, 120_000);

afterAll(async () => {
  await host?.close();
  if (services) await closeServices(services);
  await rm(dir, { recursive: true, force: true });
});

function send(path: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.origin}${path}`, { method, headers: { 'x-layerlab-token': host.token, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function upload(file: string): Promise<{ kind: 'upload'; uploadId: string }> {
  const reply = await send(`/api/upload?name=${encodeURIComponent(file.split('/').pop()!)}`, 'POST', {}, readFileSync(file));
  return { kind: 'upload', uploadId: JSON.parse(reply.body).value.uploadId };
}

async function call(name: string, payload: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  return JSON.parse((await send(`/api/${name}`, 'POST', { 'content-type': 'application/json' }, JSON.stringify(payload))).body);
}

describe('hostile files uploaded to the web host', () => {
  it.each([
    ['page.csv', 'unsupported-format', /^page\.csv is not a table: it is an HTML page/],
    ['rows.json', 'unsupported-format', /^rows\.json is not a table: it is a JSON document/],
    ['quote.csv', 'unclosed-quote', /^quote\.csv: the quote that opens the field on line 3 \(column "b"/],
    ['bomb.xlsx', 'workbook-too-large', /^bomb\.xlsx would unpack to 70\.0 MB/],
  ])('refuses %s with %s, saying what it is', async (file, code, message) => {
    const answer = await call('openDataset', { operationId: `open-${code}`, source: await upload(corpus[file]!) });
    expect(answer).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  });

  it('opens columns named constructor, toString and __proto__, and changes their types', async () => {
    const opened = await call('openDataset', { operationId: 'proto', source: await upload(corpus['proto-columns.csv']!) });
    expect(opened.ok).toBe(true);
    const datasetId = opened.value.datasetId;
    expect((await call('setColumnType', { datasetId, column: '__proto__', type: 'text' })).value.summary.columns[2]).toMatchObject({ name: '__proto__', type: 'text' });
    expect((await call('setColumnType', { datasetId, column: 'constructor', type: 'categorical' })).ok).toBe(true);
    expect((await call('profileDataset', { datasetId })).value.columns.map((c: { name: string }) => c.name)).toEqual(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'y']);
  });

  it('predicts a hostile file row by row: the page sees the reasons and cautions, the download keeps the cells as written', async () => {
    const opened = await call('openModelFile', { source: await upload(model) });
    expect(opened.ok).toBe(true);
    const result = await call('predictFile', { operationId: 'predict', modelId: opened.value.modelId, source: await upload(corpus['predict.csv']!) });
    expect(result.value).toMatchObject({ rows: 5, predicted: 3, rejected: 2, warned: 2 });
    expect(result.value.rejections.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([[1, 'Age'], [4, 'Fare']]);
    expect(result.value.warnings.map((w: { row: number; column: string }) => [w.row, w.column])).toEqual([[2, 'Fare'], [3, 'Class']]);
    const saved = await call('savePredictions', { predictionId: result.value.predictionId, destination: { kind: 'download' } });
    const file = await send(`/api/download?id=${saved.value.files[0].downloadId}`, 'GET', {});
    expect(file.body.split('\r\n')[1]).toMatch(/^old,7\.25,X,,,,"""Age"" is ""old"", which is not a number/);
  });

  it('refuses hostile model files at once', async () => {
    for (const [file, message] of [
      ['units-1e9.json', /cannot be built: This network has [\d,]+ parameters, more than the 10,000,000 Layerlab trains/],
      ['levels-2m.json', /^Invalid model file: an encoding in its recipe has 2,000,000 levels/],
    ] as const) {
      expect(await call('openModelFile', { source: await upload(models[file]!) })).toMatchObject({ ok: false, error: { code: 'invalid-model', message: expect.stringMatching(message) } });
    }
  });

  it('refuses a network past the parameter cap, before any worker starts', async () => {
    const opened = await call('openDataset', { operationId: 'train', source: await upload(corpus['train.csv']!) });
    const { recipe } = (await call('suggestRecipe', { datasetId: opened.value.datasetId, target: 'Survived' })).value;
    const design = { hidden: denseStack(Array.from({ length: 16 }, () => 4096)) };
    for (const name of ['networkPreview', 'startTraining']) {
      const payload = { datasetId: opened.value.datasetId, recipe, design, ...(name === 'startTraining' ? { settings: defaultTrainingSettings({ epochs: 1 }) } : {}) };
      expect(await call(name, payload)).toMatchObject({ ok: false, error: { code: 'invalid-network', message: expect.stringMatching(/more than the 10,000,000 Layerlab trains/) } });
    }
    expect((await call('listRuns', {})).value).toEqual([]);
  });
});
