/**
 * The app's searches: whole progress snapshots while trials finish, a stop that keeps the finished trials,
 * "Use this network" making a trial an ordinary run (curves, a model scored on the test rows, in listRuns),
 * and the same clear lines as the CLI for a budget of 0, a one-class target and a table too small for folds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import type { Table } from '../../../engine/table/table.ts';
import type { SearchProgressEvent, SearchSummary } from '../../../main/api/calls/search-calls.ts';
import type { TrainingProgressEvent } from '../../../main/api/calls/training-calls.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { AppSearches } from '../../../main/search/app-searches.ts';
import { InProcessExecutor } from '../../../main/search/executors.ts';
import { ModelRegistry } from '../../../main/services/model-registry.ts';
import { TrainingRuns } from '../../../main/training/training-runs.ts';

const SOURCE = { name: 'iris.csv', sha256: '0', rows: 150 };
const APP = async () => ({ name: 'Layerlab', version: '0.1.0' });

function setup() {
  const snapshots: SearchSummary[] = [];
  const runEvents: TrainingProgressEvent[] = [];
  const models = new ModelRegistry();
  const training = new TrainingRuns({ publish: (e) => runEvents.push(e), models, app: APP });
  // Short trials (15 epochs at most) keep the test quick on a busy machine; a short pause per trial hands the
  // thread back, as worker trials would: the budget's timer gets to run.
  const searches = new AppSearches({ publish: (e: SearchProgressEvent) => snapshots.push(e.summary), training, executor: () => new InProcessExecutor(2, () => 5), tickMs: 50, epochs: 15 });
  return { snapshots, runEvents, models, training, searches };
}

async function until(condition: () => boolean, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function iris(): Promise<{ table: Table; recipe: Recipe }> {
  const { table } = await loadTable('resources/samples/iris.csv');
  return { table, recipe: suggestRecipe(table, { target: 'species' }) };
}

async function csvTable(text: string): Promise<Table> {
  const dir = await mkdtemp(join(tmpdir(), 'layerlab-app-searches-'));
  try {
    await writeFile(join(dir, 'table.csv'), text);
    return (await loadTable(join(dir, 'table.csv'))).table;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The latest snapshot of one search. */
function latest(snapshots: readonly SearchSummary[], searchId: string): SearchSummary | undefined {
  return snapshots.filter((s) => s.searchId === searchId).at(-1);
}

const finished = (s: SearchSummary | undefined): boolean => s?.status === 'done' || s?.status === 'failed';

describe('the app searches', () => {
  it('reports every finished trial, stops on request, and makes a chosen trial an ordinary run with a test score', async () => {
    const { snapshots, runEvents, models, training, searches } = setup();
    const { table, recipe } = await iris();
    const started = searches.start({ datasetId: 'd1', table, recipe, budgetSeconds: 120, source: SOURCE });
    expect(started.status).toBe('preparing');
    await until(() => (snapshots.at(-1)?.trials.length ?? 0) >= 3, 'three finished trials');
    expect(searches.stop(started.searchId)).toBe(true);
    await until(() => finished(snapshots.at(-1)), 'the end of the search');
    const last = snapshots.at(-1)!;
    expect(last.status).toBe('done');
    expect(last.endReason).toBe('stopped');
    expect(last.metric).toBe('accuracy');
    expect(last.validation).toMatch(/^5-fold cross-validation on the 1\d\d non-test rows$/);
    const best = last.trials.find((t) => t.trial === last.best)!;
    expect(best.mean, 'the best trial has the highest validation score').toBe(Math.max(...last.trials.map((t) => t.mean)));
    expect(last.trials.map((t) => t.at), 'in the order they finished').toEqual([...last.trials.map((t) => t.at)].sort((a, b) => a - b));

    const run = await searches.useTrial(last.searchId, best.trial);
    expect(run.status).toBe('completed');
    expect(run.epochs.length).toBe(run.outcome!.epochsCompleted);
    expect(Object.keys(run.epochs[0]!.logs)).toEqual(expect.arrayContaining(['loss', 'val_loss', 'accuracy', 'val_accuracy']));
    expect(run.outcome!.testMetric!.name).toBe('accuracy');
    expect(run.outcome!.testMetric!.value).toBeGreaterThan(0.6);
    const model = models.get(run.modelId!);
    expect(model.result!.test!.rows, 'scored once on every test row').toBe(model.result!.rows.test);
    expect(model.result!.rows.test).toBeGreaterThan(15);
    expect(model.result!.baselines?.majorityClass, 'the search computed the baselines before it ended').toBeTruthy();
    expect(training.list().map((r) => r.runId)).toContain(run.runId);
    expect(runEvents.at(-1)!.summary!.runId, 'the window hears of the new run').toBe(run.runId);
    expect((await searches.useTrial(last.searchId, best.trial)).runId, 'asked twice, the same run').toBe(run.runId);
    expect(searches.list()[0]!.trials.find((t) => t.trial === best.trial)!.runId).toBe(run.runId);
    await searches.dispose();
  }, 180_000);

  it('ends on its budget with the trials finished by then', async () => {
    const { snapshots, searches } = setup();
    const { table, recipe } = await iris();
    searches.start({ datasetId: 'd1', table, recipe, budgetSeconds: 3, source: SOURCE });
    await until(() => finished(snapshots.at(-1)), 'the end of the search');
    const last = snapshots.at(-1)!;
    expect(last.endReason).toBe('budget');
    expect(last.trials.length).toBeGreaterThan(0);
    await searches.dispose();
  }, 60_000);

  it('says in one line what is wrong: a budget of 0, a target with one class, a table too small for the folds', async () => {
    const { snapshots, searches } = setup();
    const { table, recipe } = await iris();
    expect(() => searches.start({ datasetId: 'd1', table, recipe, budgetSeconds: 0, source: SOURCE })).toThrow(/time budget above 0 seconds/);

    const oneClass = await csvTable('a,b,y\n1,2,yes\n3,4,yes\n5,6,yes\n7,8,yes\n');
    // The recipe of the same columns with two classes: the one-class table is what the search itself meets.
    const twoClasses = await csvTable('a,b,y\n1,2,yes\n3,4,no\n5,6,yes\n7,8,no\n');
    const one = searches.start({ datasetId: 'd2', table: oneClass, recipe: suggestRecipe(twoClasses, { target: 'y' }), budgetSeconds: 30, source: SOURCE });
    await until(() => finished(latest(snapshots, one.searchId)), 'the one-class search to fail');
    const oneError = latest(snapshots, one.searchId)!.error!;
    expect(oneError.message).toMatch(/single value/);
    expect(oneError.message.split('\n')).toHaveLength(1);

    const rows = ['x,y', ...Array.from({ length: 8 }, (_, i) => `${i},${i === 0 ? 'b' : 'a'}`)].join('\n');
    const tiny = await csvTable(`${rows}\n`);
    const small = searches.start({ datasetId: 'd3', table: tiny, recipe: suggestRecipe(tiny, { target: 'y' }), budgetSeconds: 30, source: SOURCE });
    await until(() => finished(latest(snapshots, small.searchId)), 'the tiny search to fail');
    const smallError = latest(snapshots, small.searchId)!.error!;
    // The app's search has no folds to choose: it says what the table lacks and what the user can do in the app.
    expect(smallError.message).toMatch(/^5-fold cross-validation needs at least 10 rows outside the test rows, and this table has \d\. The search scores every network on these folds: add rows to the table/);
    expect(smallError.message, 'no command-line flag in the app').not.toContain('--');
    // The app's folds take any class however rare: the advice is about rows, not about leaving classes out.
    expect(smallError.message).toMatch(/add rows to the table, or train one network in the Train step instead\.$/);
    expect(smallError.message.split('\n')).toHaveLength(1);
    await searches.dispose();
  }, 60_000);
});
