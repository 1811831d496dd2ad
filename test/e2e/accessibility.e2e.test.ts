/**
 * WCAG 2.1 AA, audited by axe-core in Chromium on every screen of the six steps, in the light and the dark theme,
 * after a real training run: titanic (two classes) and a generated 19-class, all-categorical table whose target is
 * its first column. A serious or critical violation fails the test; every count (moderate and minor too) goes to
 * test-results/accessibility/, and every audited screen is a screenshot.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/paths.ts';
import { WIZARDS } from '../../renderer/src/lib/recipe/wizards.ts';
import { audit, blocking, countByImpact, type Violation } from './axe.ts';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';
import { buildAndTrain, goTo, THEMES, useTheme, type ThemeName } from './app-steps.ts';
import { CLASSES, soybeanLikeCsv } from './many-classes.ts';

/** Training through the screens on a shared 2-core machine. */
const TRAINS = 240_000;
/** Auditing every screen of a theme: some 20 axe runs. */
const AUDITS = 180_000;

let host: RunningHost;
const report: { table: string; theme: ThemeName; screen: string; counts: ReturnType<typeof countByImpact>; violations: Violation[]; undecided: Violation[] }[] = [];

beforeAll(async () => {
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  await host?.stop();
  const dir = join(ROOT, 'test-results', 'accessibility');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'axe.json'), JSON.stringify(report, null, 1));
  const undecided = (r: (typeof report)[number]) => r.undecided.reduce((n, v) => n + v.nodes.length, 0);
  const lines = report.map((r) => `${r.table.padEnd(10)} ${r.theme.padEnd(6)} ${r.screen.padEnd(28)} critical ${r.counts.critical}  serious ${r.counts.serious}  moderate ${r.counts.moderate}  minor ${r.counts.minor}  undecided ${undecided(r)}`);
  await writeFile(join(dir, 'axe.txt'), `${lines.join('\n')}\n`);
});

/** Audits what the window shows now, records it, screenshots it, and fails (softly: every screen is audited) on a blocking violation. */
async function check(app: Session, table: string, theme: ThemeName, screen: string): Promise<void> {
  const { violations, undecided } = await audit(app.page);
  report.push({ table, theme, screen, counts: countByImpact(violations), violations, undecided });
  await app.shot(`${theme}-${screen.replace(/\W+/g, '-')}`);
  const failing = blocking(violations).map((v) => `${v.rule} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.why}`).join('\n')}`);
  expect.soft(failing, `${table}, ${theme} theme, ${screen}`).toEqual([]);
}

/** The six steps of a dataset with a trained model, every Clean wizard and the screens Evaluate and Predict open. */
async function auditSteps(app: Session, table: string, theme: ThemeName): Promise<void> {
  const { page } = app;
  await goTo(app, 'Data');
  await page.waitForSelector('.dataset h1');
  await page.waitForSelector('[aria-label="Column cards"]');
  await check(app, table, theme, 'data');

  await goTo(app, 'Clean');
  await app.waitShown('[data-testid="clean-counts"]');
  for (const wizard of WIZARDS) {
    await page.locator(`#wizard-tab-${wizard.id}`).click();
    await check(app, table, theme, `clean: ${wizard.label}`);
  }
  await page.locator(`#wizard-tab-${WIZARDS[0].id}`).click();

  await goTo(app, 'Build');
  await page.waitForSelector('svg[role="img"] circle');
  await check(app, table, theme, 'build');

  await goTo(app, 'Train');
  await page.waitForSelector('section.run[data-status="completed"]');
  await check(app, table, theme, 'train');

  await goTo(app, 'Evaluate');
  await app.waitShown('.cell[data-cell="0-0"]');
  await check(app, table, theme, 'evaluate');
  await page.locator('.cell[data-cell="1-0"]').click();
  await page.waitForSelector('section.rows');
  await check(app, table, theme, 'evaluate: a cell\'s rows');
  await page.locator('section.rows').getByRole('button', { name: 'Close' }).click();

  await goTo(app, 'Predict & export');
  await app.waitShown('[data-export="json"]');
  await check(app, table, theme, 'predict & export');
}

describe('axe on titanic, both themes', () => {
  let app: Session;

  beforeAll(async () => {
    app = await openApp(host, 'axe-titanic', { bypassCSP: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(() => {
    expect(app.takeErrors(), 'console or page errors').toEqual([]);
  });

  it('before any data: the start screen, a step waiting for data, the shortcuts list', async () => {
    const { page } = app;
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await goTo(app, 'Data');
      await page.waitForSelector('[data-sample="titanic"]');
      await check(app, 'titanic', theme, 'start');
      await goTo(app, 'Clean');
      await check(app, 'titanic', theme, 'clean: waiting for data');
      await goTo(app, 'Evaluate');
      await check(app, 'titanic', theme, 'evaluate: no model');
      await page.keyboard.press('F1');
      await page.waitForSelector('dialog[open]');
      await check(app, 'titanic', theme, 'shortcuts');
      await page.keyboard.press('Escape');
    }
    await useTheme(app, 'light');
  }, AUDITS);

  it('trains titanic 6-6-1 and predicts one passenger through the screens', async () => {
    const { page } = app;
    await goTo(app, 'Data');
    await page.locator('[data-sample="titanic"]').click();
    await page.waitForSelector('.dataset h1:has-text("titanic.csv")');
    await buildAndTrain(app, 'classic', 15);
    await goTo(app, 'Predict & export');
    await app.waitShown('form.form');
    await page.locator('form.form button[type="submit"]').click();
    await page.waitForSelector('[data-prediction]');
  }, TRAINS);

  for (const theme of THEMES) {
    it(`every step in the ${theme} theme has no serious or critical violation`, async () => {
      await useTheme(app, theme);
      await auditSteps(app, 'titanic', theme);
    }, AUDITS);
  }
});

describe(`axe on a ${CLASSES.length}-class all-categorical table, target first, both themes`, () => {
  let app: Session;

  beforeAll(async () => {
    app = await openApp(host, 'axe-19-classes', { bypassCSP: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(() => {
    expect(app.takeErrors(), 'console or page errors').toEqual([]);
  });

  it('opens the table, predicts its first column and trains a network through the screens', async () => {
    const { page } = app;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
    await chooser.setFiles({ name: 'soybean-like.csv', mimeType: 'text/csv', buffer: Buffer.from(soybeanLikeCsv()) });
    await page.waitForSelector('.dataset h1:has-text("soybean-like.csv")');
    // Asked what to predict before anything is prepared: the question is audited, then answered.
    await app.waitShown('[data-testid="target-question"]');
    await page.locator('details.unlikely summary').click().catch(() => undefined);
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await check(app, '19 classes', theme, 'Data what to predict');
    }
    await page.locator('[data-target-choice="Class"]').click();
    await page.locator('[data-action="confirm-target"]').click();
    await goTo(app, 'Clean');
    await expect.poll(() => page.locator('[data-testid="clean-counts"]').textContent(), { timeout: 30_000 }).toMatch(/features?$/);
    expect(await page.locator('.meta').first().textContent()).toContain('one of several classes');
    await buildAndTrain(app, 'default', 30);
    await goTo(app, 'Evaluate');
    // The host's titanic model may show until the new run's model is picked: wait for the 19-class matrix itself.
    const last = CLASSES.length - 1;
    await app.waitShown(`.cell[data-cell="${last}-${last}"]`);
    expect(await page.locator('.cell[data-cell]').count()).toBe(CLASSES.length ** 2);
  }, TRAINS);

  for (const theme of THEMES) {
    it(`every step in the ${theme} theme has no serious or critical violation`, async () => {
      await useTheme(app, theme);
      await auditSteps(app, '19 classes', theme);
    }, AUDITS);
  }
});
