/**
 * The Clean step's row and column wizards in Chromium, through the web host, in light and dark: duplicates,
 * row filters and log transforms on the titanic sample, dates on 200 football results. Each step is added
 * through its wizard, its report read in the recipe list, then undone; a screenshot of every wizard.
 */
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';

const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');

let host: RunningHost;

beforeAll(async () => {
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  await host?.stop();
});

for (const scheme of ['light', 'dark'] as const) {
  describe(`Clean wizards (${scheme})`, () => {
    let app: Session;

    beforeAll(async () => {
      app = await openApp(host, `clean-wizards-${scheme}`, { colorScheme: scheme });
    });

    afterAll(async () => {
      await app?.close();
    });

    afterEach(() => {
      expect(app.takeErrors(), 'console or page errors').toEqual([]);
    });

    function report(stepId: string) {
      return app.page.locator(`[data-step="${stepId}"] [data-testid="step-report"]`);
    }

    async function undo(times = 1): Promise<void> {
      for (let i = 0; i < times; i++) await app.page.getByRole('button', { name: 'Undo' }).click();
    }

    it('drops duplicate rows, compared on the features only, and undoes it', async () => {
      const { page } = app;
      await page.locator('[data-sample="titanic"]').click();
      await page.locator('#step-tab-clean').click();
      await report('scale').waitFor();
      await page.locator('#wizard-tab-duplicates').click();
      expect(await page.locator('.wz-intro').textContent()).toContain('No row of this file repeats an earlier row in every column.');
      await page.getByLabel('Drop rows that repeat an earlier row').check();
      await expect.poll(() => page.locator('[data-testid="duplicates-outcome"]').textContent()).toContain('all 891 rows stay');
      await page.getByLabel(/^only some columns/).check();
      await expect.poll(() => report('drop-duplicates').textContent()).toMatch(/^removed \d+ rows \(891 → \d+ rows, 12 columns\)/);
      const removed = Number(/removed (\d+) rows/.exec((await report('drop-duplicates').textContent())!)![1]);
      expect(removed).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="duplicates-outcome"]').textContent()).toContain(`Drops ${removed} rows of 891`);
      expect(await page.locator('.compare input[type="checkbox"]:checked').count(), 'the 7 features, not the target nor the columns left out').toBe(7);
      await app.shot('duplicates');
      await undo(2);
      await expect.poll(() => page.locator('[data-step="drop-duplicates"]').count()).toBe(0);
      expect(await page.getByLabel('Drop rows that repeat an earlier row').isChecked()).toBe(false);
    });

    it('filters rows by age, refusing a bound that is not a number without losing it, and undoes it', async () => {
      const { page } = app;
      await page.locator('#wizard-tab-filters').click();
      await page.locator('select[aria-label="Column for a new filter"]').selectOption('Age');
      await page.getByRole('button', { name: 'Add a filter' }).click();
      // Rows without an age never fall in a range: the whole range removes the 177 of them.
      await expect.poll(() => report('filter-Age').textContent()).toContain('removed 177 rows (891 → 714 rows, 12 columns)');
      expect(await page.locator('[data-step="filter-Age"]').getAttribute('class')).toContain('editing');
      const lowest = page.locator('input[aria-label="Lowest Age of filter-Age"]');
      await lowest.fill('eighteen');
      await lowest.press('Tab');
      expect(await page.locator('.filter .wz-problem').textContent()).toMatch(/^"eighteen" is not a number, and "Age" holds numbers\./);
      expect(await lowest.inputValue(), 'what was typed stays to be corrected').toBe('eighteen');
      await lowest.fill('18');
      await lowest.press('Tab');
      await expect.poll(() => report('filter-Age').textContent()).toContain('removed 290 rows (891 → 601 rows');
      expect(await page.locator('.filter .wz-problem').count()).toBe(0);
      expect(await page.locator('[data-testid="filter-outcome"]').textContent()).toContain('Removes 290 of 891 rows (33%) before the split: 891 → 601 rows.');
      expect(await page.locator('[data-testid="clean-counts"]').innerText()).toMatch(/^891 rows → 421 training, 90 validation, 90 test/);
      await app.shot('filters');

      // A text column's values are ticked; the ports of the adults left are S, C and Q (and 2 without a port).
      await page.locator('select[aria-label="Column for a new filter"]').selectOption('Embarked');
      await page.getByRole('button', { name: 'Add a filter' }).click();
      const embarked = page.locator('[data-filter="filter-Embarked"]');
      expect(await embarked.getByLabel('S', { exact: true }).isChecked()).toBe(true);
      await expect.poll(() => report('filter-Embarked').textContent()).toMatch(/^removed \d+ rows \(601 → \d+ rows/);
      const onlyS = Number(/→ (\d+) rows/.exec((await report('filter-Embarked').textContent())!)![1]);
      await embarked.getByLabel('Q', { exact: true }).check();
      await expect.poll(async () => Number(/→ (\d+) rows/.exec((await report('filter-Embarked').textContent())!)?.[1])).toBeGreaterThan(onlyS);
      // A filter on the target only shapes the rows learned from and tested on: the wizard says so.
      await page.locator('select[aria-label="Column of filter-Embarked"]').selectOption('Survived');
      await expect.poll(() => embarked.locator('.target').textContent()).toContain('"Survived" is the target. Rows to predict have no target');
      // A boolean number column's 0 and 1 are ticked too, as numbers: both ticked keep every row.
      expect(await embarked.getByLabel('0', { exact: true }).isChecked()).toBe(true);
      expect(await embarked.getByLabel('1', { exact: true }).isChecked()).toBe(false);
      await embarked.getByLabel('1', { exact: true }).check();
      await expect.poll(() => embarked.locator('[data-testid="filter-outcome"]').textContent()).toMatch(/^\s*Removes no row of/);
      await app.shot('filters-target');
      await undo(6);
      await expect.poll(() => page.locator('[data-step="filter-Age"]').count()).toBe(0);
      expect(await page.locator('.filter').count()).toBe(0);
    });

    it('log-transforms Fare, showing its skewness before and after, and undoes it', async () => {
      const { page } = app;
      await page.locator('#wizard-tab-log').click();
      const fare = page.locator('.pick', { hasText: 'Fare' });
      expect(await fare.locator('.skew').textContent()).toBe('4.8');
      await fare.click();
      await page.getByLabel('Log-transform Fare').check();
      await expect.poll(() => report('log-transform').textContent()).toMatch(/^log-transformed 1 column \(skewness "Fare" 4\.78 → 0\.\d\d\) \(891 rows, \d+ columns\)/);
      expect(await page.locator('[data-testid="log-outcome"]').textContent()).toMatch(/skewness "Fare" 4\.78 → 0\.\d\d/);
      await app.shot('log-transform');
      // Another column picked, the step's Edit button brings Fare back.
      await page.locator('.pick', { hasText: 'SibSp' }).click();
      expect(await page.getByLabel('Log-transform SibSp').isChecked()).toBe(false);
      await page.getByRole('button', { name: 'Edit log-transform' }).click();
      expect(await page.locator('.pick.on').textContent()).toContain('Fare');
      expect(await page.locator('[data-step="log-transform"]').getAttribute('class')).toContain('editing');
      await undo();
      await expect.poll(() => page.locator('[data-step="log-transform"]').count()).toBe(0);
    });

    it("opens a step's wizard from its Edit button in the recipe list", async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Edit impute-median-flag' }).click();
      expect(await page.locator('#wizard-tab-missing').getAttribute('aria-selected')).toBe('true');
      await page.getByRole('button', { name: 'Edit drop-columns' }).click();
      expect(await page.locator('#wizard-tab-columns').getAttribute('aria-selected')).toBe('true');
    });

    it('splits the dates of 200 football results into the day of the month too, and undoes it', async () => {
      const { page } = app;
      await page.locator('#step-tab-data').click();
      const chooser = page.waitForEvent('filechooser');
      await page.keyboard.press('Control+O');
      await (await chooser).setFiles(`${DATASETS}/variants/football_results_utf8.csv`);
      await page.waitForSelector('.dataset h1:has-text("football_results_utf8.csv")');
      // Not a sample: the app asks what to predict first; the suggestion is taken.
      await page.locator('[data-action="confirm-target"]').click();
      await page.locator('#step-tab-clean').click();
      await expect.poll(() => report('dates-date').textContent()).toContain('removed 1 column, added 3 columns');
      await page.locator('#wizard-tab-dates').click();
      const row = page.locator('.date[data-column="date"]');
      // The earliest match of these was played on a Sunday.
      expect(await row.locator('[data-testid="date-example"]').textContent()).toBe('1904-05-01 → year 1904, month 5, day of week 6 (Sunday)');
      await row.getByLabel('day of month').check();
      await expect.poll(() => report('dates-date').textContent()).toContain('removed 1 column, added 4 columns');
      expect(await row.locator('[data-testid="date-example"]').textContent()).toBe('1904-05-01 → year 1904, month 5, day of month 1, day of week 6 (Sunday)');
      expect(await row.getByLabel('Standardize the parts').isChecked(), 'the new part is scaled like the others').toBe(true);
      await expect.poll(() => page.locator('.preview thead').textContent()).toContain('date (day of month)');
      await app.shot('dates');

      for (const part of ['year', 'month', 'day of month']) await row.getByLabel(part, { exact: true }).uncheck();
      await row.getByLabel('day of week', { exact: true }).click();
      expect(await row.locator('.wz-problem').textContent()).toBe('Keep at least one part of "date", or leave the column out on the Columns tab.');
      expect(await row.getByLabel('day of week', { exact: true }).isChecked(), 'the last part stays').toBe(true);
      await expect.poll(() => report('dates-date').textContent()).toContain('added 1 column');
      await undo(4);
      await expect.poll(() => report('dates-date').textContent()).toContain('removed 1 column, added 3 columns');
      expect(await row.getByLabel('day of month').isChecked()).toBe(false);
    });

    it('keeps the matches played since 1930 with a date filter, typed as a date', async () => {
      const { page } = app;
      await page.locator('#wizard-tab-filters').click();
      await page.locator('select[aria-label="Column for a new filter"]').selectOption('date');
      await page.getByRole('button', { name: 'Add a filter' }).click();
      const lowest = page.locator('input[aria-label="Lowest date of filter-date"]');
      await expect.poll(() => lowest.inputValue()).toBe('1904-05-01');
      await lowest.fill('1930');
      await lowest.press('Tab');
      expect(await page.locator('.filter .wz-problem').textContent()).toMatch(/^"1930" is not a date, and "date" holds dates\. Type the lowest date as year-month-day/);
      await lowest.fill('1930-01-01');
      await lowest.press('Tab');
      await expect.poll(() => report('filter-date').textContent()).toContain('removed 141 rows (200 → 59 rows');
      expect(await page.locator('[data-step="filter-date"] .what').textContent()).toBe('Keep only rows where "date" is from 1930-01-01 to 1937-05-02');
      await app.shot('filters-dates');
      await undo(2);
      await expect.poll(() => page.locator('[data-step="filter-date"]').count()).toBe(0);
    });
  });
}
