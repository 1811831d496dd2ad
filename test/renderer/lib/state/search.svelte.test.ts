/**
 * SearchState: the search of the open dataset from main's snapshots (another search's news does not replace
 * it), its controls, and "Use this network" handing the new run to TrainingState; K-fold checks beside a run.
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultTrainingSettings } from '../../../../engine/pipeline/training-settings.ts';
import type { Recipe } from '../../../../engine/prep/types.ts';
import type { SearchSummary } from '../../../../main/api/calls/search-calls.ts';
import type { NetworkPreview, RunSummary } from '../../../../main/api/calls/training-calls.ts';
import type { CrossValidationSummary } from '../../../../main/api/calls/validation-calls.ts';
import type { DatasetSummary, LayerlabApi } from '../../../../main/api/contract.ts';
import type { Platform } from '../../../../renderer/src/lib/platform/platform.ts';
import { CrossValidationState } from '../../../../renderer/src/lib/state/cross-validation.svelte.ts';
import { DatasetState } from '../../../../renderer/src/lib/state/dataset.svelte.ts';
import { Notices } from '../../../../renderer/src/lib/state/notices.svelte.ts';
import { RecipeState } from '../../../../renderer/src/lib/state/recipe.svelte.ts';
import { ResultsState } from '../../../../renderer/src/lib/state/results.svelte.ts';
import { SearchState } from '../../../../renderer/src/lib/state/search.svelte.ts';
import { TrainingState } from '../../../../renderer/src/lib/state/training.svelte.ts';

const recipe: Recipe = { version: 1, target: { column: 'species' }, split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 }, steps: [] };
const preview = { task: 'multiclass', target: 'species', features: ['a'], classLabels: ['x', 'y', 'z'], output: { units: 3, activation: 'softmax' }, loss: 'sparse_categorical_crossentropy', parameters: { trainable: 6, nonTrainable: 0 }, rows: { train: 100, validation: 20, test: 30 } } as NetworkPreview;

function snapshot(overrides: Partial<SearchSummary> = {}): SearchSummary {
  return { searchId: 'search-1', datasetId: 'd1', status: 'running', budgetSeconds: 60, elapsedSeconds: 3, metric: 'accuracy', validation: null, trials: [], best: null, endReason: null, error: null, ...overrides };
}

const trialRun: RunSummary = { runId: 'search-run-1', label: 'Search trial 2', datasetId: 'd1', dataset: { name: 'iris.csv', sha256: '0' }, target: 'species', status: 'completed', startedAt: 0, design: { hidden: [] }, settings: defaultTrainingSettings(), begin: null, epochs: [], outcome: null, modelId: 'search-run-1', error: null };

function setup() {
  const api = {
    networkPreview: vi.fn(async () => preview),
    startSearch: vi.fn(async () => snapshot({ status: 'preparing' })),
    pauseSearch: vi.fn(async () => ({ changed: true })),
    stopSearch: vi.fn(async () => ({ changed: true })),
    useSearchTrial: vi.fn(async () => trialRun),
    listRuns: vi.fn(async () => [] as RunSummary[]),
    startTraining: vi.fn(async () => ({ ...trialRun, runId: 'run-1', status: 'preparing' as const })),
    startCrossValidation: vi.fn(async (_request: unknown): Promise<CrossValidationSummary> => ({ validationId: 'cv-1', runId: 'run-1', folds: 5, status: 'running', rows: null, metrics: null, error: null })),
  };
  const platform = { kind: 'web', mac: false, api: api as unknown as LayerlabApi } as Platform;
  const notices = new Notices();
  const dataset = new DatasetState(platform, notices);
  dataset.summary = { datasetId: 'd1', name: 'iris.csv' } as DatasetSummary;
  const recipes = new RecipeState(platform, dataset, notices);
  recipes.recipe = recipe;
  const results = new ResultsState(platform, notices);
  vi.spyOn(results, 'show').mockResolvedValue();
  const training = new TrainingState(platform, dataset, recipes, results, notices);
  const search = new SearchState(platform, dataset, training, notices);
  return { api, training, search, dataset, notices };
}

describe('SearchState', () => {
  it('starts a search with the budget and the recipe, follows its snapshots and ranks its trials best first', async () => {
    const { api, training, search } = setup();
    await training.sync();
    search.budgetSeconds = 120;
    await search.start();
    expect(api.startSearch).toHaveBeenCalledWith({ datasetId: 'd1', recipe, budgetSeconds: 120 });
    expect(search.active).toBe(true);
    const trials = [
      { trial: 1, description: 'a', inputs: 'standard' as const, mean: 0.9, std: 0, at: 4, seconds: 4, epochs: 10, runId: null },
      { trial: 2, description: 'b', inputs: 'standard' as const, mean: 0.95, std: 0, at: 5, seconds: 5, epochs: 10, runId: null },
    ];
    search.onEvent({ type: 'searchProgress', operationId: 'search-1', summary: snapshot({ trials, best: 2 }) });
    search.onEvent({ type: 'searchProgress', operationId: 'search-9', summary: snapshot({ searchId: 'search-9', trials: [] }) });
    expect(search.ranked.map((t) => t.trial), "another search's news does not replace it").toEqual([2, 1]);
    await search.pause();
    expect(api.pauseSearch).toHaveBeenCalledWith({ searchId: 'search-1' });
    search.onEvent({ type: 'searchProgress', operationId: 'search-1', summary: snapshot({ status: 'done', trials, endReason: 'budget' }) });
    expect(search.active).toBe(false);
  });

  it('shows the search only while its dataset is open, and refuses to start before the network can be built', async () => {
    const { api, search, dataset, notices } = setup();
    await search.start();
    expect(api.startSearch).not.toHaveBeenCalled();
    expect(notices.items.at(-1)?.title).toBe('The search cannot start yet');
    search.onEvent({ type: 'searchProgress', operationId: 'search-1', summary: snapshot() });
    expect(search.shown?.searchId).toBe('search-1');
    dataset.summary = { datasetId: 'd2', name: 'other.csv' } as DatasetSummary;
    expect(search.shown).toBeNull();
  });

  it('"Use this network" adds the run of the trial to the Train step and selects it', async () => {
    const { api, training, search } = setup();
    search.onEvent({ type: 'searchProgress', operationId: 'search-1', summary: snapshot() });
    await search.use(2);
    expect(api.useSearchTrial).toHaveBeenCalledWith({ searchId: 'search-1', trial: 2 });
    expect(training.runs.map((r) => r.runId)).toEqual(['search-run-1']);
    expect(training.selected?.runId).toBe('search-run-1');
    expect(search.using).toBeNull();
  });

  it('"Use this network" puts the trial\'s layers into Build and its settings into the Train form, and says so', async () => {
    const { api, training, search, notices } = setup();
    await training.sync();
    const design = {
      hidden: [
        { type: 'dense', units: 64, activation: 'gelu', l2: 0.00034 },
        { type: 'dropout', rate: 0.15 },
        { type: 'dense', units: 32, activation: 'gelu', l2: 0.00034 },
        { type: 'dropout', rate: 0.15 },
      ],
    } as const;
    const settings = defaultTrainingSettings({ optimizer: { kind: 'adam', learningRate: 0.0042 }, batchSize: 16, epochs: 150, classWeight: 'balanced', earlyStopping: { patience: 15, restoreBestWeights: true } });
    api.useSearchTrial.mockResolvedValueOnce({ ...trialRun, design, settings });
    const pieces = { trial: 2, description: '64-32 gelu · numbers in pieces', inputs: 'pieces' as const, mean: 0.95, std: 0, at: 5, seconds: 5, epochs: 10, runId: null };
    search.onEvent({ type: 'searchProgress', operationId: 'search-1', summary: snapshot({ trials: [pieces] }) });
    await search.use(2);
    expect(training.layers.map(({ units, activation, dropout }) => ({ units, activation, dropout }))).toEqual([
      { units: 64, activation: 'gelu', dropout: 0.15 },
      { units: 32, activation: 'gelu', dropout: 0.15 },
    ]);
    expect(training.preset, 'no preset: the layers are the trial\'s').toBeNull();
    expect(training.name).toBe('64-32-3');
    expect(training.form).toMatchObject({ optimizer: 'adam', learningRate: 0.0042, batchSize: 16, epochs: 150, patience: 15, classWeight: 'balanced', l2: 0.00034, l1: 0 });
    const notice = notices.items.at(-1)!;
    expect(notice.title).toBe("Trial 2's network 64-32-3 is now in Build");
    expect(notice.detail, 'a trial that read the numbers in pieces says a new run reads them as the recipe does').toContain('piecewise-linear');
  });

  it('checks a new run on K folds when the form asks for it, and keeps the result by run', async () => {
    const { api, training } = setup();
    const validations = new CrossValidationState({ kind: 'web', mac: false, api: api as unknown as LayerlabApi } as Platform, new Notices());
    training.crossValidation = validations;
    await training.sync();
    training.setForm({ folds: 5 });
    await training.train();
    await vi.waitFor(() => expect(api.startCrossValidation).toHaveBeenCalled());
    expect(api.startCrossValidation.mock.calls[0]![0]).toMatchObject({ datasetId: 'd1', folds: 5, runId: 'run-1' });
    validations.onEvent({ type: 'crossValidationProgress', summary: { validationId: 'cv-1', runId: 'run-1', folds: 5, status: 'done', rows: 120, metrics: { accuracy: { mean: 0.9, std: 0.02 } }, error: null } });
    expect(validations.of('run-1')?.metrics?.accuracy).toEqual({ mean: 0.9, std: 0.02 });
  });
});
