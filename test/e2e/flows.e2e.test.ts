/**
 * The whole path a person takes, through the screens only, on three samples: open the data → accept the
 * suggested cleaning → build → train → judge the model on its test rows → export it as JSON → open that file
 * back and predict a whole file with it. Churn (6-6-1, test accuracy ≥ 0.80), titanic (missing values filled by
 * the recipe), housing (regression). A screenshot of every step.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';
import { goTo } from './app-steps.ts';

const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');

/** A whole flow trains a network on a shared 2-core machine: minutes, not the default minute. */
const FLOW_MS = 240_000;

let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-flows-'));
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Flow {
  readonly sample: string;
  readonly file: string;
  readonly rows: number;
  readonly preset: 'classic' | 'default';
  readonly design: string;
  readonly epochs: number;
}

async function flow(app: Session, spec: Flow): Promise<{ headline: string }> {
  const { page } = app;

  await page.locator(`[data-sample="${spec.sample}"]`).click();
  await page.waitForSelector(`.dataset h1:has-text("${spec.file}")`);
  await app.shot('data');

  await goTo(app, 'Clean');
  await page.waitForSelector('[data-testid="clean-counts"]');
  expect(await page.locator('[data-testid="clean-counts"]').innerText()).toMatch(new RegExp(`^${spec.rows.toLocaleString('en-US')} rows → `));
  await app.shot('clean-suggested');

  await goTo(app, 'Build');
  await page.locator(`[data-preset="${spec.preset}"]`).click();
  expect(await page.getByTestId('design-name').textContent()).toBe(spec.design);
  await app.shot('build');

  await goTo(app, 'Train');
  const runsBefore = await page.locator('tr[data-run]').count();
  await page.locator('input[name="epochs"]').fill(String(spec.epochs));
  await page.locator('input[name="epochs"]').press('Tab');
  await page.getByRole('button', { name: `Train ${spec.design}` }).click();
  await expect.poll(() => page.locator('tr[data-run]').count()).toBe(runsBefore + 1);
  const runId = await page.locator('tr[data-run]').last().getAttribute('data-run');
  const run = page.locator(`section.run[data-run="${runId}"]`);
  await page.waitForSelector(`section.run[data-run="${runId}"][data-status="completed"]`, { timeout: 180_000 });
  await app.shot('train');

  await run.getByRole('button', { name: 'Evaluate' }).click();
  await page.waitForSelector('[data-metric]');
  const headline = (await page.locator('[data-metric]').first().textContent())!;
  await app.shot('evaluate');

  await goTo(app, 'Predict & export');
  await page.waitForSelector('[data-export="json"]');
  const [exported] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="json"]').click()]);
  const modelPath = join(dir, exported.suggestedFilename());
  await exported.saveAs(modelPath);
  expect(JSON.parse(await readFile(modelPath, 'utf8')).format).toBe('layerlab-model');
  const [modelChooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="open-model"]').click()]);
  await modelChooser.setFiles(modelPath);
  await app.noticeShown(`${exported.suggestedFilename()} is open`);
  expect(await page.locator('select[aria-label="Model to show"] option:checked').textContent()).toBe(`${exported.suggestedFilename()} (opened)`);
  const [fileChooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('button:has-text("Choose a file to predict")').click()]);
  await fileChooser.setFiles(join(DATASETS, spec.file));
  await page.waitForSelector('[data-file-summary]');
  const summary = await page.locator('[data-file-summary]').textContent();
  const [predicted, total] = /: ([\d,]+) of ([\d,]+) rows predicted/.exec(summary!)!.slice(1).map((n) => Number(n.replaceAll(',', '')));
  expect(total).toBe(spec.rows);
  expect(predicted).toBeGreaterThan(0);
  await app.shot('predict-file');
  expect(app.takeErrors(), 'console or page errors').toEqual([]);
  return { headline };
}

describe('from a spreadsheet to predictions, through the screens', () => {
  it('churn: 6-6-1 for 20 epochs reaches ≥ 0.80 test accuracy, and the exported model predicts the file', async () => {
    const app = await openApp(host, 'flow-churn');
    try {
      const { headline } = await flow(app, { sample: 'churn', file: 'Churn_Modelling.csv', rows: 10_000, preset: 'classic', design: '6-6-1', epochs: 20 });
      expect(Number(headline.replace('%', '')) / 100).toBeGreaterThanOrEqual(0.8);
    } finally {
      await app.close();
    }
  }, FLOW_MS);

  it('titanic: the suggested recipe fills the missing ages, and every passenger gets a prediction', async () => {
    const app = await openApp(host, 'flow-titanic');
    try {
      const { headline } = await flow(app, { sample: 'titanic', file: 'titanic.csv', rows: 891, preset: 'classic', design: '6-6-1', epochs: 20 });
      expect(Number(headline.replace('%', '')) / 100).toBeGreaterThan(0.7);
      // Every passenger is predicted; a few, from values outside the training rows' range, are flagged as such.
      expect(await app.page.locator('[data-file-summary]').textContent()).toMatch(/891 of 891 rows predicted(; [\d,]+ predicted from values unlike the training rows)?\./);
    } finally {
      await app.close();
    }
  }, FLOW_MS);

  it('housing: a regression network explains most of the variation in house values', async () => {
    const app = await openApp(host, 'flow-housing');
    try {
      const { headline } = await flow(app, { sample: 'housing', file: 'housing.csv', rows: 20_640, preset: 'default', design: '32-16-1', epochs: 20 });
      expect(Number(headline)).toBeGreaterThan(0.6);
    } finally {
      await app.close();
    }
  }, FLOW_MS);
});
