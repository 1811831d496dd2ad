/** The Clean step's calls over the real services, on the bundled samples and the shared datasets. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepare } from '../../../engine/prep/index.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import type { AppEvent } from '../../../main/api/contract.ts';
import { createDispatch, trustOrigin, type CallContext, type Dispatch } from '../../../main/api/handle.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { classesCsv, yearLastCsv } from '../../fixtures/newcomer-tables.ts';
import { failure } from './api-test-kit.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const ORIGIN = 'app://layerlab';
const sender = { authenticated: true, origin: ORIGIN, topFrame: true };
const context: CallContext = { sender };

let services: Services;
let settingsDir: string;
let handlers: ReturnType<typeof createHandlers>;
let dispatch: Dispatch;

beforeEach(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'layerlab-recipe-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir,
    acceptUploads: true,
  });
  handlers = createHandlers(services);
  dispatch = createDispatch(handlers, trustOrigin(ORIGIN), () => {});
});

afterEach(async () => {
  await closeServices(services);
  await rm(settingsDir, { recursive: true, force: true });
});

async function openSample(sampleId: string): Promise<string> {
  return (await handlers.openDataset({ operationId: `open-${sampleId}`, source: { kind: 'sample', sampleId } }, context)).datasetId;
}

async function openShared(file: string): Promise<string> {
  return (await handlers.openDataset({ operationId: 'open-shared', source: { kind: 'path', path: join(DATASETS, file) } }, context)).datasetId;
}

async function suggested(datasetId: string, target: string): Promise<Recipe> {
  return (await handlers.suggestRecipe({ datasetId, target }, context)).recipe;
}

describe('payloads the gate refuses before a handler runs', () => {
  it.each([
    ['profileDataset', { datasetId: '../etc' }],
    ['profileDataset', { datasetId: 'x', extra: 1 }],
    ['setColumnType', { datasetId: 'x', column: 'Age', type: 'float' }],
    ['setColumnType', { datasetId: 'x', column: '', type: 'numeric' }],
    ['suggestRecipe', { datasetId: 'x', target: 'Survived', task: 'clustering' }],
    ['previewRecipe', { datasetId: 'x', recipe: { version: 1 } }],
    ['previewRecipe', { datasetId: 'x', recipe: null }],
    ['saveCleanedCsv', { datasetId: 'x', recipe: 'not a recipe', destination: { kind: 'download' } }],
  ])('%s refuses %j', async (name, payload) => {
    const envelope = await dispatch(name, payload, sender);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('names the recipe field that is wrong, and refuses split fractions that do not add up to 1', async () => {
    const datasetId = await openSample('titanic');
    const recipe = await suggested(datasetId, 'Survived');
    const badStrategy = { ...recipe, steps: recipe.steps.map((s) => (s.kind === 'impute' ? { ...s, params: { ...s.params, strategy: 'avg' } } : s)) };
    const strategy = await dispatch('previewRecipe', { datasetId, recipe: badStrategy }, sender);
    expect(strategy).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!strategy.ok && strategy.error.message).toContain('steps[1].params.strategy');
    const badSplit = await dispatch('previewRecipe', { datasetId, recipe: { ...recipe, split: { ...recipe.split, test: 0.3 } } }, sender);
    expect(!badSplit.ok && badSplit.error.message).toMatch(/adding up to 1/);
  });

  it('refuses a recipe with absurdly many steps without reading them', async () => {
    const steps = Array.from({ length: 501 }, (_, i) => ({ id: `s${i}`, kind: 'scale', params: { columns: ['Age'], method: 'standard' } }));
    const envelope = await dispatch('previewRecipe', { datasetId: 'x', recipe: { version: 1, target: { column: 'Survived' }, split: {}, steps } }, sender);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses a destination that is neither a path nor a download', async () => {
    const datasetId = await openSample('titanic');
    const envelope = await dispatch('saveCleanedCsv', { datasetId, recipe: await suggested(datasetId, 'Survived'), destination: { kind: 'email' } }, sender);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('profileDataset', () => {
  it('gives every column of titanic its statistics, a histogram for numbers and top values for categories', async () => {
    const datasetId = await openSample('titanic');
    const profile = await handlers.profileDataset({ datasetId }, context);
    expect(profile.rows).toBe(891);
    expect(profile.duplicateRows).toBe(0);
    const age = profile.columns.find((c) => c.name === 'Age')!;
    // pandas: titanic.Age.describe() → count 714, mean 29.699118, min 0.42, 50% 28, max 80.
    expect(age).toMatchObject({ type: 'numeric', count: 714, missing: 177, min: 0.42, median: 28, max: 80 });
    expect(age.mean).toBeCloseTo(29.699118, 5);
    expect(age.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(714);
    const embarked = profile.columns.find((c) => c.name === 'Embarked')!;
    expect(embarked.top).toEqual([
      { value: 'S', count: 644 },
      { value: 'C', count: 168 },
      { value: 'Q', count: 77 },
    ]);
  });

  it('says the dataset is no longer open, and what to do, for an unknown id', async () => {
    expect(await failure(handlers.profileDataset({ datasetId: 'gone' }, context))).toMatchObject({ code: 'dataset-closed', message: expect.stringMatching(/Open the file again/) });
  });
});

describe('setColumnType', () => {
  it('turns Pclass into a category: the summary, the profile and the next suggestion all see it', async () => {
    const datasetId = await openSample('titanic');
    const changed = await handlers.setColumnType({ datasetId, column: 'Pclass', type: 'categorical' }, context);
    expect(changed.summary.columns.find((c) => c.name === 'Pclass')).toMatchObject({ type: 'categorical', levels: 3 });
    expect(changed.profile).toMatchObject({ name: 'Pclass', storage: 'category', distinct: 3 });
    expect(changed.profile.top!.map((t) => t.value).sort()).toEqual(['1', '2', '3']);
    const profile = await handlers.profileDataset({ datasetId }, context);
    expect(profile.columns.find((c) => c.name === 'Pclass')!.type).toBe('categorical');
    const rows = await handlers.datasetRows({ datasetId, start: 0, count: 1 }, context);
    expect(rows.columns[2]).toEqual(['3']);
  });

  it('refuses a conversion that would invent values, naming the column, and leaves the column as it was', async () => {
    const datasetId = await openSample('titanic');
    const error = await failure(handlers.setColumnType({ datasetId, column: 'Fare', type: 'integer' }, context));
    expect(error.message).toContain('Fare');
    const profile = await handlers.profileDataset({ datasetId }, context);
    expect(profile.columns.find((c) => c.name === 'Fare')!.type).toBe('numeric');
  });

  it('refuses a column the dataset does not have', async () => {
    const datasetId = await openSample('titanic');
    expect(await failure(handlers.setColumnType({ datasetId, column: 'Deck', type: 'numeric' }, context))).toMatchObject({ code: 'unknown-column', message: expect.stringContaining('"Deck"') });
  });
});

describe('setColumnTypes and the suggested types', () => {
  async function openDisease(): Promise<string> {
    const path = join(settingsDir, 'disease19.csv');
    await writeFile(path, classesCsv(19));
    return (await handlers.openDataset({ operationId: 'open-disease', source: { kind: 'path', path } }, context)).datasetId;
  }

  it('suggests the quoted numeric codes of a soybean-like table as categories, with the reason, and not the target', async () => {
    const datasetId = await openDisease();
    const { typeSuggestions } = await handlers.profileDataset({ datasetId }, context);
    expect(typeSuggestions.map((t) => t.column)).toEqual(['date', 'plant.stand', 'precip', 'temp', 'hail', 'crop.hist', 'area.dam', 'sever', 'seed.tmt', 'germ', 'leaves', 'stem', 'roots']);
    expect(typeSuggestions[0]).toEqual({ column: 'date', type: 'categorical', reason: 'written in quotes ("0", "1", "2") with 3 different values: codes for categories, not amounts' });
    expect((await handlers.profileDataset({ datasetId: await openSample('titanic') }, context)).typeSuggestions, 'titanic quotes only its text').toEqual([]);
  });

  it('changes every named column at once, and the suggestion is then taken', async () => {
    const datasetId = await openDisease();
    const { typeSuggestions } = await handlers.profileDataset({ datasetId }, context);
    const changed = await handlers.setColumnTypes({ datasetId, changes: typeSuggestions.map(({ column, type }) => ({ column, type })) }, context);
    expect(changed.summary.columns.filter((c) => c.type === 'categorical')).toHaveLength(14);
    expect(changed.columns.map((c) => c.profile.storage)).toEqual(typeSuggestions.map(() => 'category'));
    expect((await handlers.profileDataset({ datasetId }, context)).typeSuggestions).toEqual([]);
    const recipe = await suggested(datasetId, 'Class');
    expect(recipe.steps.filter((s) => s.kind === 'encode')).toHaveLength(13);
  });

  it('changes none when one is refused, naming it', async () => {
    const datasetId = await openSample('titanic');
    const error = await failure(handlers.setColumnTypes({ datasetId, changes: [{ column: 'SibSp', type: 'categorical' }, { column: 'Fare', type: 'integer' }] }, context));
    expect(error.message).toContain('Fare');
    expect((await handlers.profileDataset({ datasetId }, context)).columns.find((c) => c.name === 'SibSp')!.type).toBe('integer');
  });
});

describe('setMissingMarkers', () => {
  it('reads the zeros of diabetes Insulin as missing, then changes its mind and gives the column back', async () => {
    const datasetId = await openShared('diabetes.csv');
    const marked = await handlers.setMissingMarkers({ datasetId, column: 'Insulin', markers: ['0'] }, context);
    expect(marked.profile).toMatchObject({ missing: 374, reason: expect.stringContaining('374 zeros read as missing') });
    expect(marked.summary.columns.find((c) => c.name === 'Insulin')!.missing).toBe(374);
    const recipe = await suggested(datasetId, 'Outcome');
    expect(recipe.steps.find((s) => s.kind === 'impute')!.params).toMatchObject({ columns: ['Insulin'] });

    const other = await handlers.setMissingMarkers({ datasetId, column: 'Insulin', markers: ['0', '846'] }, context);
    expect(other.profile.missing, 'markers replace the earlier ones, on the column as loaded').toBe(375);
    const restored = await handlers.setMissingMarkers({ datasetId, column: 'Insulin', markers: [] }, context);
    expect(restored.profile.missing).toBe(0);
    expect(restored.profile.reason).not.toContain('missing');
  });

  it('refuses more markers than a person types, and a column the dataset lacks', async () => {
    const datasetId = await openSample('titanic');
    const tooMany = await dispatch('setMissingMarkers', { datasetId, column: 'Age', markers: Array.from({ length: 21 }, (_, i) => String(i)) }, sender);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await failure(handlers.setMissingMarkers({ datasetId, column: 'Deck', markers: ['0'] }, context))).toMatchObject({ code: 'unknown-column' });
  });
});

describe('suggestTarget', () => {
  it('suggests the label of a table whose last column is a year, and the default recipe predicts the same', async () => {
    const path = join(settingsDir, 'birds.csv');
    await writeFile(path, yearLastCsv());
    const datasetId = (await handlers.openDataset({ operationId: 'open-birds', source: { kind: 'path', path } }, context)).datasetId;
    const suggestion = await handlers.suggestTarget({ datasetId }, context);
    expect(suggestion.suggested?.column).toBe('species');
    expect(suggestion.unlikely.map((c) => c.column)).toEqual(['year']);
    expect((await handlers.suggestRecipe({ datasetId }, context)).recipe.target.column).toBe('species');
  });

  it("puts a sample's documented target first, saying so", async () => {
    const suggestion = await handlers.suggestTarget({ datasetId: await openSample('housing') }, context);
    expect(suggestion.suggested).toMatchObject({ column: 'median_house_value', task: 'regression' });
    expect(suggestion.suggested!.reason).toMatch(/this sample is meant to predict/);
  });
});

describe('suggestRecipe', () => {
  it('detects the task and classes of each sample target', async () => {
    const titanic = await handlers.suggestRecipe({ datasetId: await openSample('titanic'), target: 'Survived' }, context);
    expect(titanic).toMatchObject({ detectedTask: 'binary', classLabels: ['0', '1'], recipe: { target: { column: 'Survived', task: 'binary' } } });
    const iris = await handlers.suggestRecipe({ datasetId: await openSample('iris'), target: 'species' }, context);
    expect(iris).toMatchObject({ detectedTask: 'multiclass', classLabels: ['setosa', 'versicolor', 'virginica'] });
    const housing = await handlers.suggestRecipe({ datasetId: await openSample('housing'), target: 'median_house_value' }, context);
    expect(housing).toMatchObject({ detectedTask: 'regression', classLabels: [], recipe: { split: { stratify: false } } });
  });

  it("without a target, predicts the sample's documented target, else the last column the engine accepts", async () => {
    const titanic = await handlers.suggestRecipe({ datasetId: await openSample('titanic') }, context);
    expect(titanic).toMatchObject({ detectedTask: 'binary', classLabels: ['0', '1'], recipe: { target: { column: 'Survived' } } });
    const wine = await handlers.suggestRecipe({ datasetId: await openShared('winequality-red.csv') }, context);
    expect(wine.recipe.target.column).toBe('quality');
  });

  it('keeps the detected task beside an override', async () => {
    const datasetId = await openShared('winequality-red.csv');
    const asNumber = await handlers.suggestRecipe({ datasetId, target: 'quality', task: 'regression' }, context);
    expect(asNumber).toMatchObject({ detectedTask: 'multiclass', recipe: { target: { task: 'regression' } } });
  });

  it('refuses a target with one class and a text target for regression, naming the column and what to do', async () => {
    const datasetId = await openSample('titanic');
    const text = await failure(handlers.suggestRecipe({ datasetId, target: 'Sex', task: 'regression' }, context));
    expect(text).toMatchObject({ code: 'target-not-numeric', message: expect.stringMatching(/"Sex".*Predict it as classes/) });
    // Keeping only the survivors leaves one class: the preview says so, naming the column.
    const recipe = await suggested(datasetId, 'Survived');
    const survivors: Recipe = { ...recipe, steps: [{ id: 'survivors', kind: 'filter-rows', params: { column: 'Survived', rule: 'equals', values: [1], action: 'keep' } }, ...recipe.steps] };
    const oneClass = await handlers.previewRecipe({ datasetId, recipe: survivors }, context);
    expect(oneClass).toMatchObject({ ok: false, code: 'target-one-class', message: expect.stringMatching(/"Survived" has a single value \("1"\).*Choose another target/) });
  });
});

describe('previewRecipe', () => {
  it('reports what each step of the titanic suggestion did, with rows and columns after it', async () => {
    const datasetId = await openSample('titanic');
    const recipe = await suggested(datasetId, 'Survived');
    const preview = await handlers.previewRecipe({ datasetId, recipe, rows: 5 }, context);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview).toMatchObject({ rowsBefore: 891, columnsBefore: 12, rows: { train: 623, validation: 134, test: 134 }, task: 'binary', classLabels: ['0', '1'] });
    const byStep = Object.fromEntries(preview.stages.map((s) => [s.report.stepId, s]));
    expect(byStep['impute-median-flag']!.report.summary).toBe('imputed 177 cells, added 1 column, learned from 623 training rows');
    expect(byStep['drop-columns']).toMatchObject({ rowsAfter: 891, columnsAfter: 8 });
    expect(preview.stages.at(-1)!.columnsAfter, 'the features plus the target').toBe(preview.features.length + 1);
    expect(preview.preview.dataRows).toEqual([1, 2, 3, 4, 5]);
    expect(preview.preview.x[0]).toHaveLength(preview.features.length);
    // Row 1 (Braund, male, 3rd class, did not survive): one-hot Pclass=3 and the binary Sex code.
    const first = Object.fromEntries(preview.features.map((f, i) => [f, preview.preview.x[0]![i]]));
    expect(first).toMatchObject({ 'Pclass=1': 0, 'Pclass=3': 1, 'Age (was missing)': 0 });
    expect(preview.preview.y[0]).toBe(0);
    // The preview's matrix is prepare's own: the same recipe gives the same numbers.
    const prepared = prepare(services.datasets.get(datasetId).table, recipe);
    const trainPosition = Array.from(prepared.train.rowIndex).indexOf(0);
    if (trainPosition >= 0) expect(preview.preview.x[0]).toEqual(Array.from(prepared.train.x.subarray(trainPosition * preview.features.length, (trainPosition + 1) * preview.features.length)));
  });

  it('gives the bounds an outlier step learned, to draw on the histogram', async () => {
    const datasetId = await openSample('titanic');
    const recipe = await suggested(datasetId, 'Survived');
    const withOutliers: Recipe = { ...recipe, steps: [{ id: 'fare-outliers', kind: 'outliers', params: { columns: ['Fare'], method: 'iqr', action: 'clip' } }, ...recipe.steps] };
    const preview = await handlers.previewRecipe({ datasetId, recipe: withOutliers }, context);
    if (!preview.ok) throw new Error(preview.message);
    const state = preview.states['fare-outliers'] as { bounds: { column: string; low: number; high: number }[] };
    expect(state.bounds[0]!.column).toBe('Fare');
    expect(state.bounds[0]!.high).toBeGreaterThan(state.bounds[0]!.low);
    expect(preview.stages.find((s) => s.report.stepId === 'fare-outliers')!.report.summary).toMatch(/^clipped \d+ cells/);
  });

  it('names the failing step when a step cannot run, and explains what is missing when the recipe stops short', async () => {
    const datasetId = await openSample('titanic');
    const recipe = await suggested(datasetId, 'Survived');
    const textScaled: Recipe = { ...recipe, steps: [...recipe.steps, { id: 'scale-names', kind: 'scale', params: { columns: ['Name'], method: 'standard' } }] };
    const failed = await handlers.previewRecipe({ datasetId, recipe: textScaled }, context);
    expect(failed).toMatchObject({ ok: false, stepId: 'scale-names', message: expect.stringContaining('Name') });
    const noImpute: Recipe = { ...recipe, steps: recipe.steps.filter((s) => s.id !== 'impute-median-flag') };
    const gaps = await handlers.previewRecipe({ datasetId, recipe: noImpute }, context);
    expect(gaps).toMatchObject({ ok: false, code: 'missing-values-left', stepId: null, message: expect.stringMatching(/"Age".*Add a missing-values step/) });
  });

  it('prepares the 100,000-row diabetes130 file', async () => {
    const datasetId = await openShared('diabetes130_readmission.csv');
    const recipe = await suggested(datasetId, 'readmitted');
    const preview = await handlers.previewRecipe({ datasetId, recipe, rows: 3 }, context);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows.train + preview.rows.validation + preview.rows.test).toBe(101766);
    expect(preview.preview.x).toHaveLength(3);
  });
});

describe('previews in the engine pool: progress, the newest edit wins, incremental', () => {
  type Progress = Extract<AppEvent, { type: 'previewProgress' }>;
  const progressOf = (operationId: string) => (events: AppEvent[]) => events.filter((e): e is Progress => e.type === 'previewProgress' && e.operationId === operationId);

  /** The recipe with its last step (scaling) switched to another method: only that step changes. */
  function lastStepEdited(recipe: Recipe): Recipe {
    const last = recipe.steps.at(-1)!;
    if (last.kind !== 'scale') throw new Error(`expected the suggestion to end with scaling, not ${last.kind}`);
    return { ...recipe, steps: [...recipe.steps.slice(0, -1), { ...last, params: { ...last.params, method: 'robust' } }] };
  }

  it('reports each stage as it starts; an edit of the last step runs that step alone', async () => {
    const events: AppEvent[] = [];
    services.events.subscribe((event) => events.push(event));
    const datasetId = await openShared('diabetes130_readmission.csv');
    const recipe = await suggested(datasetId, 'readmitted');
    expect((await handlers.previewRecipe({ datasetId, recipe, operationId: 'first' }, context)).ok).toBe(true);
    // Progress is throttled (the latest wins), but the first and the last stage always get through.
    const stages = progressOf('first')(events);
    const order = ['split', ...recipe.steps.map((s) => s.id)];
    expect(stages[0]).toMatchObject({ stepId: 'split', done: 0, total: order.length, datasetId });
    expect(stages.at(-1)).toMatchObject({ stepId: order.at(-1), done: order.length - 1 });
    expect(stages.map((e) => order.indexOf(e.stepId!)), 'in order, each once').toEqual(stages.map((e) => e.done));
    const edited = lastStepEdited(recipe);
    const preview = await handlers.previewRecipe({ datasetId, recipe: edited, operationId: 'late' }, context);
    expect(progressOf('late')(events).map((e) => e.stepId), 'only the edited step ran').toEqual([edited.steps.at(-1)!.id]);
    const fresh = await handlers.previewRecipe({ datasetId: await openShared('diabetes130_readmission.csv'), recipe: edited }, context);
    expect(preview, 'what a preview from scratch gives').toEqual(fresh);
  });

  it('a preview replaced by a newer edit of the same dataset stops and fails as superseded; the newer one answers', async () => {
    const events: AppEvent[] = [];
    const started = new Promise<void>((resolve) => services.events.subscribe((event) => (events.push(event), event.type === 'previewProgress' && event.operationId === 'old' && resolve())));
    const datasetId = await openShared('diabetes130_readmission.csv');
    const recipe = await suggested(datasetId, 'readmitted');
    const old = handlers.previewRecipe({ datasetId, recipe, operationId: 'old' }, context);
    await started;
    const newer = handlers.previewRecipe({ datasetId, recipe: lastStepEdited(recipe), operationId: 'new' }, context);
    expect(await failure(old)).toEqual({ code: 'superseded', message: 'A newer edit of the recipe replaced this preview.' });
    expect(progressOf('old')(events).length, 'stopped before its last step').toBeLessThan(recipe.steps.length + 1);
    expect(await newer).toMatchObject({ ok: true });
    const ran = progressOf('new')(events);
    expect(ran[0]!.stepId, 'the newer preview starts after the stages the stopped one finished').not.toBe('split');
  });

  it('cancel stops a preview between steps', async () => {
    const started = new Promise<void>((resolve) => services.events.subscribe((event) => event.type === 'previewProgress' && resolve()));
    const datasetId = await openShared('diabetes130_readmission.csv');
    const preview = handlers.previewRecipe({ datasetId, recipe: await suggested(datasetId, 'readmitted'), operationId: 'stop-me' }, context);
    await started;
    expect(await handlers.cancel({ operationId: 'stop-me' }, context)).toEqual({ cancelled: true });
    expect((await failure(preview)).code).toBe('cancelled');
  });
});

describe('saveCleanedCsv', () => {
  it('writes the cleaned titanic rows where the save dialog said: a header of features and target, one line per row', async () => {
    const datasetId = await openSample('titanic');
    const recipe = await suggested(datasetId, 'Survived');
    const path = join(settingsDir, 'chosen name.csv');
    const saved = await handlers.saveCleanedCsv({ datasetId, recipe, destination: { kind: 'path', path } }, context);
    const text = await readFile(path, 'utf8');
    expect(saved).toEqual({ rows: 891, files: [{ name: 'chosen name.csv', path, downloadId: null, bytes: Buffer.byteLength(text) }] });
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(892);
    expect(lines[0]!.split(',')).toContain('Age (was missing)');
    expect(lines[0]!.endsWith(',Survived')).toBe(true);
    expect(lines[1]!.endsWith(',0')).toBe(true);
  });

  it('offers it as a download in the web host, under the dataset name, with the rows a recipe keeps', async () => {
    const datasetId = await openSample('titanic');
    const recipe = await suggested(datasetId, 'Survived');
    const withoutEmptyAge: Recipe = { ...recipe, steps: recipe.steps.map((s) => (s.id === 'impute-median-flag' ? { id: s.id, kind: 'impute', params: { columns: ['Age'], strategy: 'drop-rows' } } : s)) };
    const saved = await handlers.saveCleanedCsv({ datasetId, recipe: withoutEmptyAge, destination: { kind: 'download' } }, context);
    expect(saved).toMatchObject({ rows: 714, files: [{ name: 'titanic-cleaned.csv', path: null, downloadId: expect.any(String) }] });
    const download = await services.downloads!.take(saved.files[0]!.downloadId!);
    expect((await readFile(download.path, 'utf8')).trimEnd().split('\r\n')).toHaveLength(715);
  });
});
