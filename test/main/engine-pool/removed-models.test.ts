/**
 * A model main lets go (a deleted run, a model replaced by another file under its id) leaves the engine workers'
 * memory too, as the app's services are wired: every worker that held it is told to forget it, an undo sends it
 * again, and a prediction that waited while its model was deleted fails with what happened and what to do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../engine/model/model-file.ts';
import type { Services } from '../../../main/api/handlers.ts';
import type { ToEngineWorker } from '../../../main/services/engine-pool/protocol.ts';
import { WorkerSession } from '../../../main/services/engine-pool/worker/sessions.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { type FakeWorker, pool } from './fake-workers.ts';

/** Stands in for a model file: the fake workers never read it, they only receive it. */
const modelFile = (weights: string) => ({ network: { weightData: weights } }) as unknown as ModelFile;

const tick = () => new Promise((resolve) => setImmediate(resolve));

let settingsDir: string;
let services: Services;
let workers: FakeWorker[];

beforeEach(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'layerlab-removed-models-'));
  const fake = pool(2);
  workers = fake.workers;
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'electron', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: false,
    pool: fake.engine,
  });
});

afterEach(async () => {
  await closeServices(services);
  await rm(settingsDir, { recursive: true, force: true });
});

function addRun(modelId: string, weights = modelId): void {
  services.models.add({ modelId, label: modelId, datasetId: null, model: modelFile(weights), result: null, path: null });
}

function evaluate(modelId: string) {
  return services.engine.call('evaluation', { modelId, split: 'test', source: { kind: 'none', notes: [] }, tableId: null, threshold: null });
}

const modelsSent = (worker: FakeWorker) => worker.received.filter((m) => m.type === 'model').map((m) => (m as Extract<ToEngineWorker, { type: 'model' }>).modelId);
const modelsForgotten = (worker: FakeWorker) => worker.received.filter((m) => m.type === 'forget' && m.kind === 'model').map((m) => (m as Extract<ToEngineWorker, { type: 'forget' }>).id);

describe('a model main lets go', () => {
  it('is forgotten by every worker that held it, and an undo sends it again to the next worker that reads it', async () => {
    addRun('run-1');
    addRun('run-2');
    // Two calls at once: each worker receives run-1.
    const both = [evaluate('run-1'), evaluate('run-1')];
    expect(workers.map(modelsSent)).toEqual([['run-1'], ['run-1']]);
    for (const worker of workers) worker.answer(null);
    await Promise.all(both);

    expect(services.models.remove('run-1')).toBe(true);
    expect(workers.map(modelsForgotten)).toEqual([['run-1'], ['run-1']]);

    // The other model stays; a worker that never held the deleted one is not told about it.
    services.models.remove('run-2');
    expect(workers.map(modelsForgotten), 'run-2 was never sent').toEqual([['run-1'], ['run-1']]);

    expect(services.models.restore('run-1')).toBe(true);
    const again = evaluate('run-1');
    expect(modelsSent(workers[0]!), 'sent again after the undo').toEqual(['run-1', 'run-1']);
    workers[0]!.answer(null);
    await again;
  });

  it('is forgotten when another file replaces it under the same id, and the new file goes with the next call', async () => {
    addRun('file-1', 'old weights');
    const first = evaluate('file-1');
    workers[0]!.answer(null);
    await first;

    addRun('file-1', 'old weights'); // the same id, another (equal) file object: still another file
    expect(modelsForgotten(workers[0]!)).toEqual(['file-1']);
    const second = evaluate('file-1');
    const sent = workers[0]!.received.filter((m) => m.type === 'model') as Extract<ToEngineWorker, { type: 'model' }>[];
    expect(sent).toHaveLength(2);
    expect(sent[1]!.model.file).toBe(services.models.get('file-1').model);
    workers[0]!.answer(null);
    await second;

    // Adding a new id, or the same file again, lets nothing go.
    services.models.add(services.models.get('file-1'));
    addRun('run-7');
    expect(modelsForgotten(workers[0]!)).toEqual(['file-1']);
  });

  it('fails a prediction that waited while its model was deleted with a clear message, and the pool goes on working', async () => {
    addRun('run-1');
    addRun('run-2');
    // Both workers busy: the prediction waits in main.
    const busy = [evaluate('run-2'), evaluate('run-2')];
    const prediction = services.engine.call('predictFile', { path: '/data/new.csv', name: 'new.csv', modelId: 'run-1', threshold: null, predictionId: 'p-1' });
    services.models.remove('run-1');
    workers[0]!.answer(null);
    await expect(prediction).rejects.toMatchObject({ name: 'UserFacingError', code: 'unknown-model', message: 'That run was deleted: press Undo above the runs list to bring it back, or train it again.' });
    expect(workers[0]!.calls.map((c) => c.name), 'the prediction never reached a worker').toEqual(['evaluation']);

    workers[1]!.answer(null);
    await Promise.all(busy);
    const next = evaluate('run-2');
    await tick();
    workers[0]!.answer('still working');
    expect(await next).toBe('still working');
  });
});

describe("an engine worker's session", () => {
  it('lets go of a forgotten model and the held-out rows computed for it: a call that reads it afterwards is told the model is no longer open', () => {
    const session = new WorkerSession();
    session.setModel('run-1', { file: modelFile('w'), heldOut: null });
    session.heldOut.set('run-1', new WeakMap());
    session.heldOut.set('run-2', new WeakMap());
    session.forget('model', 'run-1');
    expect([...session.heldOut.keys()]).toEqual(['run-2']);
    expect(() => session.model('run-1')).toThrow(expect.objectContaining({ code: 'unknown-model', message: 'That model is no longer open: train it again or open its model file.' }));
  });
});
