/**
 * The desktop build's training worker: scripts/build-main.ts bundles it beside the main process as CommonJS, and
 * a bundled worker really trains. In CommonJS `import.meta.url` would be empty, so the bundles get their own URL.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { TrainingSessions } from '../../../main/training/training-sessions.ts';
import { launchWorker } from '../../../main/training/worker-launcher.ts';
import { buildMain } from '../../../scripts/build-main.ts';

let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'layerlab-main-build-'));
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
      const id = sessions.start({ table: iris, recipe: suggestRecipe(iris, { target: 'species' }), design: { hidden: denseStack([8]) }, settings: defaultTrainingSettings({ epochs: 5, earlyStopping: false }) });
      await finished;
      expect(sessions.get(id)).toMatchObject({ status: 'completed', error: null });
      expect(sessions.get(id)!.result!.history.epochsCompleted).toBe(5);
    } finally {
      await sessions.dispose();
    }
  });

  it('leaves no empty import.meta in the CommonJS bundles (the worker and package.json are found beside them)', async () => {
    for (const file of ['electron-main.cjs', 'training-worker.cjs']) {
      const source = await readFile(join(out, file), 'utf8');
      expect(source, file).not.toMatch(/import_meta\d* = \{\}/);
    }
    expect(await readFile(join(out, 'electron-main.cjs'), 'utf8')).toContain('"./training-worker.cjs", __layerlabModuleUrl');
  });
});
