/**
 * The desktop app itself, driven through Playwright's Electron support. Runs wherever an Electron binary
 * exists (a developer machine, CI with GitHub access); here, where none can be downloaded, it is skipped and
 * says why.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../../main/api/contract.ts';
import { buildMain } from '../../../scripts/build-main.ts';
import { buildRenderer } from '../../../scripts/build-renderer.ts';
import { findElectronBinary } from '../../../scripts/electron-binary.ts';
import { ROOT } from '../../../scripts/paths.ts';

const electron = findElectronBinary();
const skipReason = electron.found ? null : `no Electron binary on this machine: ${electron.reason}. The same renderer and services are tested through the web host (test/e2e).`;

describe('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!electron.found) return;
    await Promise.all([buildRenderer(undefined, { quiet: true }), buildMain()]);
    userData = await mkdtemp(join(tmpdir(), 'layerlab-electron-'));
    app = await _electron.launch({ executablePath: electron.path, args: [ROOT, `--user-data-dir=${userData}`], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' } });
    page = await app.firstWindow();
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.waitForSelector('.frame');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('opens a window on the app:// origin with the six steps', async (context) => {
    if (skipReason) return context.skip(skipReason);
    expect(page.url()).toBe('app://layerlab/index.html');
    expect(await page.title()).toBe('Layerlab');
    expect(await page.locator('[role="tab"]').count()).toBe(6);
    await mkdir(join(ROOT, 'test-results', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'electron-01-start.png') });
  });

  it('gives the page no Node and exactly the contract’s methods on window.layerlab', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { layerlab: object }).layerlab).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: [...callNames, 'pathForFile', 'subscribe'].sort() });
  });

  it('hands the page a frozen copy of the bridge (context isolation), not the preload’s own object', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const frozen = await page.evaluate(() => Object.isFrozen((window as unknown as { layerlab: object }).layerlab));
    expect(frozen).toBe(true);
  });

  it('answers calls through the preload and opens a bundled sample', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const info = await page.evaluate(() => (window as unknown as { layerlab: { appInfo(r: object): Promise<unknown> } }).layerlab.appInfo({}));
    expect(info).toMatchObject({ ok: true, value: { transport: 'electron', name: 'Layerlab' } });
    await page.locator('[data-sample="iris"]').click();
    await page.waitForSelector('.dataset h1:has-text("iris.csv")');
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'electron-02-iris.png') });
  });

  it('refuses to navigate away or open new windows', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => (location.href = 'https://example.com/'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://layerlab/index.html');
    expect(app.windows()).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
