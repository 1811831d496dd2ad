/**
 * The app in Chromium, served by the web host exactly as `npm run web` serves it: frame, keyboard navigation,
 * themes, opening files three ways (sample, file picker, drag and drop), a 100k-row table, error display, and
 * the token gate. Real files from resources/samples and the shared datasets.
 */
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';

const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');
const TITANIC_SHA256 = '4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7';

let host: RunningHost;
let app: Session;

beforeAll(async () => {
  host = await startWebHost(await builtRenderer());
  app = await openApp(host, 'app');
});

afterAll(async () => {
  await app?.close();
  await host?.stop();
});

afterEach(() => {
  expect(app.takeErrors(), 'console or page errors').toEqual([]);
});

async function selectedStep(): Promise<string | null> {
  return app.page.locator('[role="tab"][aria-selected="true"] .label').textContent();
}

describe('the app served by the web host', () => {
  it('opens on the Data step with all six steps in the sidebar', async () => {
    const { page } = app;
    await page.waitForSelector('[data-sample="titanic"]');
    expect(await page.locator('[role="tab"] .label').allTextContents()).toEqual(['Data', 'Clean', 'Build', 'Train', 'Evaluate', 'Predict & export']);
    expect(await selectedStep()).toBe('Data');
    expect(await page.locator('h1').textContent()).toBe('Open your data');
    expect(await page.locator('[data-sample]').count()).toBe(4);
    await app.shot('start');
  });

  it('moves between steps with the arrow keys, Home/End and the Ctrl+number shortcuts', async () => {
    const { page } = app;
    await page.locator('[role="tab"][aria-selected="true"]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await selectedStep()).toBe('Clean');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-tab-clean');
    expect(await page.locator('#step-panel h1').textContent()).toBe('Load a dataset first');
    await app.shot('clean-empty');
    await page.keyboard.press('End');
    expect(await selectedStep()).toBe('Predict & export');
    await page.keyboard.press('ArrowDown');
    expect(await selectedStep(), 'wraps around').toBe('Data');
    await page.keyboard.press('Control+4');
    expect(await selectedStep()).toBe('Train');
    await page.keyboard.press('Home');
    expect(await selectedStep()).toBe('Data');
  });

  it('switches between light and dark, and remembers the choice after a reload', async () => {
    const { page } = app;
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme(), 'follows the system (light here)').toBe('light');
    await page.locator('label[title="Dark theme"]').click();
    expect(await theme()).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(20, 23, 28)');
    await app.shot('dark');
    await page.reload();
    await page.waitForSelector('.frame');
    expect(await theme(), 'kept across reloads').toBe('dark');
    await page.keyboard.press('Control+Shift+L');
    expect(await theme()).toBe('light');
    await page.locator('label[title="System theme"]').click();
    expect(await theme()).toBe('light');
  });

  it('opens a bundled sample: its bytes arrive in main and its rows show in the table', async () => {
    const { page } = app;
    await page.locator('[data-sample="titanic"]').click();
    await page.waitForSelector('.dataset h1');
    expect(await page.locator('.dataset h1').textContent()).toBe('titanic.csv');
    expect(await page.locator('.hash').getAttribute('title')).toContain(TITANIC_SHA256);
    expect(await page.locator('.meta').textContent()).toContain('891 rows × 12 columns');
    await page.waitForSelector('[role="gridcell"]:has-text("Braund, Mr. Owen Harris")');
    const firstRow = await page.locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').allTextContents();
    expect(firstRow.map((t) => t.trim())).toEqual(['1', '0', '3', 'Braund, Mr. Owen Harris', 'male', '22', '1', '0', 'A/5 21171', '7.25', 'missing', 'S']);
    const missingChart = page.locator('[aria-labelledby="missing-title"] .chart');
    expect(await missingChart.locator('canvas').count()).toBe(1);
    const chart = (await missingChart.boundingBox())!;
    for (const [x, y] of [[0.5, 0.3], [0.4, 0.16]] as const) await page.mouse.move(chart.x + chart.width * x, chart.y + chart.height * y);
    await app.shot('titanic');
    await page.keyboard.press('Control+2');
    // Other steps know a dataset is open: Clean shows the recipe suggested for it.
    await page.locator('#step-panel h1:has-text("Clean")').waitFor();
    await page.keyboard.press('Control+1');
  });

  it('opens a 100,000-row file from the file picker and scrolls to its last row with only a screenful in the DOM', async () => {
    const { page } = app;
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+O');
    await (await chooser).setFiles(`${DATASETS}/diabetes130_readmission.csv`);
    await page.waitForSelector('.dataset h1:has-text("diabetes130_readmission.csv")', { timeout: 30_000 });
    expect(await page.locator('.meta').textContent()).toContain('101,766 rows × 50 columns');
    const grid = page.locator('[role="grid"]');
    expect(await grid.getAttribute('aria-rowcount')).toBe('101767');
    await grid.evaluate((element) => (element.scrollTop = element.scrollHeight));
    const lastRow = page.locator('[role="row"][aria-rowindex="101767"]');
    await lastRow.locator('[role="gridcell"]').first().filter({ hasText: '443867222' }).waitFor();
    expect((await lastRow.locator('[role="rowheader"]').textContent())?.trim()).toBe('101,766');
    const drawn = await page.locator('[role="grid"] [role="row"]').count();
    expect(drawn).toBeLessThan(60);
    await app.shot('large-file-bottom');
    await grid.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
    await page.locator('[role="row"][aria-rowindex="50885"] [role="gridcell"]:not(.pending)').first().waitFor();
    await app.shot('large-file-middle');
  });

  it('opens a file dropped onto the window', async () => {
    const { page } = app;
    const csv = 'sepal_length,species\n5.1,setosa\n4.9,setosa\n6.3,virginica\n';
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return data;
    }, csv);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.waitForSelector('.overlay');
    await app.shot('drop-overlay');
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await page.waitForSelector('.dataset h1:has-text("dropped.csv")');
    expect(await page.locator('.overlay').count()).toBe(0);
    expect(await page.locator('.meta').textContent()).toContain('3 rows × 2 columns');
    await app.shot('dropped');
  });

  it('explains a file that is not a table in the notice area, and keeps the open dataset', async () => {
    const { page } = app;
    const chooser = page.waitForEvent('filechooser');
    await page.locator('button:has-text("Open another")').click();
    await (await chooser).setFiles({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1') });
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.locator('.title').textContent()).toBe('Could not open report.csv');
    expect(await alert.locator('.detail').textContent()).toContain('PDF');
    expect(await page.locator('.dataset h1').textContent(), 'the previous dataset stays open').toBe('dropped.csv');
    await app.shot('not-a-table');
    await alert.locator('button[aria-label="Dismiss"]').click();
    expect(await alert.count()).toBe(0);
  });

  it('lists the keyboard shortcuts on F1 and closes the list on Escape', async () => {
    const { page } = app;
    await page.keyboard.press('F1');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('td').first().textContent()).toBe('Open a file');
    await app.shot('shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

/** A raw request, so that the Host header can be forged (fetch does not allow it). */
function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { method: 'GET', headers }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    })
      .on('error', reject)
      .end();
  });
}

describe('the web host gate', () => {
  const call = (token: string | null) =>
    fetch(`${host.origin}/api/appInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-layerlab-token': token } : {}) },
      body: '{}',
    });

  it('refuses a call without the launch token, or with a wrong one, and answers with it', async () => {
    const missing = await call(null);
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await call('x'.repeat(43))).status).toBe(403);
    const allowed = await call(host.token);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ ok: true, value: { name: 'Layerlab', transport: 'web' } });
  });

  it('serves the page (the app’s code) without the token, but not to a request naming another host (DNS rebinding)', async () => {
    expect(host.url, 'the key travels after #, which no server receives').toMatch(/\/#token=[A-Za-z0-9_-]{43}$/);
    expect(await get(`${host.origin}/`, {})).toBe(200);
    expect(await get(`${host.origin}/`, { host: `evil.example:${new URL(host.origin).port}` })).toBe(403);
  });

  it('takes the key out of the address bar, keeps it in the tab, and sends it as a header: no cookie', async () => {
    const { page } = app;
    expect(page.url(), 'no key left in the address').toBe(`${host.origin}/`);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('layerlab-token'))).toBe(host.token);
  });

  it('refuses a call sent from another origin even with the token', async () => {
    const response = await fetch(`${host.origin}/api/appInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-layerlab-token': host.token, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});
