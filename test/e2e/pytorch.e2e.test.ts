/**
 * The PyTorch export through the screens: a model trained in the app is exported as a PyTorch script from
 * Predict & export, the script trains it again on two processes (DistributedDataParallel), and the model file it
 * writes comes back into the app like any other: Evaluate judges it on its test rows (the data is open), Predict
 * scores a whole file, and it exports again. Screenshots of the export panel in both themes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_TORCH, TORCH_PYTHON, hasTorch } from '../main/export/torch-python.ts';
import { builtRenderer, openApp, startWebHost, type RunningHost } from './harness.ts';
import { goTo } from './app-steps.ts';

const CHURN = resolve(import.meta.dirname, '../../../shared/datasets/Churn_Modelling.csv');

let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-pytorch-e2e-'));
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the script to its end; rejects with its output when it fails. */
function train(script: string, ...args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(TORCH_PYTHON, [script, CHURN, ...args], { cwd: dir });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? done(output) : fail(new Error(`the script exited ${code}:\n${output}`))));
  });
}

describe.skipIf(!hasTorch)(`PyTorch export through the screens${NEEDS_TORCH}`, () => {
  it('exports the script from Predict & export, and the model it trains on 2 processes opens, evaluates, predicts and exports', async () => {
    const app = await openApp(host, 'pytorch');
    const { page } = app;
    try {
      await page.locator('[data-sample="churn"]').click();
      await page.waitForSelector('.dataset h1:has-text("Churn_Modelling.csv")');
      await goTo(app, 'Build');
      await page.locator('[data-preset="classic"]').click();
      await goTo(app, 'Train');
      await page.locator('input[name="epochs"]').fill('3');
      await page.locator('input[name="epochs"]').press('Tab');
      await page.getByRole('button', { name: 'Train 6-6-1' }).click();
      await app.waitShown('section.run[data-status="completed"]', 180_000);

      await goTo(app, 'Predict & export');
      await app.waitShown('[data-export="pytorch"]');
      await page.locator('[data-export="pytorch"]').scrollIntoViewIfNeeded();
      await app.shot('export-light');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="pytorch"]').click()]);
      expect(download.suggestedFilename()).toMatch(/^Churn_Modelling-run-\d+-pytorch\.py$/);
      const script = join(dir, download.suggestedFilename());
      await download.saveAs(script);
      expect(await readFile(script, 'utf8')).toContain('DistributedDataParallel');

      const output = await train(script, '--nproc', '2', '--epochs', '3', '--workdir', 'work', '--out', 'churn-ddp.json');
      expect(output).toContain('training on 2 process(es)');

      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="open-model"]').click()]);
      await chooser.setFiles(join(dir, 'churn-ddp.json'));
      await app.noticeShown('churn-ddp.json is open');

      await goTo(app, 'Evaluate');
      await app.waitShown('[data-metric]');
      expect(Number((await page.locator('[data-metric]').first().textContent())!.replace('%', ''))).toBeGreaterThan(75);
      expect(await page.locator('main').innerText()).not.toContain('Shown as saved in the model file');
      await app.shot('evaluate-ddp-model');

      await goTo(app, 'Predict & export');
      const [fileChooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('button:has-text("Choose a file to predict")').click()]);
      await fileChooser.setFiles(CHURN);
      await app.waitShown('[data-file-summary]');
      expect(await page.locator('[data-file-summary]').textContent()).toMatch(/10,000 of 10,000 rows predicted/);
      const [again] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="json"]').click()]);
      const exported = join(dir, again.suggestedFilename());
      await again.saveAs(exported);
      expect(JSON.parse(await readFile(exported, 'utf8')).provenance.trainedBy.summary).toBe('trained by PyTorch DDP, world size 2');
      expect(app.takeErrors(), 'console or page errors').toEqual([]);
    } finally {
      await app.close();
    }
    const dark = await openApp(host, 'pytorch', { colorScheme: 'dark' });
    try {
      await dark.page.locator('[role="tab"]:has-text("Predict & export")').click();
      await dark.waitShown('[data-export="pytorch"]');
      await dark.page.locator('[data-export="pytorch"]').scrollIntoViewIfNeeded();
      await dark.shot('export-dark');
    } finally {
      await dark.close();
    }
  }, 420_000);
});
