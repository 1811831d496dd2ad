import { describe, expect, it, vi } from 'vitest';
import type { EpochEvent } from '../../../../engine/nn/fit-types.ts';
import { defaultEpochs, defaultHiddenUnits, defaultTrainingSettings } from '../../../../engine/pipeline/training-settings.ts';
import { toTrainingSettings } from '../../../../renderer/src/lib/training/settings.ts';
import type { Recipe } from '../../../../engine/prep/types.ts';
import type { NetworkPreview, RunSummary } from '../../../../main/api/calls/training-calls.ts';
import type { DatasetSummary, LayerlabApi } from '../../../../main/api/contract.ts';
import type { Platform } from '../../../../renderer/src/lib/platform/platform.ts';
import { CURVE_INTERVAL_MS } from '../../../../renderer/src/lib/state/live-run.svelte.ts';
import { DatasetState } from '../../../../renderer/src/lib/state/dataset.svelte.ts';
import { Notices } from '../../../../renderer/src/lib/state/notices.svelte.ts';
import { RecipeState } from '../../../../renderer/src/lib/state/recipe.svelte.ts';
import { ResultsState } from '../../../../renderer/src/lib/state/results.svelte.ts';
import { TrainingState } from '../../../../renderer/src/lib/state/training.svelte.ts';

const recipe: Recipe = { version: 1, target: { column: 'Exited' }, split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 }, steps: [] };
const preview: NetworkPreview = {
  task: 'binary',
  target: 'Exited',
  features: ['CreditScore', 'Age', 'Balance', 'Geography=France'],
  classLabels: ['0', '1'],
  output: { units: 1, activation: 'sigmoid' },
  loss: 'binary_crossentropy',
  parameters: { trainable: 5, nonTrainable: 0 },
  rows: { train: 7000, validation: 1500, test: 1500 },
};

function run(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    runId: 'run-1',
    label: 'Run 1',
    datasetId: 'd1',
    dataset: { name: 'Churn_Modelling.csv', sha256: 'c'.repeat(64) },
    target: 'Exited',
    status: 'preparing',
    startedAt: 0,
    design: { hidden: [] },
    settings: defaultTrainingSettings(),
    begin: null,
    epochs: [],
    outcome: null,
    modelId: null,
    error: null,
    ...overrides,
  };
}

function epoch(n: number, loss: number, valLoss: number): EpochEvent {
  return { epoch: n, epochs: 20, logs: { loss, val_loss: valLoss, accuracy: 0.8, val_accuracy: 0.8 }, learningRate: 0.001, epochSeconds: 0.1, bestEpoch: 1, samplesPerSecond: 1e5, elapsedSeconds: n, etaSeconds: 20 - n };
}

function setup(options: { cleanRecipe?: Recipe | null } = {}) {
  const api = {
    networkPreview: vi.fn(async () => preview),
    startTraining: vi.fn(async () => run()),
    pauseTraining: vi.fn(async () => ({ changed: true })),
    resumeTraining: vi.fn(async () => ({ changed: true })),
    stopTraining: vi.fn(async () => ({ changed: true })),
    listRuns: vi.fn(async () => [] as RunSummary[]),
  };
  const platform = { kind: 'web', mac: false, api: api as unknown as LayerlabApi } as Platform;
  const notices = new Notices();
  const dataset = new DatasetState(platform, notices);
  dataset.summary = { datasetId: 'd1', name: 'Churn_Modelling.csv' } as DatasetSummary;
  const recipes = new RecipeState(platform, dataset, notices);
  recipes.recipe = options.cleanRecipe === undefined ? recipe : options.cleanRecipe;
  const results = new ResultsState(platform, notices);
  const training = new TrainingState(platform, dataset, recipes, results, notices);
  return { api, notices, results, training, recipes, dataset };
}

describe('TrainingState: the design', () => {
  it('starts from the default 32-16 and switches to the classic 6-6-1 preset', async () => {
    const { training } = setup();
    expect(training.layers.map((l) => l.units)).toEqual([32, 16]);
    await training.sync();
    training.usePreset('classic');
    expect(training.name).toBe('6-6-1');
    expect(training.preset).toBe('classic');
    // 4 inputs: (4·6 + 6) + (6·6 + 6) + (6·1 + 1)
    expect(training.parameters).toBe(30 + 42 + 7);
  });

  it('sizes the untouched default for the table as `layerlab train` does (12 inputs, 5 classes: 64-32), and leaves an edited design alone', async () => {
    const { api, training, recipes } = setup();
    const fiveClasses: NetworkPreview = { ...preview, task: 'multiclass', features: Array.from({ length: 12 }, (_, i) => `x${i}`), classLabels: ['a', 'b', 'c', 'd', 'e'], output: { units: 5, activation: 'softmax' } };
    api.networkPreview.mockResolvedValue(fiveClasses);
    await training.sync();
    expect(training.name).toBe(`${defaultHiddenUnits(12, 5).join('-')}-5`);
    expect(training.name).toBe('64-32-5');
    expect(training.preset).toBe('default');
    // Edited, the design no longer follows the table: another recipe keeps it.
    training.updateLayer(training.layers[0]!.id, { units: 48 });
    api.networkPreview.mockResolvedValue({ ...fiveClasses, features: Array.from({ length: 60 }, (_, i) => `x${i}`) });
    recipes.recipe = { ...recipe, steps: [{ id: 'drop-columns', kind: 'drop-columns', params: { columns: ['Surname'] } }] };
    await training.sync();
    expect(training.name).toBe('48-32-5');
    // Chosen again, the default takes the new table's size: 60 inputs and 5 classes.
    training.usePreset('default');
    expect(training.name).toBe('256-128-5');
  });

  it('sizes the Train form’s epochs and patience for the training rows as `layerlab train` does, until the user sets them', async () => {
    const { api, training, recipes } = setup();
    api.networkPreview.mockResolvedValue({ ...preview, rows: { train: 609, validation: 130, test: 130 } });
    await training.sync();
    expect([training.form.epochs, training.form.patience]).toEqual([200, 20]);
    expect(defaultEpochs(609)).toEqual({ epochs: 200, patience: 20 });
    // A smaller batch makes more steps per epoch: the epochs follow it.
    training.setForm({ batchSize: 8 });
    expect([training.form.epochs, training.form.patience]).toEqual([100, 10]);
    training.setForm({ epochs: 150 });
    api.networkPreview.mockResolvedValue({ ...preview, rows: { train: 120, validation: 25, test: 25 } });
    recipes.recipe = { ...recipe, steps: [{ id: 'drop-columns', kind: 'drop-columns', params: { columns: ['Surname'] } }] };
    await training.sync();
    expect([training.form.epochs, training.form.patience], 'chosen epochs stay').toEqual([150, 10]);
    expect(toTrainingSettings(training.form, 'binary').reduceLrOnPlateau, 'the learning rate halves after half the patience').toMatchObject({ patience: 5 });
  });

  it('edits layers: an edit leaves the preset, dropout becomes a Dropout layer after its Dense layer', () => {
    const { training } = setup();
    training.usePreset('classic');
    const [first] = training.layers;
    training.updateLayer(first!.id, { units: 10, dropout: 0.25 });
    training.addLayer();
    training.moveLayer(first!.id, 1);
    expect(training.preset).toBeNull();
    expect(training.design.hidden).toEqual([
      { type: 'dense', units: 6, activation: 'relu' },
      { type: 'dense', units: 10, activation: 'relu' },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 6, activation: 'relu' },
    ]);
  });

  it('offers a relu output for regression only (a target that is never negative)', async () => {
    const { api, training, recipes } = setup();
    training.regressionOutput = 'relu';
    await training.sync();
    expect(training.design.outputActivation, 'binary: the task decides').toBeUndefined();
    expect(training.outputActivation).toBe('sigmoid');
    api.networkPreview.mockResolvedValueOnce({ ...preview, task: 'regression', output: { units: 1, activation: 'linear' }, loss: 'mse', classLabels: null });
    recipes.recipe = { ...recipe, target: { column: 'Balance' } };
    await training.sync();
    expect(training.design.outputActivation).toBe('relu');
    expect(training.outputActivation).toBe('relu');
  });
});

describe('TrainingState: recipe and preview', () => {
  it("waits for the Clean step's recipe, then previews it once", async () => {
    const { api, training, recipes } = setup({ cleanRecipe: null });
    await training.sync();
    expect(api.networkPreview, 'no recipe yet: nothing to preview').not.toHaveBeenCalled();
    recipes.recipe = recipe;
    await training.sync();
    await training.sync();
    expect(api.networkPreview).toHaveBeenCalledTimes(1);
    expect(training.recipe).toEqual(recipe);
    expect(training.task).toBe('binary');
    expect(training.loss).toBe('binary_crossentropy');
  });

  it('says why nothing can be built when the Clean step could not suggest a recipe', async () => {
    const { api, training, recipes } = setup({ cleanRecipe: null });
    recipes.problem = 'Layerlab could not suggest a cleaning recipe: no column of this file works as the column to predict.';
    await training.sync();
    expect(api.networkPreview).not.toHaveBeenCalled();
    expect(training.previewError).toBe(recipes.problem);
  });

  it("uses the Clean step's recipe, and previews again when it changes", async () => {
    const clean = { ...recipe, target: { column: 'Age' } };
    const { api, training, recipes } = setup({ cleanRecipe: clean });
    await training.sync();
    expect(api.networkPreview).toHaveBeenLastCalledWith({ datasetId: 'd1', recipe: clean, design: { hidden: [] } });
    recipes.recipe = recipe;
    await training.sync();
    expect(api.networkPreview).toHaveBeenCalledTimes(2);
  });

  it('forgets the previous dataset\'s preview as soon as another dataset is open', async () => {
    const { api, training, dataset } = setup();
    await training.sync();
    expect(training.preview).not.toBeNull();
    let answer!: (p: NetworkPreview) => void;
    api.networkPreview.mockReturnValueOnce(new Promise<NetworkPreview>((resolve) => (answer = resolve)));
    dataset.summary = { datasetId: 'd2', name: 'iris.csv' } as DatasetSummary;
    const syncing = training.sync();
    await Promise.resolve();
    await Promise.resolve();
    expect(training.preview, 'nothing about d2 yet').toBeNull();
    answer({ ...preview, task: 'multiclass' });
    await syncing;
    expect(training.task).toBe('multiclass');
  });

  it('shows why the network cannot be built, and refuses to train meanwhile', async () => {
    const { api, training, notices } = setup();
    api.networkPreview.mockRejectedValueOnce(new Error('The target column "Exited" holds a single value.'));
    await training.sync();
    expect(training.preview).toBeNull();
    expect(training.previewError).toContain('single value');
    await training.train();
    expect(api.startTraining).not.toHaveBeenCalled();
    expect(notices.items.at(-1)).toMatchObject({ kind: 'warning', detail: expect.stringContaining('single value') });
  });
});

describe('TrainingState: runs', () => {
  it("starts a run with the design, task-aware settings and the recipe's own split (one split, set in the Clean step)", async () => {
    const { api, training } = setup();
    await training.sync();
    training.usePreset('classic');
    training.setForm({ epochs: 20, learningRate: 0.01 });
    await training.train();
    const request = (api.startTraining.mock.calls[0] as unknown[])[0] as { recipe: Recipe; settings: ReturnType<typeof defaultTrainingSettings>; design: unknown };
    expect(request.recipe).toEqual(training.recipe);
    expect(request.settings).toMatchObject({ epochs: 20, optimizer: { kind: 'adam', learningRate: 0.01 } });
    expect(request.settings.loss, 'classification takes the loss of its task').toBeUndefined();
    expect(training.runs.map((r) => r.runId)).toEqual(['run-1']);
    expect(training.selected?.runId).toBe('run-1');
  });

  it('keeps every epoch from progress events, in order, and the batch curve', async () => {
    const { training } = setup();
    await training.sync();
    await training.train();
    training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(1, 0.6, 0.55)], batch: { epoch: 2, epochs: 20, batch: 10, batches: 219, loss: 0.5, learningRate: 0.001, samplesPerSecond: 1e5, elapsedSeconds: 1, etaSeconds: 19 } });
    training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(2, 0.5, 0.5), epoch(3, 0.45, 0.48)] });
    training.onEvent({ type: 'trainingProgress', runId: 'other', status: 'training', epochs: [epoch(9, 1, 1)] });
    const live = training.runs[0]!;
    expect(live.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(live.batchLoss).toEqual([[1 + 10 / 219, 0.5]]);
    expect(live.progress).toBeCloseTo((1 + 10 / 219) / 20, 12);
    expect(live.finished).toBe(false);
    expect(training.running).toHaveLength(1);
  });

  it('redraws the curves at most every 250 ms while training, and at once when the run ends', async () => {
    vi.useFakeTimers();
    try {
      const { training } = setup();
      await training.sync();
      await training.train();
      const live = training.runs[0]!;
      training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(1, 0.6, 0.55)] });
      training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(2, 0.5, 0.5)] });
      expect(live.epochs).toHaveLength(2);
      expect(live.curves.epochs, 'not yet redrawn').toHaveLength(0);
      vi.advanceTimersByTime(CURVE_INTERVAL_MS);
      expect(live.curves.epochs).toHaveLength(2);
      training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(3, 0.45, 0.48)] });
      training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'stopped', summary: run({ status: 'stopped', epochs: [epoch(1, 0.6, 0.55), epoch(2, 0.5, 0.5), epoch(3, 0.45, 0.48)] }) });
      expect(live.curves.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
      expect(live.progress, 'a stopped run shows where it got to, not 100%').toBeCloseTo(3 / run().settings.epochs, 12);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a finished run goes to the Evaluate step (results.show) with a notice giving its test score', async () => {
    const { training, results, notices } = setup();
    await training.sync();
    await training.train();
    const summary = run({ status: 'completed', modelId: 'run-1', epochs: [epoch(1, 0.6, 0.55)], outcome: { stopReason: 'completed', message: 'Trained all 20 epochs.', epochsCompleted: 20, bestEpoch: 18, restoredEpoch: null, seconds: 3, samplesPerSecond: 1e5, parameterCount: 79, testMetric: { name: 'accuracy', value: 0.8567 } } });
    training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'completed', summary });
    expect(results.modelId).toBe('run-1');
    expect(training.runs[0]!.finished).toBe(true);
    expect(training.runs[0]!.bestEpoch).toBe(18);
    expect(notices.items.at(-1)).toMatchObject({ kind: 'success', title: 'Run 1 finished: 85.7% test accuracy.' });
    expect(training.running).toHaveLength(0);
  });

  it('a failed run says why, and is not shown as a model', async () => {
    const { training, results, notices } = setup();
    await training.sync();
    await training.train();
    training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'failed', summary: run({ status: 'failed', error: { code: 'worker-crashed', message: 'The training worker crashed: out of memory.' } }) });
    expect(results.modelId).toBeNull();
    expect(notices.items.at(-1)).toMatchObject({ kind: 'error', title: 'Run 1 failed', detail: 'The training worker crashed: out of memory.' });
  });

  it('pause, resume and stop go to main for the run; compare toggles', async () => {
    const { api, training } = setup();
    await training.pause('run-1');
    await training.resume('run-1');
    await training.stop('run-1');
    expect(api.pauseTraining).toHaveBeenCalledWith({ runId: 'run-1' });
    expect(api.resumeTraining).toHaveBeenCalledWith({ runId: 'run-1' });
    expect(api.stopTraining).toHaveBeenCalledWith({ runId: 'run-1' });
    training.toggleCompared('run-1');
    training.toggleCompared('run-2');
    training.toggleCompared('run-1');
    expect(training.compared).toEqual(['run-2']);
  });

  it('keeps news that arrives before the startTraining answer, and never counts an epoch twice', async () => {
    const { api, training } = setup();
    await training.sync();
    let answer!: (summary: RunSummary) => void;
    api.startTraining.mockReturnValueOnce(new Promise<RunSummary>((resolve) => (answer = resolve)));
    const started = training.train();
    training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(1, 0.6, 0.55)] });
    training.onEvent({ type: 'trainingProgress', runId: 'run-1', status: 'training', epochs: [epoch(2, 0.5, 0.5)] });
    answer(run({ status: 'training', epochs: [epoch(1, 0.6, 0.55)] }));
    await started;
    expect(api.listRuns, 'the run is on its way: no need to ask').not.toHaveBeenCalled();
    expect(training.runs[0]!.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(training.runs[0]!.status).toBe('training');
  });

  it('asks main about a run it has not heard of, such as one another window started', async () => {
    const { api, training } = setup();
    api.listRuns.mockResolvedValueOnce([run({ runId: 'run-7', status: 'training', epochs: [epoch(1, 0.6, 0.55)] })]);
    training.onEvent({ type: 'trainingProgress', runId: 'run-7', status: 'training', epochs: [epoch(2, 0.5, 0.5)] });
    await training.load();
    expect(api.listRuns).toHaveBeenCalledTimes(1);
    expect(training.runs.map((r) => [r.runId, r.epochs.length])).toEqual([['run-7', 2]]);
  });

  it('picks up the runs main already has after a reload', async () => {
    const { api, training } = setup();
    api.listRuns.mockResolvedValueOnce([run({ runId: 'run-4', status: 'completed', modelId: 'run-4', epochs: [epoch(1, 0.5, 0.5)] })]);
    await training.load();
    expect(training.runs.map((r) => [r.runId, r.finished, r.epochs.length])).toEqual([['run-4', true, 1]]);
  });
});
