/**
 * What the app shows of hostile files, in Chromium through the web host: a predicted file's rows that could not
 * be used and the rows predicted from values unlike the training rows (each with its reason), the warnings of a
 * suspicious target under the Clean step's target line, a network past the parameter cap (in the Build step, and
 * the refusal of its run), and a hostile upload's message. Screenshots in both themes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli.ts';
import { writeCorpus, type Corpus } from '../hostile/corpus.ts';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';

let host: RunningHost;
let dir: string;
let corpus: Corpus;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-hostile-e2e-'));
  corpus = await writeCorpus(dir);
  model = join(dir, 'model.json');
  const quiet = { write: () => {} };
  expect(await runCli(['train', corpus['train.csv']!, '--target', 'Survived', '--epochs', '30', '--out', model], { stdout: quiet, stderr: quiet })).toBe(0);
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function withApp(prefix: string, theme: 'light' | 'dark', work: (app: Session) => Promise<void>): Promise<void> {
  const app = await openApp(host, prefix, { colorScheme: theme });
  try {
    await work(app);
    expect(app.takeErrors(), 'console or page errors').toEqual([]);
  } finally {
    await app.close();
  }
}

describe('hostile files in the app', () => {
  it.each(['light', 'dark'] as const)('lists the rows of a predicted file that could not be used, and those to doubt (%s)', async (theme) => {
    await withApp(`hostile-predict-${theme}`, theme, async (app) => {
      const { page } = app;
      await page.locator('[role="tab"]:has-text("Predict")').click();
      const [modelChooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action="open-model"]').click()]);
      await modelChooser.setFiles(model);
      await app.noticeShown('model.json is open');
      const [fileChooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('button:has-text("Choose a file to predict")').click()]);
      await fileChooser.setFiles(corpus['predict.csv']!);
      await app.waitShown('[data-file-summary]');
      expect(await page.locator('[data-file-summary]').innerText()).toMatch(/predict\.csv: 3 of 5 rows predicted, 2 could not be; 2 predicted from values unlike the training rows\./);
      expect(await page.locator('[data-rejection]').allInnerTexts()).toEqual([
        'Row 1: "Age" is "old", which is not a number. Enter a number (such as 42 or 3.5).',
        'Row 4: "Fare" is "Infinity", an infinite value the model cannot use. Enter a finite number.',
      ]);
      const cautions = await page.locator('[data-caution]').allInnerTexts();
      expect(cautions[0]).toMatch(/^Row 2: "Fare" is 1000\.5, outside its training range/);
      expect(cautions[1]).toMatch(/^Row 3: "Class" is "Z", a value never seen in the training rows: encoded as all zeros/);
      await page.locator('[data-file-summary]').scrollIntoViewIfNeeded();
      await app.shot('predict-file-cautions');
    });
  });

  it.each(['light', 'dark'] as const)("shows a suspicious target's warnings under the target line of the Clean step (%s)", async (theme) => {
    await withApp(`hostile-target-${theme}`, theme, async (app) => {
      const { page } = app;
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
      await chooser.setFiles(corpus['case-target.csv']!);
      await app.waitShown('.dataset h1:has-text("case-target.csv")');
      // Not a sample: the Data step asks what to predict (issue 12) before the recipe and its warnings exist.
      await page.locator('[data-target-choice="answer"]').click();
      await page.locator('[data-action="confirm-target"]').click();
      await page.locator('[role="tab"]:has-text("Clean")').click();
      await app.waitShown('[data-testid="stage-warning"]');
      expect(await page.locator('[data-testid="stage-warning"]').first().innerText()).toMatch(
        /^The target "answer" has classes that differ only in capitals or spaces \("no", "No"; "yes", "Yes", "YES"\): each is learned as a class of its own\./,
      );
      await app.shot('clean-target-warning');
    });
  });

  it.each(['light', 'dark'] as const)('says the parameter cap and why in the Build step, and refuses a run of that network (%s)', async (theme) => {
    await withApp(`hostile-network-size-${theme}`, theme, async (app) => {
      const { page } = app;
      await page.locator('#step-tab-data').click();
      await page.locator('[data-sample="iris"]').click();
      await app.waitShown('.dataset h1:has-text("iris")');
      await page.locator('[role="tab"]:has-text("Build")').click();
      await page.locator('[data-preset="classic"]').click();
      expect(await page.locator('[data-problem="network-size"]').count(), 'a small network is fine').toBe(0);
      for (const index of [0, 1]) {
        await page.locator(`li[data-layer-index="${index}"] input[type="number"]`).first().fill('4096');
        await page.locator(`li[data-layer-index="${index}"] input[type="number"]`).first().press('Tab');
      }
      const problem = page.locator('[data-problem="network-size"]');
      await app.waitShown('[data-problem="network-size"]');
      expect(await problem.innerText()).toMatch(/^This network has 16,8\d\d,\d{3} parameters, more than the 10,000,000 Layerlab trains: training keeps several copies .* Use fewer or narrower layers/);
      await app.shot('build-network-too-large');
      await page.locator('[role="tab"]:has-text("Train")').click();
      await page.getByRole('button', { name: /^Train 4096-4096-/ }).click();
      await app.waitShown('.notice.error');
      expect(await page.locator('.notice.error').first().innerText()).toMatch(/more than the 10,000,000 Layerlab trains/);
      expect(await page.locator('section.run').count(), 'no run was started').toBe(0);
    });
  });

  it('says what an uploaded web page is, instead of reading it as a table', async () => {
    await withApp('hostile-upload', 'light', async (app) => {
      const { page } = app;
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
      await chooser.setFiles(corpus['page.csv']!);
      await app.waitShown('.notice.error');
      expect(await page.locator('.notice.error').first().innerText()).toMatch(/page\.csv is not a table: it is an HTML page/);
      await app.shot('upload-html');
    });
  });
});
