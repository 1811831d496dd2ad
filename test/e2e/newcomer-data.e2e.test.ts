/**
 * The traps of the Data step, in Chromium through the web host, on tables that are not the samples (issue 12):
 * (1) a table whose last column is a year asks what to predict, suggests the label with its reason and never
 * takes the year; (5) quoted numeric codes are suggested as categories and changed in one click, or a selection
 * of columns at once; (9) a workbook's second sheet is picked in the browser; (10) years read 2008, a share under
 * 1% never reads 0%. Both themes, screenshots of each.
 */
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';
import { goTo } from './app-steps.ts';
import { chooseTarget, upload, writeNewcomerFiles, type NewcomerFiles } from './newcomer-kit.ts';

let files: NewcomerFiles;
const hosts: RunningHost[] = [];
const sessions: Session[] = [];

beforeAll(async () => {
  files = await writeNewcomerFiles();
});

afterAll(async () => {
  for (const s of sessions) await s.close();
  for (const h of hosts) await h.stop();
  await rm(files.dir, { recursive: true, force: true });
});

afterEach(() => {
  for (const s of sessions) expect(s.takeErrors(), 'console or page errors').toEqual([]);
});

/** A fresh app: its own web host (a page of the same host would take back the previous page's work). */
async function open(prefix: string, colorScheme: 'light' | 'dark'): Promise<Session> {
  const host = await startWebHost(await builtRenderer());
  hosts.push(host);
  const app = await openApp(host, prefix, { colorScheme });
  sessions.push(app);
  return app;
}

describe.each(['light', 'dark'] as const)('the Data step of a table nobody tuned the app for (%s)', (theme) => {
  it('(1) asks what to predict: the label is suggested with its reason, the year last column is not, and nothing is prepared until confirmed', async () => {
    const app = await open(`newcomer-target-${theme}`, theme);
    const { page } = app;
    await upload(app, files.birds);
    await app.waitShown('[data-testid="target-question"]');
    expect(await page.getByTestId('suggested-target').textContent()).toBe('species');
    expect(await page.locator('[data-target-choice="species"]').textContent()).toContain('Its name reads like an outcome ("species")');
    expect(await page.locator('[data-target-choice]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-target-choice')))).not.toContain('year');
    await page.locator('details.unlikely summary').click();
    expect(await page.locator('[data-unlikely="year"]').textContent()).toBe('year: It holds years (2007 to 2009): when something happened, not what.');
    await app.shot('target-question');
    // The Clean step asks too, instead of showing a recipe for a column nobody chose.
    await goTo(app, 'Clean');
    await app.waitShown('[data-testid="target-question"]');
    expect(await page.locator('[data-testid="clean-counts"]').count()).toBe(0);
    await app.shot('target-question-clean');
    await chooseTarget(app);
    await goTo(app, 'Clean');
    await app.waitShown('[data-testid="clean-counts"]');
    expect(await page.locator('#step-panel .meta').first().textContent()).toContain('Predicts species as one of several classes');
    await goTo(app, 'Data');
    expect(await page.getByTestId('target-answer').textContent()).toMatch(/^\s*Predicting species as one of several classes — Its name reads like an outcome/);
    await app.shot('target-answered');
  });

  it('(10) writes the years of the year column as 2007 and 2009, and one gap in 150 rows as <1%', async () => {
    const app = sessions.at(-1)!;
    const { page } = app;
    const year = page.locator('article.card[data-column="year"]');
    await year.scrollIntoViewIfNeeded();
    const stats = await year.locator('dd').allTextContents();
    expect(stats).toContain('2007');
    expect(stats).toContain('2009');
    expect(stats.join(' ')).not.toMatch(/2,00\d/);
    expect(await page.locator('[data-column-row="bill_depth_mm"] td.numeric').last().textContent()).toBe('1 (<1%)');
    await app.shot('year-card');
  });

  it('(5) suggests the quoted numeric codes of a 19-class table as categories, with the reason, and changes all 13 in one click', async () => {
    const app = await open(`newcomer-codes-${theme}`, theme);
    const { page } = app;
    await upload(app, files.classes(19));
    const banner = page.getByTestId('type-suggestions');
    await banner.waitFor();
    expect(await banner.locator('p').textContent()).toMatch(/13 columns look like category codes, not numbers: written in quotes \("0", "1", "2"\) with 3 different values/);
    await app.shot('code-suggestion');
    await page.locator('[data-action="take-type-suggestions"]').click();
    await banner.waitFor({ state: 'detached' });
    const types = await page.locator('[data-column-row] .type').allTextContents();
    expect(types.filter((t) => t === 'categorical')).toHaveLength(14);
    await chooseTarget(app, 'Class');
    await goTo(app, 'Clean');
    await app.waitShown('[data-testid="clean-counts"]');
    await page.locator('#wizard-tab-categories').click();
    await expect.poll(() => page.locator('[data-step^="encode-"]').count()).toBe(13);
    await app.shot('codes-encoded');
  });

  it('(5) sets the type of every column with at most N values at once from the column list', async () => {
    const app = await open(`newcomer-bulk-${theme}`, theme);
    const { page } = app;
    await upload(app, files.classes(10));
    await page.locator('input[aria-label="Most different values"]').fill('4');
    await page.locator('[data-action="select-few-values"]').click();
    const picked = await page.locator('tr.picked[data-column-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-column-row')));
    expect(picked).toEqual(['date', 'plant.stand', 'hail', 'crop.hist', 'seed.tmt', 'germ', 'roots']);
    await page.locator('select[aria-label="Type for the selected columns"]').selectOption('categorical');
    await page.locator('#columns-title').evaluate((title) => title.scrollIntoView());
    await app.shot('bulk-selected');
    await page.locator('[data-action="apply-types"]').click();
    await expect.poll(() => page.locator('tr.picked').count()).toBe(0);
    for (const column of picked) expect(await page.locator(`[data-column-row="${column}"] .type`).textContent()).toBe('categorical');
    expect(await page.locator('[data-column-row="precip"] .type').textContent(), 'five values: left as it was').toBe('integer');
  });

  it('(9) reads the second sheet of a workbook when picked, in the browser', async () => {
    const app = await open(`newcomer-sheets-${theme}`, theme);
    const { page } = app;
    await upload(app, files.workbook);
    const picker = page.getByTestId('sheet-picker');
    await picker.waitFor();
    expect(await picker.textContent()).toContain('This workbook has 2 sheets');
    expect(await page.locator('.dataset .meta').first().textContent()).toContain('2 rows × 2 columns');
    await app.shot('sheet-first');
    await picker.locator('select').selectOption('birds');
    await expect.poll(() => page.locator('.dataset .meta').first().textContent()).toContain('60 rows × 8 columns');
    expect(await page.locator('.dataset .meta').first().textContent()).toContain('sheet "birds" of 2');
    expect(await page.getByTestId('suggested-target').textContent()).toBe('species');
    await app.shot('sheet-second');
  });
});
