/**
 * Understanding a trained model, in Chromium through the web host: Build's drawing of the learned weights with a
 * neuron's details, concept explanations on every step (each term shown has a text), which inputs matter in
 * Evaluate, what-if curves in Predict, and the training report opened offline — on titanic (two classes), a
 * generated 26-class table and housing (regression); axe audits the new screens in both themes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../renderer/src/lib/concepts.ts';
import { truthCsv, truthTable } from '../engine/insight/generated.ts';
import { audit, blocking } from './axe.ts';
import { builtRenderer, CHROMIUM, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';
import { buildAndTrain, goTo, THEMES, useTheme } from './app-steps.ts';

const TRAINS = 240_000;

let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-insight-e2e-'));
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Every term the step shows with an explanation: each must have a text in lib/concepts.ts. */
async function conceptsShown(app: Session): Promise<string[]> {
  const ids = await app.page.locator('[data-concept]').evaluateAll((spans) => spans.filter((s) => (s as HTMLElement).offsetParent !== null).map((s) => s.getAttribute('data-concept')!));
  for (const id of ids) expect(Object.keys(CONCEPTS), `a text for "${id}"`).toContain(id);
  return [...new Set(ids)];
}

/** Opens a term's explanation by clicking it and returns what it says; closes it with Escape. */
async function explain(app: Session, id: string): Promise<string> {
  const concept = app.page.locator(`[data-concept="${id}"]`).first();
  await concept.locator('button').click();
  const pop = concept.locator('.pop');
  await pop.waitFor({ state: 'visible' });
  const text = (await pop.innerText()).replace(/\s+/g, ' ');
  return text;
}

async function closeExplanation(app: Session, id: string): Promise<void> {
  await app.page.locator(`[data-concept="${id}"] button`).first().press('Escape');
  await app.page.locator(`[data-concept="${id}"] .pop`).first().waitFor({ state: 'hidden' });
}

async function auditNow(app: Session, screen: string): Promise<void> {
  const { violations } = await audit(app.page);
  const failing = blocking(violations).map((v) => `${v.rule} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.why}`).join('\n')}`);
  expect.soft(failing, screen).toEqual([]);
}

describe('titanic: the learned weights, concepts, importance, what-if and the report', () => {
  let app: Session;
  /** The input importance ranks first, which what-if then moves by default. */
  let topInput = '';

  beforeAll(async () => {
    app = await openApp(host, 'insight', { bypassCSP: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(() => {
    expect(app.takeErrors(), 'console or page errors').toEqual([]);
  });

  it('trains titanic 6-6-1 through the screens', async () => {
    await goTo(app, 'Data');
    await app.page.locator('[data-sample="titanic"]').click();
    await app.page.waitForSelector('.dataset h1:has-text("titanic.csv")');
    await buildAndTrain(app, 'classic', 15);
  }, TRAINS);

  it("Build draws the learned weights; a neuron says what it computes and how the test rows activate it", async () => {
    const { page } = app;
    await goTo(app, 'Build');
    await app.waitShown('[data-testid="weighted-network"] line');
    const edges = page.locator('[data-testid="weighted-network"] line');
    expect(await edges.count()).toBeGreaterThan(20);
    const widths = await edges.evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('stroke-width'))));
    expect(Math.max(...widths)).toBeCloseTo(4, 5);
    expect(Math.min(...widths)).toBeLessThan(3);
    expect(await page.locator('[data-testid="weighted-network"] line.negative').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="weighted-network"] .hidden circle').nth(2).hover();
    await app.waitShown('[data-neuron="1-2"]');
    const details = (await page.locator('[data-neuron="1-2"]').innerText()).replace(/\s+/g, ' ');
    expect(details).toMatch(/^Layer 1, neuron 3 of 6 z = [−\d].* × .* output = relu\(z\) .*test rows of titanic\.csv/);
    expect(await page.locator('[data-neuron="1-2"] svg rect').count()).toBe(24);
    await page.locator('[data-testid="neuron-picker"]').selectOption({ label: 'Output Survived' });
    await app.waitShown('[data-neuron="3-0"]');
    expect(await page.locator('[data-neuron="3-0"]').innerText()).toContain('output = sigmoid(z)');
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await page.locator('[data-testid="weighted-network"] .hidden circle').nth(2).hover();
      await app.shot(`${theme}-build-weights`);
      await auditNow(app, `${theme} build: learned weights`);
    }
    await useTheme(app, 'light');
  }, 120_000);

  it('explains the terms where they appear: every term shown has a text, the activation with its plot', async () => {
    const { page } = app;
    const shown = new Set<string>();
    await goTo(app, 'Build');
    for (const id of await conceptsShown(app)) shown.add(id);
    expect(await explain(app, 'neuron')).toContain(CONCEPTS.neuron.text);
    await closeExplanation(app, 'neuron');
    // The theme switch is a click elsewhere, which closes an explanation: switch first, then open.
    for (const theme of THEMES) {
      await useTheme(app, theme);
      expect(await explain(app, 'activation')).toContain('relu: max(0, z)');
      expect(await page.locator('[data-concept="activation"] .pop svg.activation-plot path').count()).toBe(1);
      await app.shot(`${theme}-concept-activation`);
      await auditNow(app, `${theme} build: an open explanation`);
      await closeExplanation(app, 'activation');
    }
    await useTheme(app, 'light');
    await goTo(app, 'Train');
    for (const id of await conceptsShown(app)) shown.add(id);
    expect(await explain(app, 'learning-rate')).toContain(CONCEPTS['learning-rate'].text);
    await app.shot('concept-learning-rate');
    await closeExplanation(app, 'learning-rate');
    await goTo(app, 'Evaluate');
    await app.waitShown('.cell[data-cell="0-0"]');
    for (const id of await conceptsShown(app)) shown.add(id);
    expect(await explain(app, 'confusion-matrix')).toContain(CONCEPTS['confusion-matrix'].text);
    await closeExplanation(app, 'confusion-matrix');
    await goTo(app, 'Clean');
    await app.waitShown('[data-testid="clean-counts"]');
    for (const id of await conceptsShown(app)) shown.add(id);
    expect([...shown]).toEqual(expect.arrayContaining(['layer', 'neuron', 'activation', 'dropout', 'loss-binary-crossentropy', 'optimizer', 'learning-rate', 'batch-size', 'epoch', 'early-stopping', 'validation-rows', 'confusion-matrix', 'accuracy', 'precision', 'recall', 'f1', 'roc', 'auc', 'threshold', 'step-impute', 'step-encode', 'step-scale', 'step-drop-columns']));
  }, 120_000);

  it('Evaluate measures which inputs matter and says how to read it', async () => {
    const { page } = app;
    await goTo(app, 'Evaluate');
    await page.locator('[data-action="measure-importance"]').click();
    await app.waitShown('[data-testid="importance-how"]', 60_000);
    expect(await page.locator('[data-testid="importance-how"]').innerText()).toMatch(/^Each bar is how much the accuracy on the \d+ test rows of titanic\.csv \(0\.\d{3} as they are\) drops/);
    expect(await page.locator('.importance canvas').count()).toBeGreaterThan(0);
    // A 6-6-1 network after 15 epochs need not have found what matters yet: the chart lists every input, largest drop first.
    const label = (await page.locator('.importance [role="img"]').getAttribute('aria-label'))!;
    expect(label).toMatch(/^Permutation importance of 7 columns: (\w+ -?\d\.\d{3}(, |$)){7}/);
    const drops = [...label.matchAll(/ (-?\d\.\d{3})/g)].map((m) => Number(m[1]));
    expect(drops).toEqual([...drops].sort((a, b) => b - a));
    topInput = /columns: (\w+)/.exec(label)![1]!;
    expect(await page.locator('.importance .unused').innerText()).toContain('PassengerId: Not used: the cleaning recipe drops it (it is an identifier)');
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await page.locator('.importance').scrollIntoViewIfNeeded();
      await app.shot(`${theme}-evaluate-importance`);
      await auditNow(app, `${theme} evaluate: importance`);
    }
    await useTheme(app, 'light');
  }, 120_000);

  it("Predict draws what-if curves for the form's row: a number with its training range, a category", async () => {
    const { page } = app;
    await goTo(app, 'Predict & export');
    await app.waitShown('form.form');
    await page.locator('form.form button[type="submit"]').click();
    await page.waitForSelector('[data-prediction]');
    await app.waitShown('.whatif canvas');
    expect(await page.locator('[data-testid="whatif-column"]').inputValue(), 'the most important input first').toBe(topInput);
    await page.locator('[data-testid="whatif-column"]').selectOption('Age');
    await expect.poll(() => page.locator('.whatif [role="img"]').getAttribute('aria-label')).toBe('What if Age changed: P(Survived = 1) for this row and on average over the test rows');
    expect(await page.locator('.whatif .how').first().innerText()).toContain('Outside the shaded training range the model extrapolates.');
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await page.locator('.whatif').scrollIntoViewIfNeeded();
      await app.shot(`${theme}-predict-whatif`);
      await auditNow(app, `${theme} predict: what-if`);
    }
    await useTheme(app, 'light');
    await page.locator('[data-testid="whatif-column"]').selectOption('Sex');
    await expect.poll(() => page.locator('.whatif [role="img"]').getAttribute('aria-label')).toBe('What if Sex changed: P(Survived = 1) for this row and on average over the test rows');
    await page.locator('.whatif').scrollIntoViewIfNeeded();
    await app.shot('predict-whatif-category');
  }, 120_000);

  it('saves the report, which opens offline in Chromium with every section, in both themes', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="report"]').click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    expect(download.suggestedFilename()).toBe('titanic-run-1-report.html');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      for (const theme of THEMES) {
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: theme, offline: true });
        const requests: string[] = [];
        context.on('request', (r) => {
          if (!r.url().startsWith('file:')) requests.push(r.url());
        });
        const report = await context.newPage();
        const errors: string[] = [];
        report.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await report.goto(`file://${path}`);
        for (const id of ['data', 'network', 'settings', 'curves', 'evaluation', 'provenance']) expect(await report.locator(`#${id}`).isVisible(), id).toBe(true);
        expect(await report.locator('#network svg line.pos, #network svg line.neg').count()).toBeGreaterThan(10);
        expect(await report.locator('#evaluation table.matrix td').count()).toBe(4);
        expect(await report.locator('#evaluation svg').count()).toBe(2);
        await report.screenshot({ path: join(import.meta.dirname, '../../test-results/screenshots', `insight-report-${theme}.png`), fullPage: true });
        expect(requests).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    expect(await readFile(path, 'utf8')).not.toMatch(/<script|https?:\/\//);
  }, 120_000);
});

describe('26 classes and regression', () => {
  let app: Session;

  beforeAll(async () => {
    app = await openApp(host, 'insight-more');
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(() => {
    expect(app.takeErrors(), 'console or page errors').toEqual([]);
  });

  it('a 26-class table: importance ranks the inputs that drive it first; what-if picks a class', async () => {
    const { page } = app;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
    await chooser.setFiles({ name: 'letters.csv', mimeType: 'text/csv', buffer: Buffer.from(truthCsv(truthTable('multiclass', 2600, 5))) });
    await page.waitForSelector('.dataset h1:has-text("letters.csv")');
    // Not a sample: the Data step asks what to predict before anything is prepared.
    await page.locator('[data-target-choice="target"]').click();
    await page.locator('[data-action="confirm-target"]').click();
    await goTo(app, 'Clean');
    await app.waitShown('#target-column');
    if ((await page.locator('#target-column').inputValue()) !== 'target') await page.locator('#target-column').selectOption('target');
    await buildAndTrain(app, 'default', 40);
    await goTo(app, 'Evaluate');
    await app.waitShown('.cell[data-cell="0-0"]');
    await page.locator('[data-action="measure-importance"]').click();
    await app.waitShown('[data-testid="importance-how"]', 60_000);
    expect(await page.locator('.importance [role="img"]').getAttribute('aria-label')).toMatch(/^Permutation importance of 4 columns: (signal|color) \S+, (signal|color) /);
    await page.locator('.importance').scrollIntoViewIfNeeded();
    await app.shot('26-classes-importance');
    await goTo(app, 'Predict & export');
    await app.waitShown('.whatif canvas');
    expect(await page.locator('.whatif select').nth(1).locator('option').count()).toBe(26);
    await page.locator('.whatif select').nth(1).selectOption('B');
    await expect.poll(() => page.locator('.whatif [role="img"]').getAttribute('aria-label')).toMatch(/P\(target = B\)/);
    await page.locator('.whatif').scrollIntoViewIfNeeded();
    await app.shot('26-classes-whatif');
  }, TRAINS);

  it('housing: importance in R², what-if in the target’s units', async () => {
    // A fresh window: its start screen offers the samples.
    await app.close();
    app = await openApp(host, 'insight-housing');
    const { page } = app;
    await app.waitShown('[data-sample="housing"]');
    await page.locator('[data-sample="housing"]').click();
    await page.waitForSelector('.dataset h1:has-text("housing.csv")');
    await buildAndTrain(app, 'classic', 3);
    await goTo(app, 'Evaluate');
    await app.waitShown('[data-metric="R²"]');
    await page.locator('[data-action="measure-importance"]').click();
    await app.waitShown('[data-testid="importance-how"]', 90_000);
    expect(await page.locator('[data-testid="importance-how"]').innerText()).toMatch(/^Each bar is how much the R² on the \d[\d,]* test rows of housing\.csv/);
    await goTo(app, 'Predict & export');
    await app.waitShown('.whatif canvas');
    expect(await page.locator('.whatif [role="img"]').getAttribute('aria-label')).toMatch(/^What if \S+ changed: Predicted median_house_value for this row and on average over the test rows$/);
    await page.locator('.whatif').scrollIntoViewIfNeeded();
    await app.shot('housing-whatif');
  }, TRAINS);
});
