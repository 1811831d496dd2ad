/**
 * RecipeState against the real handlers and services in this process (every call through the same gate and
 * JSON round trip as the web host): suggestion on open, edits, undo and redo, target, task, types.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { suggestRecipe, type Recipe } from '../../../../engine/prep/index.ts';
import type { RecipePreview } from '../../../../main/api/calls/recipe-calls.ts';
import { callNames, type LayerlabApi } from '../../../../main/api/contract.ts';
import { createDispatch, trustOrigin } from '../../../../main/api/handle.ts';
import { anyPath } from '../../../main/api/api-test-kit.ts';
import { createHandlers, type Services } from '../../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../../main/services/create-services.ts';
import { unwrap } from '../../../../renderer/src/lib/platform/api-error.ts';
import { desktopPlatform, type Platform } from '../../../../renderer/src/lib/platform/platform.ts';
import { setLogTransform } from '../../../../renderer/src/lib/recipe/column-edits.ts';
import { setImpute } from '../../../../renderer/src/lib/recipe/edits.ts';
import { DatasetState } from '../../../../renderer/src/lib/state/dataset.svelte.ts';
import { Notices } from '../../../../renderer/src/lib/state/notices.svelte.ts';
import { RecipeState } from '../../../../renderer/src/lib/state/recipe.svelte.ts';
import { TypeSelection } from '../../../../renderer/src/lib/state/type-selection.svelte.ts';
import { classesCsv, yearLastCsv } from '../../../fixtures/newcomer-tables.ts';

const ORIGIN = 'app://layerlab';

let services: Services;
let settingsDir: string;
let notices: Notices;
let dataset: DatasetState;
let state: RecipeState;

function inProcessPlatform(): Platform {
  const dispatch = createDispatch(createHandlers(services), trustOrigin(ORIGIN), (error) => console.error(error), anyPath);
  const sender = { authenticated: true, origin: ORIGIN, topFrame: true };
  const methods = Object.fromEntries(
    callNames.map((name) => [name, async (request?: unknown) => unwrap(JSON.parse(JSON.stringify(await dispatch(name, JSON.parse(JSON.stringify(request ?? {})), sender))))]),
  );
  const api = { ...methods, subscribe: () => () => {} } as unknown as LayerlabApi;
  return desktopPlatform(api, { mac: false, pathForFile: () => '' });
}

beforeEach(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'layerlab-recipe-state-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'electron', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: false,
  });
  const platform = inProcessPlatform();
  notices = new Notices();
  dataset = new DatasetState(platform, notices);
  state = new RecipeState(platform, dataset, notices);
});

afterEach(async () => {
  dataset.table?.close();
  await closeServices(services);
  await rm(settingsDir, { recursive: true, force: true });
});

/** The engine's own suggestion for titanic, made without asking the state. */
function recipeFromSuggestion(): Recipe {
  return suggestRecipe(services.datasets.get(dataset.summary!.datasetId).table, { target: 'Survived' });
}

/**
 * Waits until the preview of the current recipe has arrived: an open, a profile, a suggestion and a preview in
 * the engine pool's threads, the first of which start with the first call (vi.waitFor's default second is less
 * than a cold start on a loaded machine).
 */
async function settled(): Promise<Extract<RecipePreview, { ok: true }>> {
  await vi.waitFor(
    () => {
      expect(state.suggesting).toBe(false);
      expect(state.recipe).not.toBeNull();
      expect(state.previewing).toBe(false);
    },
    { timeout: 10_000 },
  );
  const preview = state.preview!;
  if (!preview.ok) throw new Error(preview.message);
  return preview;
}

async function open(sampleId: string, name: string): Promise<void> {
  await dataset.openSample(sampleId, name);
  await settled();
}

describe('when a dataset opens', () => {
  it('suggests the recipe for the sample target, with the profile and a preview, and no history', async () => {
    await open('titanic', 'titanic.csv');
    expect(state.recipe!.target).toEqual({ column: 'Survived', task: 'binary', positiveLabel: '1' });
    expect(state.target).toEqual({ detectedTask: 'binary', classLabels: ['0', '1'] });
    expect(state.column('Age')).toMatchObject({ missing: 177, median: 28 });
    expect(state.preview).toMatchObject({ ok: true, rows: { train: 623, validation: 134, test: 134 } });
    expect([state.canUndo, state.canRedo]).toEqual([false, false]);
  });

  it('asks what to predict for a file that is not a sample: no recipe until the user confirms a target', async () => {
    const path = join(settingsDir, 'birds.csv');
    await writeFile(path, yearLastCsv());
    await dataset.open({ name: 'birds.csv', uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) });
    await vi.waitFor(() => expect(state.awaitingTarget).toBe(true));
    expect(state.targetSuggestion?.suggested?.column).toBe('species');
    expect(state.recipe, 'the last column (a year) is never taken silently').toBeNull();
    await state.confirmTarget('sex');
    await settled();
    expect(state.awaitingTarget).toBe(false);
    expect(state.recipe!.target).toMatchObject({ column: 'sex', task: 'binary' });
    expect(state.canUndo, 'the first recipe starts the history').toBe(false);
  });

  it('starts over for the next dataset: a new recipe and an empty history', async () => {
    await open('titanic', 'titanic.csv');
    state.apply((r) => setImpute(r, 'Age', 'mean'));
    await open('housing', 'housing.csv');
    expect(state.recipe!.target).toMatchObject({ column: 'median_house_value', task: 'regression' });
    expect(state.canUndo).toBe(false);
  });
});

describe('a recipe brought back with the dataset (a project)', () => {
  it('takes the place of the suggestion when it arrives while the suggestion is on its way', async () => {
    await dataset.openSample('titanic', 'titanic.csv');
    expect(state.recipe, 'the suggestion is still on its way').toBeNull();
    const saved = setImpute(recipeFromSuggestion(), 'Age', 'mean');
    state.adopt(saved);
    await settled();
    expect(state.recipe).toBe(saved);
    expect(state.canUndo).toBe(false);
    expect(state.target).toEqual({ detectedTask: 'binary', classLabels: ['0', '1'] });
  });

  it('is an undoable change once the suggestion is there, and its target gets its facts', async () => {
    await open('titanic', 'titanic.csv');
    const suggested = state.recipe!;
    await state.chooseTarget('Pclass');
    const pclass = state.recipe!;
    state.undo();
    state.redo();
    expect(state.recipe).toBe(pclass);
    state.adopt(suggested);
    expect(state.recipe).toBe(suggested);
    expect(state.canUndo).toBe(true);
    await vi.waitFor(() => expect(state.target).toEqual({ detectedTask: 'binary', classLabels: ['0', '1'] }));
    await settled();
  });
});

describe('editing a step from the recipe list', () => {
  it("opens the step's wizard showing that step; a step that is not in the recipe changes nothing", async () => {
    await open('titanic', 'titanic.csv');
    expect(state.wizard).toBe('target');
    // pandas' Fare.skew() is 4.787 with its small-sample correction, × (n − 2) / √(n(n − 1)) = 4.7793.
    expect(state.profile!.skewness['Fare']).toBeCloseTo(4.7793, 4);
    expect(state.profile!.skewness).not.toHaveProperty('Sex');
    state.apply((r) => setLogTransform(r, 'Fare', true));
    state.edit('log-transform');
    expect([state.wizard, state.editing]).toEqual(['log', 'log-transform']);
    state.edit('impute-median-flag');
    expect([state.wizard, state.editing]).toEqual(['missing', 'impute-median-flag']);
    state.edit('no-such-step');
    expect([state.wizard, state.editing]).toEqual(['missing', 'impute-median-flag']);
  });
});

describe('undo and redo', () => {
  it('steps back and forth through edits, each with its own preview', async () => {
    await open('titanic', 'titanic.csv');
    const suggested = state.recipe!;
    state.apply((r) => setImpute(r, 'Age', 'mean'));
    const mean = await settled();
    expect(mean.stages.map((s) => s.report.stepId)).toContain('impute-Age');
    expect(state.canUndo).toBe(true);

    state.undo();
    expect(state.recipe).toBe(suggested);
    expect((await settled()).stages.map((s) => s.report.stepId)).toContain('impute-median-flag');
    expect([state.canUndo, state.canRedo]).toEqual([false, true]);

    state.redo();
    expect(state.recipe!.steps.some((s) => s.id === 'impute-Age')).toBe(true);
    await settled();
    expect([state.canUndo, state.canRedo]).toEqual([true, false]);
  });

  it('records nothing for an edit that changes nothing, and a new edit clears what could be redone', async () => {
    await open('titanic', 'titanic.csv');
    state.apply((r) => setImpute(r, 'Age', 'median'));
    expect(state.canUndo).toBe(false);
    state.apply((r) => setImpute(r, 'Age', 'mean'));
    state.undo();
    state.apply((r) => setImpute(r, 'Embarked', 'drop-rows'));
    expect(state.canRedo).toBe(false);
    await settled();
  });
});

it('newest edit wins: every edit is sent at once, main drops the ones a newer edit replaced, and only the newest answer shows', async () => {
  await open('titanic', 'titanic.csv');
  const previewed: string[] = [];
  const outcomes: string[] = [];
  const api = (state as unknown as { platform: Platform }).platform.api;
  const original = api.previewRecipe;
  (api as { previewRecipe: typeof original }).previewRecipe = (request) => {
    const impute = request.recipe.steps.find((s) => s.id === 'impute-Age')!;
    previewed.push(JSON.stringify(impute.params));
    const answer = original(request);
    answer.then(
      () => outcomes.push('answered'),
      (error: { code?: string }) => outcomes.push(error.code ?? 'failed'),
    );
    return answer;
  };
  state.apply((r) => setImpute(r, 'Age', 'mean'));
  state.apply((r) => setImpute(r, 'Age', 'most-frequent'));
  state.apply((r) => setImpute(r, 'Age', 'drop-rows'));
  const preview = await settled();
  expect(previewed, 'each edit, at once').toHaveLength(3);
  expect(preview.stages.find((s) => s.report.stepId === 'impute-Age')!.report.summary).toMatch(/^removed 177 rows/);
  await vi.waitFor(() => expect(outcomes).toHaveLength(3));
  expect(outcomes.at(-1)).toBe('answered');
  expect(outcomes.slice(0, 2).every((o) => o === 'answered' || o === 'superseded'), outcomes.join()).toBe(true);
});

describe('target, task and column types', () => {
  it('a new target gets its own suggested recipe; undo brings the old target back', async () => {
    await open('titanic', 'titanic.csv');
    await state.chooseTarget('Pclass');
    expect(state.recipe!.target).toMatchObject({ column: 'Pclass', task: 'multiclass' });
    expect(state.target!.classLabels).toEqual(['1', '2', '3']);
    expect((await settled()).task).toBe('multiclass');
    state.undo();
    expect(state.recipe!.target.column).toBe('Survived');
    expect(state.target!.classLabels).toEqual(['0', '1']);
  });

  it('a refused target leaves the recipe as it was and says why, naming the column', async () => {
    await open('titanic', 'titanic.csv');
    const before = state.recipe;
    await state.chooseTarget('Name', 'regression');
    expect(state.recipe).toBe(before);
    expect(notices.items.at(-1)).toMatchObject({ kind: 'error', title: expect.stringContaining('"Name"'), detail: expect.stringContaining('"Name"') });
  });

  it('overrides the detected task, keeping the detection to show beside it', async () => {
    await open('titanic', 'titanic.csv');
    state.chooseTask('regression');
    expect(state.recipe!.target).toEqual({ column: 'Survived', task: 'regression', scale: true });
    expect((await settled()).task).toBe('regression');
    expect(state.target!.detectedTask).toBe('binary');
    state.chooseTask('binary');
    expect(state.recipe!.target).toEqual({ column: 'Survived', task: 'binary', positiveLabel: '1' });
  });

  it('a column made categorical changes the dataset, its card and the recipe, which encodes it', async () => {
    await open('titanic', 'titanic.csv');
    state.apply((r) => setImpute(r, 'Age', 'mean'));
    expect(await state.columns.changeType('SibSp', 'categorical')).toBe(true);
    expect(dataset.summary!.columns.find((c) => c.name === 'SibSp')!.type).toBe('categorical');
    expect(state.column('SibSp')!.storage).toBe('category');
    expect(state.recipe!.steps.find((s) => s.kind === 'encode' && s.params.column === 'SibSp')).toBeDefined();
    expect((await settled()).features).toContain('SibSp=0');
    expect(notices.items.at(-1), 'the edit made before is one undo away').toMatchObject({ kind: 'info', title: expect.stringContaining('"SibSp"') });
    state.undo();
    expect(state.recipe!.steps.some((s) => s.id === 'impute-Age')).toBe(true);
  });

  it('zeros read as missing get a fill in the recipe suggested again; taking the marker back undoes it', async () => {
    const path = join(import.meta.dirname, '../../../../../shared/datasets/diabetes.csv');
    await dataset.open({ name: 'diabetes.csv', uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) });
    await vi.waitFor(() => expect(state.targetSuggestion?.suggested?.column).toBe('Outcome'));
    await state.confirmTarget('Outcome');
    await settled();
    expect(state.recipe!.steps.some((s) => s.kind === 'impute')).toBe(false);
    const skewed = state.profile!.skewness['Insulin']!;
    expect(await state.columns.setMissingMarkers('Insulin', ['0'])).toBe(true);
    expect(state.columns.markers).toEqual({ Insulin: ['0'] });
    // Without its 374 zeros the column's tail is shorter: the Log transform wizard's skewness follows.
    expect(state.profile!.skewness['Insulin']).toBeLessThan(skewed);
    expect(state.column('Insulin')!.missing).toBe(374);
    expect(dataset.summary!.columns.find((c) => c.name === 'Insulin')!.missing).toBe(374);
    const step = state.recipe!.steps.find((s) => s.kind === 'impute');
    expect(step?.params).toMatchObject({ columns: ['Insulin'], strategy: 'median', addIndicator: true });
    expect((await settled()).features).toContain('Insulin (was missing)');
    expect(await state.columns.setMissingMarkers('Insulin', [])).toBe(true);
    expect(state.column('Insulin')!.missing).toBe(0);
    expect(state.recipe!.steps.some((s) => s.kind === 'impute')).toBe(false);
  });

  it('a refused type change keeps the column and the recipe, with the reason', async () => {
    await open('titanic', 'titanic.csv');
    const before = state.recipe;
    expect(await state.columns.changeType('Fare', 'integer')).toBe(false);
    expect(state.recipe).toBe(before);
    expect(notices.items.at(-1)).toMatchObject({ kind: 'error', title: expect.stringContaining('"Fare"') });
  });
});

describe('several column types at once', () => {
  async function openDisease(): Promise<void> {
    const path = join(settingsDir, 'disease19.csv');
    await writeFile(path, classesCsv(19));
    await dataset.open({ name: 'disease19.csv', uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) });
    await vi.waitFor(() => expect(state.awaitingTarget).toBe(true));
  }

  it('takes the suggested categories of quoted codes in one change, before the target is even chosen', async () => {
    await openDisease();
    expect(state.profile!.typeSuggestions).toHaveLength(13);
    const selection = new TypeSelection(state);
    await selection.takeSuggestions();
    expect(dataset.summary!.columns.filter((c) => c.type === 'categorical').map((c) => c.name)).toHaveLength(14);
    expect(state.profile!.typeSuggestions).toEqual([]);
    expect(state.targetSuggestion?.suggested?.column).toBe('Class');
  });

  it('ticks every column with at most N values (not the target) and sets their type in one change, with one undo', async () => {
    await openDisease();
    await state.confirmTarget('Class');
    await settled();
    const selection = new TypeSelection(state);
    selection.maxValues = 4;
    selection.selectFewValues();
    expect([...selection.selected]).toEqual(['date', 'plant.stand', 'hail', 'crop.hist', 'seed.tmt', 'germ', 'roots']);
    selection.type = 'categorical';
    await selection.apply();
    await settled();
    expect(selection.selected.size).toBe(0);
    expect(state.recipe!.steps.filter((s) => s.kind === 'encode').map((s) => (s.params as { column: string }).column)).toEqual(['date', 'plant.stand', 'hail', 'crop.hist', 'seed.tmt', 'germ', 'roots']);
    state.undo();
    expect(state.recipe!.steps.some((s) => s.kind === 'encode'), 'one undo brings back the recipe of before').toBe(false);
  });
});
