/**
 * The Data step's column cards and the Clean step in Chromium, through the web host: the titanic sample's
 * cards with their charts, the suggested recipe with what each step did, a wizard's change, undo and redo,
 * target and split, an error shown in place, the cleaned CSV download; screenshots in light and dark.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';

let host: RunningHost;
let app: Session;

beforeAll(async () => {
  host = await startWebHost(await builtRenderer());
  app = await openApp(host, 'clean');
});

afterAll(async () => {
  await app?.close();
  await host?.stop();
});

afterEach(() => {
  expect(app.takeErrors(), 'console or page errors').toEqual([]);
});

async function openTitanic(session: Session): Promise<void> {
  await session.page.locator('[data-sample="titanic"]').click();
  await session.page.locator('.card[data-column="Age"] canvas').waitFor();
}

function report(stepId: string) {
  return app.page.locator(`[data-step="${stepId}"] [data-testid="step-report"]`);
}

describe('Data step: column cards', () => {
  it('shows a card per titanic column with its type, reason, statistics and a chart', async () => {
    const { page } = app;
    await openTitanic(app);
    expect(await page.locator('.card[data-column]').count()).toBe(12);
    const age = page.locator('.card[data-column="Age"]');
    expect(await age.locator('select').inputValue()).toBe('numeric');
    expect(await age.locator('.reason').textContent()).not.toBe('');
    const stats = await age.locator('dl').innerText();
    expect(stats).toContain('177 (20%)');
    expect(stats).toMatch(/Median\s+28/);
    expect(stats).toMatch(/Max\s+80/);
    expect(await page.locator('.card[data-column="Embarked"] canvas').count(), 'categories get a bar chart').toBe(1);
    await page.locator('#cards-title').scrollIntoViewIfNeeded();
    await app.shot('data-cards');
  });
});

describe('Clean step', () => {
  it('shows the suggested recipe with what each step did', async () => {
    const { page } = app;
    await page.locator('#step-tab-clean').click();
    await expect.poll(() => report('impute-median-flag').textContent()).toContain('imputed 177 cells, added 1 column, learned from 623 training rows');
    expect(await report('drop-columns').textContent()).toContain('removed 4 columns (891 rows, 12 → 8 columns)');
    expect(await report('impute-median-flag').textContent()).toContain('(891 rows, 8 → 9 columns)');
    expect(await page.locator('[data-testid="clean-counts"]').innerText()).toMatch(/891 rows → 623 training, 134 validation, 134 test · 12 features/);
    expect(await page.locator('.preview tbody tr').count()).toBe(50);
    await app.shot('clean-suggested');
  });

  it("changes Age's missing values to the mean, then undoes and redoes it", async () => {
    const { page } = app;
    await page.locator('#wizard-tab-missing').click();
    await page.locator('select[aria-label="Missing values of Age"]').selectOption('mean');
    await expect.poll(() => report('impute-Age').textContent()).toContain('imputed 177 cells');
    expect(await page.locator('[data-step="impute-median-flag"]').count()).toBe(0);
    await app.shot('clean-age-mean');

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => report('impute-median-flag').textContent()).toContain('imputed 177 cells');
    expect(await page.locator('select[aria-label="Missing values of Age"]').inputValue()).toBe('median');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => page.locator('[data-step="impute-Age"]').count()).toBe(1);
    expect(await page.locator('select[aria-label="Missing values of Age"]').inputValue()).toBe('mean');
    // The keyboard does the same outside form fields.
    await page.locator('#recipe-title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-step="impute-median-flag"]').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('[data-step="impute-Age"]').count()).toBe(1);
    // Rows a step removes show as before → after.
    await page.locator('select[aria-label="Missing values of Embarked"]').selectOption('drop-rows');
    await expect.poll(() => report('impute-most-frequent').count()).toBe(0);
    await expect.poll(() => page.locator('[data-step^="impute-Embarked"] [data-testid="step-report"]').textContent()).toContain('removed 2 rows (2 training, 0 validation, 0 test) (891 → 889 rows, 9 columns)');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => report('impute-most-frequent').count()).toBe(1);
  });

  it('draws the bounds of an outlier rule on the histogram', async () => {
    const { page } = app;
    await page.locator('#wizard-tab-outliers').click();
    await page.locator('.pick', { hasText: 'Fare' }).click();
    await page.locator('select[aria-label="Outlier rule for Fare"]').selectOption('iqr');
    await expect.poll(() => report('outliers-Fare').textContent()).toMatch(/^clipped \d+ cells/);
    await expect.poll(() => page.locator('.detail .wz-report').textContent()).toMatch(/Bounds learned from the training rows: -?[\d.]+ to [\d.]+/);
    expect(await page.locator('.detail [role="img"]').getAttribute('aria-label')).toMatch(/outlier bounds at/);
    await app.shot('clean-outliers');
  });

  it('predicts another target, overrides the task, and changes the split', async () => {
    const { page } = app;
    await page.locator('#wizard-tab-target').click();
    await page.locator('#target-column').selectOption('Pclass');
    await expect.poll(() => page.locator('.top .meta').textContent()).toContain('Predicts Pclass as one of several classes');
    expect(await page.locator('label:has(input[value="multiclass"]) .detected').count()).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.top .meta').textContent()).toContain('Predicts Survived as yes / no');

    await page.locator('input[value="regression"]').check();
    await expect.poll(() => page.locator('.top .meta').textContent()).toContain('Predicts Survived as a number');
    expect(await page.locator('label:has(input[value="binary"]) .detected').count(), 'the detected task stays marked').toBe(1);
    await page.locator('input[value="binary"]').check();

    const test = page.locator('label:has-text("Test") input');
    await test.fill('20');
    await test.press('Tab');
    await expect.poll(() => page.locator('[data-testid="clean-counts"]').innerText()).toMatch(/579 training, 134 validation, 178 test/);
    expect(await page.locator('[data-testid="train-percent"]').textContent()).toBe('65%');

    await test.fill('45');
    await test.press('Tab');
    expect(await page.locator('.wz-problem').textContent()).toMatch(/0 to 40%/);
    expect(await test.inputValue(), 'the refused value is not kept').toBe('20');
    await app.shot('clean-target-split');
  });

  it('shows where the recipe breaks, naming the column and what to do', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Remove impute-Age' }).click();
    await expect.poll(() => page.locator('[data-testid="recipe-error"]').textContent()).toMatch(/"Age" still has 177 empty cells.*Add a missing-values step/);
    await app.shot('clean-error');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('[data-testid="recipe-error"]').count()).toBe(0);

    // Keeping only the men leaves "Sex" with one value: the encoding step says so, and is marked.
    await page.locator('#wizard-tab-invalid').click();
    await page.locator('select[aria-label="Valid values of Sex"]').selectOption('set');
    await page.locator('tr[data-column="Sex"] label', { hasText: 'female' }).locator('input').uncheck();
    await page.locator('select[aria-label="What to do with invalid Sex"]').selectOption('drop-row');
    await expect.poll(() => page.locator('[data-testid="recipe-error"]').textContent()).toMatch(/Step "encode-Sex": .*"Sex" has only one value \("male"\)/);
    expect(await page.locator('li.failed').getAttribute('data-step')).toBe('encode-Sex');
    expect(await page.locator('.top .meta').textContent()).toContain('The recipe cannot run yet');
    await page.getByRole('button', { name: 'Show the step' }).click();
    await app.shot('clean-step-error');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('[data-testid="recipe-error"]').count()).toBe(0);
    expect(await page.locator('[data-step^="invalid-Sex"]').count()).toBe(0);
  });

  it('downloads the cleaned dataset as CSV', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save cleaned CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('titanic-cleaned.csv');
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines).toHaveLength(892);
    expect(lines[0]).toMatch(/^Pclass=1,Pclass=2,Pclass=3,.*,Survived$/);
  });
});

describe('Data step: changing a column type', () => {
  it('makes SibSp a category (the card and the recipe follow), and refuses Fare as whole numbers, saying why', async () => {
    const { page } = app;
    await page.locator('#step-tab-data').click();
    const sibsp = page.locator('.card[data-column="SibSp"]');
    await sibsp.locator('select').selectOption('categorical');
    await expect.poll(() => sibsp.locator('.reason').textContent()).toMatch(/^you chose categorical/);
    expect(await sibsp.getByRole('img').getAttribute('aria-label')).toMatch(/^Most frequent values of SibSp: 0 608, 1 209/);
    await page.locator('#step-tab-clean').click();
    await expect.poll(() => page.locator('[data-step="encode-SibSp"]').count()).toBe(1);

    await page.locator('#step-tab-data').click();
    const fare = page.locator('.card[data-column="Fare"]');
    await fare.locator('select').selectOption('integer');
    const notice = page.locator('.notice.error');
    await expect.poll(() => notice.textContent()).toContain('"Fare" was not changed to integer');
    expect(await notice.textContent()).toMatch(/not a whole number/);
    expect(await fare.locator('select').inputValue(), 'the picker shows the type the column kept').toBe('numeric');
    await app.shot('data-type-refused');
    await notice.getByRole('button').click();
  });
});

describe('dark theme', () => {
  it('shows the cards and the Clean step legibly in dark', async () => {
    const dark = await openApp(host, 'clean-dark', { colorScheme: 'dark' });
    try {
      await openTitanic(dark);
      // Fifteen passengers paid a fare of 0: read as missing, the card counts them.
      const fare = dark.page.locator('.card[data-column="Fare"]');
      await fare.locator('summary').click();
      await fare.getByLabel('0 means missing').check();
      await expect.poll(() => fare.locator('dl').innerText()).toMatch(/Missing\s+15 \(2%\)/);
      expect(await fare.locator('.reason').textContent()).toContain('15 zeros read as missing');
      await dark.page.locator('#cards-title').scrollIntoViewIfNeeded();
      await dark.shot('data-cards');
      await dark.page.locator('#step-tab-clean').click();
      await dark.page.locator('[data-step="scale"] [data-testid="step-report"]').waitFor();
      await dark.shot('clean');
      await dark.page.locator('#wizard-tab-outliers').click();
      await dark.page.locator('select[aria-label="Outlier rule for Age"]').selectOption('zscore');
      await dark.page.locator('[data-step="outliers-Age"] [data-testid="step-report"]').waitFor();
      await dark.page.locator('.detail .wz-report', { hasText: 'Bounds learned' }).waitFor();
      await dark.shot('clean-outliers');
      expect(dark.takeErrors()).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
