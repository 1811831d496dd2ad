/**
 * The desktop build's workers: scripts/build-main.ts bundles them beside the main process as CommonJS, and the
 * bundled workers really train and load. In CommonJS `import.meta.url` would be empty, so the bundles get their
 * own URL.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataParallelNetwork, type HelperSetup } from '../../../engine/nn/data-parallel.ts';
import { Network } from '../../../engine/nn/network.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { readDelimitedText } from '../../../main/io/read-text.ts';
import { ColumnWorkerPool } from '../../../main/io/column-worker-pool.ts';
import { statSync } from 'node:fs';
import type { Table } from '../../../engine/table/table.ts';
import { EnginePool } from '../../../main/services/engine-pool/engine-pool.ts';
import { EngineSession } from '../../../main/services/engine-pool/engine-session.ts';
import { isShared } from '../../../main/services/engine-pool/shared-memory.ts';
import { TrainingSessions } from '../../../main/training/training-sessions.ts';
import { launchWorker } from '../../../main/workers/worker-launcher.ts';
import { buildMain } from '../../../scripts/build-main.ts';
import { ROOT } from '../../../scripts/paths.ts';
import { tableDifference } from '../io/datasets.ts';

let out: string;

beforeAll(async () => {
  // Inside the repository, as out/main is: the bundles require their npm dependencies from node_modules.
  await mkdir(join(ROOT, 'out'), { recursive: true });
  out = await mkdtemp(join(ROOT, 'out', 'test-main-build-'));
  await buildMain(out);
}, 120_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the bundled training worker', () => {
  it('trains a run to completion from out/main/training-worker.cjs', async () => {
    const iris = (await loadTable(resolve(import.meta.dirname, '../../../resources/samples/iris.csv'))).table;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const sessions = new TrainingSessions({ onUpdate: (u) => u.status === 'completed' || u.status === 'failed' ? done() : undefined, startWorker: () => launchWorker(pathToFileURL(join(out, 'training-worker.cjs'))) });
    try {
      const id = sessions.start({ prepared: prepare(iris, suggestRecipe(iris, { target: 'species' })), design: { hidden: denseStack([8]) }, settings: defaultTrainingSettings({ epochs: 5, earlyStopping: false }) });
      await finished;
      expect(sessions.get(id)).toMatchObject({ status: 'completed', error: null });
      expect(sessions.get(id)!.result!.history.epochsCompleted).toBe(5);
    } finally {
      await sessions.dispose();
    }
  });

  it('leaves no empty import.meta in the CommonJS bundles (the workers and package.json are found beside them)', async () => {
    for (const file of ['electron-main.cjs', 'training-worker.cjs', 'engine-worker.cjs', 'column-worker.cjs']) {
      const source = await readFile(join(out, file), 'utf8');
      expect(source, file).not.toMatch(/import_meta\d* = \{\}/);
    }
    const main = await readFile(join(out, 'electron-main.cjs'), 'utf8');
    expect(main).toContain('"./training-worker.cjs", __layerlabModuleUrl');
    expect(main).toContain('"./engine-worker.cjs", __layerlabModuleUrl');
    // Files are loaded in the engine workers, which borrow the column worker.
    const engineWorker = await readFile(join(out, 'engine-worker.cjs'), 'utf8');
    expect(engineWorker).toContain('"./column-worker.cjs", __layerlabModuleUrl');
    expect(await readFile(join(out, 'training-worker.cjs'), 'utf8')).toContain('"./gradient-helper-worker.cjs", __layerlabModuleUrl');
  });
});

describe('the bundled engine worker', () => {
  it('loads a file into shared memory and profiles it, from out/main/engine-worker.cjs', async () => {
    const pool = new EnginePool({ size: 1, startWorker: () => launchWorker(pathToFileURL(join(out, 'engine-worker.cjs'))) });
    const sources = { tableOf: () => table, modelOf: () => { throw new Error('no models here'); } };
    const session = new EngineSession(pool, sources);
    let table!: Table;
    try {
      ({ table } = await session.loadTable(resolve(import.meta.dirname, '../../../resources/samples/iris.csv'), {}));
      expect(table.rowCount).toBe(150);
      expect(table.columns.every((column) => isShared(column.storage === 'number' ? column.values : column.codes))).toBe(true);
      const profile = await session.call('profile', { datasetId: 'iris', quotedColumns: [] });
      expect(profile.rows).toBe(150);
    } finally {
      session.close();
      await pool.close();
    }
  });
});

describe('the bundled gradient helper', () => {
  it('starts from out/main/gradient-helper-worker.cjs and computes the second halves as this thread would', () => {
    const spec = { inputSize: 4, layers: [{ type: 'dense' as const, units: 16, activation: 'relu' as const }, { type: 'dense' as const, units: 1, activation: 'sigmoid' as const }], loss: 'binary_crossentropy' as const };
    const rng = new Rng(3);
    const x = Float32Array.from({ length: 64 * 4 }, () => rng.normal()), y = Float32Array.from({ length: 64 }, () => rng.int(2));
    const [alone, helped] = [false, true].map((helper) => {
      const network = new Network(spec, new Rng(1));
      const start = (setup: HelperSetup): (() => void) => {
        const worker = launchWorker(pathToFileURL(join(out, 'gradient-helper-worker.cjs')), { workerData: setup });
        return () => void worker.terminate();
      };
      const parallel = new DataParallelNetwork(network, { minRows: 2, maxBatch: 64, seed: 5, use: 'helper', startHelper: helper ? start : null });
      try {
        expect(parallel.waitUntilReady()).toBe(helper);
        const loss = parallel.computeGradients(x, y, 64, new Rng(0));
        return { loss, grads: network.trainable().map((p) => Array.from(p.grad)) };
      } finally {
        parallel.close();
      }
    });
    expect(helped).toEqual(alone);
  });
});

describe('the bundled column worker', () => {
  it('loads diabetes130 into the table one thread makes', async () => {
    const path = resolve(import.meta.dirname, '../../../../shared/datasets/diabetes130_readmission.csv');
    const options = { path, file: 'diabetes130_readmission.csv', encoding: 'utf-8' as const, totalBytes: statSync(path).size, table: {} };
    let started = 0;
    const pool = new ColumnWorkerPool(() => (started++, launchWorker(pathToFileURL(join(out, 'column-worker.cjs')))));
    const parallel = await readDelimitedText({ ...options, parallel: 'always', columnWorkers: pool });
    pool.close();
    const single = await readDelimitedText({ ...options, parallel: 'never' });
    expect(started).toBe(1);
    expect(tableDifference(parallel.built.table, single.built.table)).toBeNull();
    expect(parallel.built.table.columns.map((c) => c.reason)).toEqual(single.built.table.columns.map((c) => c.reason));
    expect(parallel.built.warnings).toEqual(single.built.warnings);
  });
});
