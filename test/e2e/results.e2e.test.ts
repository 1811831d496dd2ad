/**
 * The Evaluate and Predict & export steps in Chromium through the web host. Models are trained through the
 * app's own calls (the Train step's startTraining), then everything else goes through the screens: confusion
 * matrix, a cell's rows, the threshold slider, ROC, regression plots, the prediction form with an out-of-range
 * warning, a predicted file saved as CSV, exports downloaded, a model file opened back and predicting the same,
 * a project saved and reopened, and a bad model file's message.
 */
import { readFile, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultTrainingSettings, denseStack } from '../../engine/pipeline/training-settings.ts';
import type { ModelSummary } from '../../main/api/calls/results-calls.ts';
import type { RunSummary } from '../../main/api/calls/training-calls.ts';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';
import { goTo } from './app-steps.ts';

const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');

let host: RunningHost;
let app: Session;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-results-e2e-'));
  host = await startWebHost(await builtRenderer());
  app = await openApp(host, 'results');
});

afterAll(async () => {
  await app?.close();
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(app.takeErrors(), 'console or page errors').toEqual([]);
});

/** One contract call over HTTP, as the page makes it. */
function call<T>(name: string, payload: unknown): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const body = JSON.stringify(payload);
    const req = request(`${host.origin}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-layerlab-token': host.token } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const envelope = JSON.parse(Buffer.concat(chunks).toString()) as { ok: boolean; value?: T; error?: { message: string } };
        if (envelope.ok) resolvePromise(envelope.value as T);
        else reject(new Error(`${name}: ${envelope.error?.message}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Trains a model on a sample through the Train step's calls; resolves with its model id once it is registered. */
/** A test that trains waits as long as trainSample's own deadline allows, and a little more. */
const TRAINS = 180_000;

async function trainSample(sampleId: string, hidden: number[], epochs: number, label: string): Promise<string> {
  const dataset = await call<{ datasetId: string }>('openDataset', { operationId: `seed-${sampleId}-${label.replace(/\W/g, '')}`, source: { kind: 'sample', sampleId } });
  const { recipe } = await call<{ recipe: unknown }>('suggestRecipe', { datasetId: dataset.datasetId });
  const settings = defaultTrainingSettings({ epochs, earlyStopping: false, reduceLrOnPlateau: false, seed: 1 });
  const run = await call<RunSummary>('startTraining', { datasetId: dataset.datasetId, recipe, design: { hidden: denseStack(hidden) }, settings, label });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const runs = await call<RunSummary[]>('listRuns', {});
    const current = runs.find((r) => r.runId === run.runId)!;
    if (current.error) throw new Error(current.error.message);
    if (current.modelId) return current.modelId;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${label} did not finish`);
}

async function matrix(): Promise<number[][]> {
  const cells = await app.page.locator('.cell[data-cell]').evaluateAll((buttons) => buttons.map((b) => [b.getAttribute('data-cell')!, b.querySelector('.count')!.textContent!] as const));
  const size = Math.sqrt(cells.length);
  const out = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const [at, count] of cells) {
    const [a, p] = at.split('-').map(Number);
    out[a!]![p!] = Number(count.replaceAll(',', ''));
  }
  return out;
}

async function download(action: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([app.page.waitForEvent('download'), action()]);
  return file;
}

async function chooseFile(action: () => Promise<void>, path: string): Promise<void> {
  const [chooser] = await Promise.all([app.page.waitForEvent('filechooser'), action()]);
  await chooser.setFiles(path);
}

let churnRun: string;

describe('Evaluate', () => {
  it('says what to do before any model exists', async () => {
    await goTo(app, 'Evaluate');
    await app.page.waitForSelector('h1:has-text("No trained model yet")');
    await app.shot('evaluate-empty');
  });

  it('shows a churn 6-6-1 run: metrics, confusion matrix over every test row, ROC', async () => {
    const { page } = app;
    await goTo(app, 'Data');
    await page.locator('[data-sample="churn"]').click();
    await page.waitForSelector('.dataset h1:has-text("Churn_Modelling.csv")');
    churnRun = await trainSample('churn', [6, 6], 20, 'Churn 6-6-1');
    await goTo(app, 'Evaluate');
    await page.waitForSelector('.cell[data-cell="0-0"]');
    const counts = await matrix();
    const models = await call<ModelSummary[]>('listModels', {});
    const testRows = models.find((m) => m.modelId === churnRun)!.test!.rows;
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(testRows);
    const accuracy = Number((await page.locator('[data-metric="Accuracy"]').textContent())!.replace('%', '')) / 100;
    expect(accuracy).toBeCloseTo((counts[0]![0]! + counts[1]![1]!) / testRows, 3);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
    expect(await page.locator('[role="img"][aria-label^="ROC curve, AUC 0."]').count()).toBe(1);
    await app.shot('evaluate-churn');
  }, TRAINS);

  it('lists the rows behind a cell, each truly of that class', async () => {
    const { page } = app;
    const missed = (await matrix())[1]![0]!;
    await page.locator('.cell[data-cell="1-0"]').click();
    await page.waitForSelector('section[aria-label^="True \\"1\\", predicted \\"0\\""] table');
    expect(await page.locator('section.rows .count').textContent()).toMatch(new RegExp(`^${missed.toLocaleString('en-US')} rows`));
    const headers = await page.locator('section.rows thead th').allTextContents();
    const exited = headers.indexOf('Exited');
    const values = await page.locator(`section.rows tbody td:nth-child(${exited + 1})`).allTextContents();
    expect(values.length).toBe(Math.min(missed, 100));
    expect(new Set(values)).toEqual(new Set(['1']));
    await app.shot('evaluate-cell-rows');
  });

  it('moves the decision threshold: a lower one predicts more churners', async () => {
    const { page } = app;
    const before = await matrix();
    await page.locator('input[aria-label="Decision threshold"]').fill('0.3');
    await page.waitForSelector('[data-threshold]:has-text("0.30")');
    await expect.poll(async () => (await matrix())[0]![1]! + (await matrix())[1]![1]!).toBeGreaterThan(before[0]![1]! + before[1]![1]!);
    const after = await matrix();
    expect(after.flat().reduce((a, b) => a + b, 0), 'same rows').toBe(before.flat().reduce((a, b) => a + b, 0));
    await app.shot('evaluate-threshold-0.30');
  });
});

describe('Predict & export', () => {
  /**
   * Submits the form and waits for its own answer: an answer from an earlier Predict stays shown (aria-busy) until
   * the new reply arrives, so waiting for any [data-prediction] could read the previous row's answer.
   */
  async function predictForm(): Promise<void> {
    await app.page.locator('form.form button[type="submit"]').click();
    await app.page.waitForSelector('.answer[aria-busy="false"] [data-prediction]');
  }

  it('predicts a typed row and warns about a value outside the training range', async () => {
    const { page } = app;
    await goTo(app, 'Predict & export');
    await page.waitForSelector('[data-input="Age"] input');
    await page.locator('[data-input="Age"] input').fill('150');
    expect(await page.locator('[data-input="Age"] .range').textContent()).toMatch(/^Outside the training range 18 – 9\d$/);
    await predictForm();
    expect(['0', '1']).toContain(await page.locator('[data-prediction]').textContent());
    expect(await page.locator('[data-input="Age"] [role="alert"]').textContent()).toMatch(/150 is outside the training range of "Age"/);
    await app.shot('predict-form-warning');
  });

  it('predicts a whole file with progress and saves the predictions as CSV', async () => {
    const { page } = app;
    await chooseFile(() => page.locator('button:has-text("Choose a file to predict")').click(), join(DATASETS, 'Churn_Modelling.csv'));
    await page.waitForSelector('[data-file-summary]');
    expect(await page.locator('[data-file-summary]').textContent()).toMatch(/Churn_Modelling\.csv: 10,000 of 10,000 rows predicted\./);
    await app.shot('predict-file');
    const saved = await download(() => page.locator('button:has-text("Save predictions as CSV")').click());
    expect(saved.suggestedFilename()).toBe('Churn_Modelling-predictions.csv');
    const lines = (await readFile((await saved.path())!, 'utf8')).trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(10_001);
    expect(lines[0]).toMatch(/,Exited,predicted_Exited,probability_0,probability_1,prediction_error,prediction_warning$/);
  });

  it('exports the model as JSON, opens it back and predicts the same', async () => {
    const { page } = app;
    await page.locator('[data-input="Age"] input').fill('44');
    await predictForm();
    const answer = await page.locator('.answer').textContent();
    const exported = await download(() => page.locator('[data-export="json"]').click());
    expect(exported.suggestedFilename()).toBe(`Churn_Modelling-${churnRun}.json`);
    const path = join(dir, exported.suggestedFilename());
    await exported.saveAs(path);
    const file = JSON.parse(await readFile(path, 'utf8')) as { format: string; decision: { threshold: number } };
    expect(file.format).toBe('layerlab-model');
    expect(file.decision.threshold, 'the slider threshold travels with the model').toBe(0.3);

    await chooseFile(() => page.locator('[data-action="open-model"]').click(), path);
    await app.noticeShown(`${exported.suggestedFilename()} is open`);
    expect(await page.locator('select[aria-label="Model to show"]').inputValue()).toBe('file-1');
    await page.waitForSelector('[data-input="Age"] input');
    await page.locator('[data-input="Age"] input').fill('44');
    await predictForm();
    expect(await page.locator('.answer').textContent()).toBe(answer);
    await app.shot('predict-file-model');
  });

  it('evaluates the opened model file on its held-out rows, since its data is open', async () => {
    const { page } = app;
    await goTo(app, 'Evaluate');
    await page.waitForSelector('.cell[data-cell="0-0"]');
    const fromFile = await matrix();
    expect(await page.locator('[data-evaluation-note]').allTextContents(), 'no "stored report" note').toEqual([]);
    expect(await page.locator('[data-threshold]').textContent(), 'the file keeps the threshold it was saved with').toBe('0.30');
    await page.locator('select[aria-label="Model to show"]').selectOption(churnRun);
    expect(await page.locator('select[aria-label="Model to show"] option:checked').textContent()).toMatch(/^Churn 6-6-1/);
    expect(await page.locator('input[aria-label="Decision threshold"]').inputValue(), 'the run keeps the threshold chosen for it earlier').toBe('0.3');
    await expect.poll(matrix).toEqual(fromFile);
  });

  it('exports a TF.js folder (two files), a Keras script and an ONNX graph', async () => {
    const { page } = app;
    await goTo(app, 'Predict & export');
    const tfjs: Download[] = [];
    page.on('download', (d) => tfjs.push(d));
    await page.locator('[data-export="tfjs"]').click();
    await expect.poll(() => tfjs.length).toBe(2);
    expect(tfjs.map((d) => d.suggestedFilename()).sort()).toEqual(['model.json', 'weights.bin']);
    page.removeAllListeners('download');
    const keras = await download(() => page.locator('[data-export="keras"]').click());
    expect(await readFile((await keras.path())!, 'utf8')).toMatch(/import keras/);
    const onnx = await download(() => page.locator('[data-export="onnx"]').click());
    expect(onnx.suggestedFilename()).toMatch(/\.onnx$/);
    // A ModelProto starts with its ir_version field (08 07 for opset 13).
    expect([...(await readFile((await onnx.path())!)).subarray(0, 2)]).toEqual([0x08, 0x07]);
    await page.locator('.exports').evaluate((list) => list.scrollIntoView({ block: 'center' }));
    await app.shot('exports');
  });

  it('saves the project and opens it back with every model and the data file', async () => {
    const { page } = app;
    await page.locator('.project input[type="text"]').fill('Churn study');
    const project = await download(() => page.locator('[data-action="save-project"]').click());
    expect(project.suggestedFilename()).toBe('Churn study.layerlab');
    const path = join(dir, 'churn.layerlab');
    await project.saveAs(path);
    await goTo(app, 'Build');
    const design = await page.getByTestId('design-name').textContent();
    await page.locator('[data-preset="classic"]').click();
    expect(await page.getByTestId('design-name').textContent(), 'changed after saving').not.toBe(design);
    await goTo(app, 'Train');
    const epochs = await page.locator('input[name="epochs"]').inputValue();
    await page.locator('input[name="epochs"]').fill('7');
    await page.locator('input[name="epochs"]').press('Tab');
    await goTo(app, 'Predict & export');
    const before = await page.locator('select[aria-label="Model to show"] option').count();
    await chooseFile(() => page.locator('[data-action="open-project"]').click(), path);
    await page.waitForSelector(`.notice .title:has-text('Project "Churn study" is open with ${before === 1 ? '1 model' : `${before} models`}')`);
    // Its models are the ones open already: each is listed once, not twice (issue 12, trap 6).
    await expect.poll(() => page.locator('select[aria-label="Model to show"] option').count()).toBe(before);
    await page.locator('#step-panel').evaluate((panel) => panel.closest('.content')?.scrollTo(0, 0));
    await app.shot('project-reopened');
    await goTo(app, 'Build');
    expect(await page.getByTestId('design-name').textContent(), 'the design the Build step had when saved is back').toBe(design);
    await goTo(app, 'Train');
    expect(await page.locator('input[name="epochs"]').inputValue(), 'and the Train form’s settings').toBe(epochs);
    await goTo(app, 'Predict & export');
  });

  it('refuses a model file from a newer Layerlab, saying what to do', async () => {
    const { page } = app;
    const path = join(dir, 'future.json');
    await writeFile(path, JSON.stringify({ format: 'layerlab-model', version: '9.0' }));
    await chooseFile(() => page.locator('[data-action="open-model"]').click(), path);
    await page.waitForSelector('.notice.error .detail:has-text("newer Layerlab")');
    expect(await page.locator('.notice.error .title').last().textContent()).toBe('The model file could not be opened');
    await app.shot('model-file-refused');
    await page.locator('.notice.error .dismiss').click();
  });
});

describe('a multi-class model (iris)', () => {
  it('shows a 3 × 3 matrix and one ROC curve per class, without a threshold slider', async () => {
    const { page } = app;
    const iris = await trainSample('iris', [8], 60, 'Iris 8');
    await goTo(app, 'Evaluate');
    // The window's dataset is churn: the iris model is listed under "Every dataset".
    await page.locator('[data-action="every-dataset"]').check();
    await page.locator('select[aria-label="Model to show"]').selectOption(iris);
    await expect.poll(() => page.locator('.cell[data-cell]').count()).toBe(9);
    expect(await page.locator('.matrix [data-predicted-label]').allTextContents()).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(await page.locator('input[aria-label="Decision threshold"]').count(), 'argmax decides').toBe(0);
    await page.waitForTimeout(400);
    await app.shot('evaluate-iris');
  }, TRAINS);
});

describe('a regression model (housing)', () => {
  it('shows R², MAE, RMSE, predicted-vs-actual and residual plots, in both themes', async () => {
    const { page } = app;
    const housing = await trainSample('housing', [16], 3, 'Housing 16');
    await goTo(app, 'Evaluate');
    await page.locator('[data-action="every-dataset"]').check();
    await page.locator('select[aria-label="Model to show"]').selectOption(housing);
    await app.waitShown('[data-metric="R²"]');
    expect(Number(await page.locator('[data-metric="R²"]').textContent())).toBeGreaterThan(0.3);
    expect(await page.locator('[role="img"][aria-label^="Predicted against actual median_house_value for 2000 rows"]').count()).toBe(1);
    expect(await page.locator('[role="img"][aria-label^="Residuals against predicted"]').count()).toBe(1);
    expect(await page.locator('[data-evaluation-note]').first().textContent()).toMatch(/even sample of 2000 of the \d+ rows/);
    await page.waitForTimeout(400);
    await app.shot('evaluate-housing-light');
    await page.locator('label[title="Dark theme"]').click();
    await page.waitForTimeout(400);
    await app.shot('evaluate-housing-dark');
    await page.locator('select[aria-label="Model to show"]').selectOption(churnRun);
    await page.waitForSelector('.cell[data-cell="0-0"]');
    await page.waitForTimeout(400);
    await app.shot('evaluate-churn-dark');
    await goTo(app, 'Predict & export');
    await page.waitForSelector('[data-input="Age"] input');
    await app.shot('predict-dark');
    await page.locator('.exports').evaluate((list) => list.scrollIntoView({ block: 'center' }));
    await app.shot('exports-dark');
    await page.locator('label[title="Light theme"]').click();
  }, TRAINS);
});
