/**
 * The Train step's K-fold cross-validation in its worker thread: every metric as mean ± spread over the folds,
 * a stop that ends it, and a table too small for K folds refused in one line with the app's words.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { CrossValidationEvent, CrossValidationSummary } from '../../../main/api/calls/validation-calls.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { CrossValidations } from '../../../main/search/cross-validations.ts';

async function until(events: CrossValidationEvent[], validationId: string): Promise<CrossValidationSummary> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const found = events.find((e) => e.summary.validationId === validationId);
    if (found) return found.summary;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${validationId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cross-validations in a worker', () => {
  it('reports each metric as mean ± spread over K folds, stops on request, and refuses too many folds in one line', async () => {
    const events: CrossValidationEvent[] = [];
    const validations = new CrossValidations({ publish: (e) => events.push(e) });
    try {
      const { table } = await loadTable('resources/samples/iris.csv');
      const recipe = suggestRecipe(table, { target: 'species' });
      const design = { hidden: denseStack([8]) };
      const settings = defaultTrainingSettings({ epochs: 30, earlyStopping: false });
      const started = validations.start({ table, recipe, design, settings, folds: 3, runId: 'run-1' });
      expect(started).toMatchObject({ status: 'running', folds: 3, runId: 'run-1', metrics: null });
      const done = await until(events, started.validationId);
      expect(done.status).toBe('done');
      expect(done.rows).toBeGreaterThan(100);
      expect(Object.keys(done.metrics!)).toEqual(expect.arrayContaining(['accuracy', 'f1', 'auc']));
      expect(done.metrics!.accuracy!.mean).toBeGreaterThan(0.6);
      expect(done.metrics!.accuracy!.std).toBeGreaterThanOrEqual(0);

      const long = validations.start({ table, recipe, design, settings: { ...settings, epochs: 10_000 }, folds: 5, runId: null });
      await new Promise((r) => setTimeout(r, 1500));
      expect(validations.stop(long.validationId)).toBe(true);
      expect((await until(events, long.validationId)).status).toBe('stopped');

      const dir = await mkdtemp(join(tmpdir(), 'layerlab-cv-'));
      await writeFile(join(dir, 'tiny.csv'), ['x,y', ...Array.from({ length: 10 }, (_, i) => `${i},${i % 2 ? 'a' : 'b'}`)].join('\n'));
      const tiny = (await loadTable(join(dir, 'tiny.csv'))).table;
      await rm(dir, { recursive: true, force: true });
      const tooMany = validations.start({ table: tiny, recipe: suggestRecipe(tiny, { target: 'y' }), design, settings, folds: 5, runId: null });
      const refused = await until(events, tooMany.validationId);
      expect(refused.status).toBe('failed');
      expect(refused.error!.message).toMatch(/^5-fold cross-validation needs at least 10 rows outside the test rows, and this table has \d\. Choose (3 folds|"none") for K-fold cross-validation, or a larger table\.$/);
      expect(refused.error!.message).not.toContain('--');
      expect(refused.error!.message.split('\n')).toHaveLength(1);
    } finally {
      await validations.dispose();
    }
  }, 240_000);
});
