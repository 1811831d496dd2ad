/** The Build and Train calls over the real services: payload checks, previews and real runs in worker threads. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import type { Prepared, Recipe } from '../../../engine/prep/types.ts';
import type { TrainingProgressEvent } from '../../../main/api/calls/training-calls.ts';
import type { AppEvent } from '../../../main/api/contract.ts';
import { createDispatch, trustOrigin, type CallContext } from '../../../main/api/handle.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { ModelRegistry } from '../../../main/services/model-registry.ts';
import { TrainingRuns } from '../../../main/training/training-runs.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import { failure } from './api-test-kit.ts';

const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };

let services: Services;
let settingsDir: string;
let events: AppEvent[];

beforeEach(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'layerlab-training-handlers-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: false,
  });
  events = [];
  services.events.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await closeServices(services);
  await rm(settingsDir, { recursive: true, force: true });
});

async function open(sampleId: string) {
  const handlers = createHandlers(services);
  const summary = await handlers.openDataset({ operationId: `open-${sampleId}`, source: { kind: 'sample', sampleId } }, context);
  const { recipe } = await handlers.suggestRecipe({ datasetId: summary.datasetId }, context);
  return { handlers, datasetId: summary.datasetId, recipe };
}

function progress(runId: string): TrainingProgressEvent[] {
  return events.filter((e): e is TrainingProgressEvent => e.type === 'trainingProgress' && e.runId === runId);
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const finalOf = (runId: string) => progress(runId).find((e) => e.summary);

describe('payload checks (through the one gate)', () => {
  const settings = defaultTrainingSettings({ epochs: 2 });
  const design = { hidden: denseStack([6, 6]) };

  it.each([
    ['zero epochs', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design, settings: { ...settings, epochs: 0 } }), 'settings.epochs'],
    ['an unknown layer type', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design: { hidden: [{ type: 'conv2d', units: 3 }] }, settings }), 'design.hidden[0].type'],
    ['a dense layer with 0 units', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design: { hidden: [{ type: 'dense', units: 0 }] }, settings }), 'design.hidden[0].units'],
    ['an unknown activation', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design: { hidden: [{ type: 'dense', units: 4, activation: 'magic' }] }, settings }), 'design.hidden[0].activation'],
    ['an unknown optimizer', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design, settings: { ...settings, optimizer: { kind: 'lbfgs', learningRate: 0.1 } } }), 'settings.optimizer.kind'],
    ['a classification loss by name', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design, settings: { ...settings, loss: 'hinge' } }), 'settings.loss'],
    ['a recipe whose split does not add up', (r: Recipe) => ({ datasetId: 'd1', recipe: { ...r, split: { ...r.split, train: 0.9 } }, design, settings }), 'recipe'],
    ['an extra field', (r: Recipe) => ({ datasetId: 'd1', recipe: r, design, settings, extra: 1 }), 'extra'],
  ])('startTraining refuses %s, naming where', async (_, payload, where) => {
    const { recipe } = await open('churn');
    const dispatch = createDispatch(createHandlers(services), trustOrigin('app://layerlab'), () => {});
    const answer = await dispatch('startTraining', payload(recipe), context.sender);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid-request');
    expect(answer.error.message).toContain(where);
    expect(services.training.list()).toEqual([]);
  });

  it('pause, resume and stop of an unknown run change nothing', async () => {
    const handlers = createHandlers(services);
    for (const call of [handlers.pauseTraining, handlers.resumeTraining, handlers.stopTraining]) {
      expect(await call({ runId: 'run-99' }, context)).toEqual({ changed: false });
    }
  });

  it('a dataset that is no longer open gets a sentence, not a crash', async () => {
    const { recipe } = await open('churn');
    const handlers = createHandlers(services);
    const error = await failure(handlers.startTraining({ datasetId: 'gone', recipe, design, settings }, context));
    expect(error.code).toBe('dataset-closed');
  });
});

describe('the suggested recipe without a target, and networkPreview', () => {
  it("suggests a recipe for the sample's own target, even when it is not the last column", async () => {
    const { recipe } = await open('titanic');
    expect(recipe.target.column).toBe('Survived');
    expect(recipe.split).toMatchObject({ train: 0.7, validation: 0.15, test: 0.15 });
  });

  it('describes the classic 6-6-1 on churn: inputs from the recipe, a sigmoid output, the parameter count', async () => {
    const { handlers, datasetId, recipe } = await open('churn');
    const preview = await handlers.networkPreview({ datasetId, recipe, design: { hidden: denseStack([6, 6]) } }, context);
    expect(preview).toMatchObject({ task: 'binary', target: 'Exited', output: { units: 1, activation: 'sigmoid' }, loss: 'binary_crossentropy', classLabels: ['0', '1'] });
    const n = preview.features.length;
    expect(preview.features).toContain('Age');
    expect(preview.features.some((f) => f.startsWith('Geography='))).toBe(true);
    // (n·6 + 6) + (6·6 + 6) + (6·1 + 1)
    expect(preview.parameters).toEqual({ trainable: n * 6 + 6 + 42 + 7, nonTrainable: 0 });
    expect(preview.rows.train + preview.rows.validation + preview.rows.test).toBe(10_000);
  });

  it('gives a multi-class softmax output for iris and a clear error for a target that cannot be learned', async () => {
    const { handlers, datasetId, recipe } = await open('iris');
    const preview = await handlers.networkPreview({ datasetId, recipe, design: { hidden: [] } }, context);
    expect(preview.output).toEqual({ units: 3, activation: 'softmax' });
    const missing = await failure(handlers.networkPreview({ datasetId, recipe: { ...recipe, target: { column: 'colour' } }, design: { hidden: [] } }, context));
    expect(missing.message).toContain('colour');
  });

  it('a network preview replaced by a newer edit of the same dataset fails as superseded; the newer one answers', async () => {
    const { handlers, datasetId, recipe } = await open('churn');
    const older = handlers.networkPreview({ datasetId, recipe, design: { hidden: [] } }, context);
    const newer = handlers.networkPreview({ datasetId, recipe: { ...recipe, split: { ...recipe.split, seed: recipe.split.seed + 1 } }, design: { hidden: [] } }, context);
    expect(await failure(older)).toEqual({ code: 'superseded', message: 'A newer edit of the recipe replaced this preview.' });
    expect((await newer).rows.train + (await newer).rows.validation + (await newer).rows.test).toBe(10_000);
  });
});

describe('training runs', () => {
  it('trains churn in a worker: every epoch arrives in order, and the finished run is a model in the registry', async () => {
    const { handlers, datasetId, recipe } = await open('churn');
    const settings = defaultTrainingSettings({ epochs: 4, earlyStopping: false, reduceLrOnPlateau: false });
    const started = await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([6, 6]) }, settings }, context);
    expect(started).toMatchObject({ label: 'Run 1', status: 'preparing', datasetId, modelId: null });
    await until(() => finalOf(started.runId) !== undefined, 'the run to finish');

    const all = progress(started.runId);
    expect(all.flatMap((e) => e.epochs ?? []).map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(all.some((e) => e.begin?.trainRows === 7000)).toBe(true);
    const summary = finalOf(started.runId)!.summary!;
    expect(summary).toMatchObject({ status: 'completed', modelId: started.runId, outcome: { stopReason: 'completed', epochsCompleted: 4, parameterCount: expect.any(Number) } });
    expect(summary.outcome!.testMetric!.name).toBe('accuracy');
    expect(summary.outcome!.testMetric!.value).toBeGreaterThan(0.7);
    // Plain data only: the result's typed arrays stay in main.
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);

    const trained = services.models.get(summary.modelId!);
    expect(trained).toMatchObject({ label: 'Run 1 · 6-6-1 · adam', datasetId, path: null });
    expect(trained.model.training.epochsCompleted).toBe(4);
    expect(trained.model.provenance.source.name).toBe('Churn_Modelling.csv');
    expect(trained.result!.test!.rows).toBe(1500);
    expect(await handlers.listRuns({}, context)).toEqual([summary]);
  });

  it("prepares the recipe once, in the engine pool, for the Clean step's preview, the network preview and every run of it", async () => {
    const { handlers, datasetId, recipe } = await open('iris');
    const calls = vi.spyOn(services.engine, 'call');
    await handlers.previewRecipe({ datasetId, recipe }, context);
    await handlers.networkPreview({ datasetId, recipe, design: { hidden: [] } }, context);
    const settings = defaultTrainingSettings({ epochs: 2 });
    const runs = [await handlers.startTraining({ datasetId, recipe, design: { hidden: [] }, settings }, context), await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([4]) }, settings }, context)];
    for (const run of runs) await until(() => finalOf(run.runId) !== undefined, 'the runs');
    const recipeRuns = calls.mock.calls.filter(([name]) => name !== 'buildModelFile');
    expect(recipeRuns.map(([name, args]) => [name, (args as { datasetId: string }).datasetId, (args as { recipe: Recipe }).recipe])).toEqual([
      ['recipePreview', datasetId, recipe],
      ['preparedPreview', datasetId, recipe],
      ['prepare', datasetId, recipe],
      ['prepare', datasetId, recipe],
    ]);
    const prepares = calls.mock.results.filter((_, i) => calls.mock.calls[i]![0] === 'prepare');
    const [first, second] = (await Promise.all(prepares.map((r) => r.value))) as Prepared[];
    // One shared matrix, not two equal ones: a value written through the first shows through the second.
    const kept = first!.train.x[0]!;
    first!.train.x[0] = 12345;
    expect(second!.train.x[0], 'the second run starts from the same matrices').toBe(12345);
    first!.train.x[0] = kept;
    expect(runs.map((run) => finalOf(run.runId)!.summary!.status)).toEqual(['completed', 'completed']);
  });

  it('a stopped run keeps what it learned as a model; pause and resume answer whether they changed anything', async () => {
    const { handlers, datasetId, recipe } = await open('churn');
    const settings = defaultTrainingSettings({ epochs: 500, earlyStopping: false, reduceLrOnPlateau: false });
    const { runId } = await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([8]) }, settings, label: 'Long one' }, context);
    await until(() => progress(runId).some((e) => e.epochs?.length), 'the first epoch');
    expect(await handlers.pauseTraining({ runId }, context)).toEqual({ changed: true });
    await until(() => progress(runId).at(-1)!.status === 'paused', 'the pause');
    expect(await handlers.pauseTraining({ runId }, context)).toEqual({ changed: false });
    expect(await handlers.resumeTraining({ runId }, context)).toEqual({ changed: true });
    expect(await handlers.stopTraining({ runId }, context)).toEqual({ changed: true });
    await until(() => finalOf(runId) !== undefined, 'the stop');
    const summary = finalOf(runId)!.summary!;
    expect(summary.status).toBe('stopped');
    expect(summary.label).toBe('Long one');
    expect(summary.outcome!.stopReason).toBe('cancelled');
    expect(summary.outcome!.epochsCompleted).toBeLessThan(500);
    expect(services.models.get(runId).model.training.stopReason).toBe('cancelled');
  });

  it('a run whose data cannot be prepared fails with the reason, leaves no model, and the next run trains', async () => {
    const { handlers, datasetId, recipe } = await open('iris');
    const settings = defaultTrainingSettings({ epochs: 2 });
    const bad = await handlers.startTraining({ datasetId, recipe: { ...recipe, target: { column: 'colour' } }, design: { hidden: [] }, settings }, context);
    await until(() => finalOf(bad.runId) !== undefined, 'the failure');
    const summary = finalOf(bad.runId)!.summary!;
    expect(summary.status).toBe('failed');
    expect(summary.error!.message).toContain('colour');
    expect(summary.modelId).toBeNull();
    expect(services.models.list()).toEqual([]);
    const good = await handlers.startTraining({ datasetId, recipe, design: { hidden: [] }, settings }, context);
    await until(() => finalOf(good.runId) !== undefined, 'the next run');
    expect(finalOf(good.runId)!.summary!.status).toBe('completed');
  });

  it('two runs go side by side and closing the services ends them', async () => {
    const { handlers, datasetId, recipe } = await open('churn');
    const settings = defaultTrainingSettings({ epochs: 1000, earlyStopping: false, reduceLrOnPlateau: false });
    const a = await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([6, 6]) }, settings }, context);
    const b = await handlers.startTraining({ datasetId, recipe, design: { hidden: denseStack([32, 16]) }, settings }, context);
    await until(() => [a, b].every((run) => progress(run.runId).some((e) => e.epochs?.length)), 'both runs to train');
    expect((await handlers.listRuns({}, context)).map((r) => [r.runId, r.status])).toEqual([
      [a.runId, 'training'],
      [b.runId, 'training'],
    ]);
    await closeServices(services);
    expect(services.training.list()).toEqual([]);
  });

  it('refuses a run past the cap of runs at once, saying why, and takes it once one has ended', async () => {
    const models = new ModelRegistry();
    const runs = new TrainingRuns({ publish: () => {}, models, app: () => Promise.reject(new Error('not needed')), maxActiveRuns: 1 });
    try {
      const iris = (await loadTable('resources/samples/iris.csv')).table;
      const job = { prepared: prepare(iris, suggestRecipe(iris, { target: 'species' })), design: { hidden: [] }, settings: defaultTrainingSettings({ epochs: 100_000, earlyStopping: false, reduceLrOnPlateau: false }) };
      const source = { name: 'iris.csv', sha256: '0', rows: 150 };
      const first = runs.start({ datasetId: 'd1', target: 'species', job, source });
      expect(() => runs.start({ datasetId: 'd1', target: 'species', job, source })).toThrow(
        expect.objectContaining({ code: 'too-many-runs', message: expect.stringMatching(/^1 runs are already training or paused, the most Layerlab runs at once .* Stop one, or wait for one to finish/) }),
      );
      runs.stop(first.runId);
      await until(() => runs.summary(first.runId)!.status !== 'training' && runs.summary(first.runId)!.status !== 'stopping' && runs.summary(first.runId)!.status !== 'preparing', 'the first run to end');
      expect(runs.start({ datasetId: 'd1', target: 'species', job: { ...job, settings: defaultTrainingSettings({ epochs: 1 }) }, source }).runId).toBeTruthy();
    } finally {
      await runs.dispose();
    }
  });

  it('refuses a network past the parameter cap before allocating it, saying the cap and why', async () => {
    const { handlers, datasetId, recipe } = await open('iris');
    const huge = { hidden: denseStack(Array.from({ length: 64 }, () => 4096)) };
    const error = await failure(handlers.networkPreview({ datasetId, recipe, design: huge }, context));
    expect(error).toMatchObject({ code: 'invalid-network', message: expect.stringMatching(/^This network has 1,057,\d{3},\d{3} parameters, more than the 10,000,000 Layerlab trains: .*4 GB at most\. Use fewer or narrower layers/) });
    expect(await failure(handlers.startTraining({ datasetId, recipe, design: huge, settings: defaultTrainingSettings({ epochs: 1 }) }, context))).toMatchObject({ code: 'invalid-network' });
  });
});

describe('a run whose model cannot be kept', () => {
  it('is reported as failed with the reason, in the event and in listRuns', async () => {
    const events: TrainingProgressEvent[] = [];
    const models = new ModelRegistry();
    const runs = new TrainingRuns({ publish: (e) => events.push(e), models, app: () => Promise.reject(new Error('package.json is unreadable')) });
    try {
      const iris = (await loadTable('resources/samples/iris.csv')).table;
      const { runId } = runs.start({ datasetId: 'd1', job: { prepared: prepare(iris, suggestRecipe(iris, { target: 'species' })), design: { hidden: [] }, settings: defaultTrainingSettings({ epochs: 2 }) }, target: 'species', source: { name: 'iris.csv', sha256: '0', rows: 150 } });
      await until(() => events.some((e) => e.summary), 'the final event');
      const final = events.find((e) => e.summary)!;
      expect(final.status).toBe('failed');
      expect(final.summary!.error!.message).toContain('package.json is unreadable');
      expect(runs.summary(runId)).toMatchObject({ status: 'failed', modelId: null, error: { code: 'model-failed' } });
      expect(models.list()).toEqual([]);
    } finally {
      await runs.dispose();
    }
  });
});
