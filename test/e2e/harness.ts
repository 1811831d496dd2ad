/**
 * Browser tests against the real thing: the renderer built by Vite (once per source state), served by
 * `scripts/web.ts` in its own process, driven in Debian's Chromium through playwright-core. Any console error or
 * uncaught page error fails the test; every step leaves a screenshot in test-results/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildRenderer } from '../../scripts/build-renderer.ts';
import { ROOT } from '../../scripts/paths.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS = join(ROOT, 'test-results', 'screenshots');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** Builds the renderer into out/e2e/<hash of its sources>, unless that build exists already. */
export async function builtRenderer(): Promise<string> {
  // The renderer bundles engine code too (step descriptions, date parts), so an engine change is a new build.
  const sources = [...(await filesUnder(join(ROOT, 'renderer'))), ...(await filesUnder(join(ROOT, 'main', 'api'))), ...(await filesUnder(join(ROOT, 'engine'))), join(ROOT, 'vite.config.ts')];
  const hash = createHash('sha256');
  for (const file of sources) hash.update(relative(ROOT, file)).update(await readFile(file));
  const dir = join(ROOT, 'out', 'e2e', hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'index.html'))) return dir;
  // Build beside it and rename: two test files building at once cannot see half a build.
  await mkdir(join(ROOT, 'out', 'e2e'), { recursive: true });
  const staging = await mkdtemp(`${dir}-`);
  await buildRenderer(staging, { quiet: true });
  try {
    await rename(staging, dir);
  } catch {
    await rm(staging, { recursive: true, force: true });
  }
  // Builds of older sources are never used again.
  for (const entry of await readdir(join(ROOT, 'out', 'e2e'))) {
    const path = join(ROOT, 'out', 'e2e', entry);
    if (path !== dir && !path.startsWith(`${dir}-`)) await rm(path, { recursive: true, force: true });
  }
  return dir;
}

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly settingsDir: string;
  /** The host's process id: the name of what it leaves in the temporary folder carries it. */
  readonly pid: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: nothing is cleaned up, the settings folder stays. */
  kill(): Promise<void>;
}

/**
 * Runs `scripts/web.ts` exactly as `npm run web` does, on a free port, with a throwaway settings folder (or the
 * given one, which the caller removes: a restart after a crash reuses it).
 */
export async function startWebHost(rendererDir: string, options: { settingsDir?: string } = {}): Promise<RunningHost> {
  const settingsDir = options.settingsDir ?? (await mkdtemp(join(tmpdir(), 'layerlab-e2e-settings-')));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/web.ts', '--no-build', '--port', '0', '--renderer-dir', rendererDir, '--settings-dir', settingsDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token')!,
    settingsDir,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.settingsDir) await rm(settingsDir, { recursive: true, force: true });
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface Session {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen since the last `takeErrors()`. */
  takeErrors(): string[];
  /** Saves a screenshot as test-results/screenshots/<prefix>-<nn>-<name>.png. */
  shot(name: string): Promise<void>;
  /**
   * Waits until a success notice whose title contains `text` has been shown. Success notices fade after a few
   * seconds, and a window busy restoring a project can outlast that: every notice is recorded as it appears.
   */
  noticeShown(text: string): Promise<void>;
  /**
   * Waits for `selector`. A timeout says what the window showed instead (the step's text and the notices), where
   * a bare timeout would leave a failure seen once under load with nothing to go on.
   */
  waitShown(selector: string, timeout?: number): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly colorScheme?: 'light' | 'dark';
  /**
   * Lets the test inject a script (axe-core) that the app's CSP would rightly refuse. For audits only: a test of
   * the app's own behaviour runs under its real CSP.
   */
  readonly bypassCSP?: boolean;
}

export async function openApp(host: RunningHost, prefix: string, options: AppOptions = {}): Promise<Session> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // Reduced motion switches the app's transitions off, so screenshots never catch a theme change halfway.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light', reducedMotion: 'reduce', bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __layerlabNotices: string[] }).__layerlabNotices = seen;
    new MutationObserver(() => {
      for (const title of document.querySelectorAll('.notice.success .title')) if (title.textContent && !seen.includes(title.textContent)) seen.push(title.textContent);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  // Playwright starts intercepting file pickers when the first listener is added, asynchronously: a test that
  // adds one just before a key press can race it. A listener from the start keeps interception on.
  page.on('filechooser', () => {});
  await mkdir(SHOTS, { recursive: true });
  let n = 0;
  await page.goto(host.url);
  await page.waitForSelector('.frame');
  return {
    browser,
    context,
    page,
    takeErrors: () => errors.splice(0),
    shot: async (name) => {
      n++;
      await page.screenshot({ path: join(SHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`) });
    },
    noticeShown: async (text) => {
      await page.waitForFunction((part) => (window as unknown as { __layerlabNotices: string[] }).__layerlabNotices.some((title) => title.includes(part)), text, { timeout: 30_000 });
    },
    waitShown: async (selector, timeout = 30_000) => {
      try {
        await page.waitForSelector(selector, { timeout });
      } catch (error) {
        const shown = await page
          .evaluate(() => ({
            step: (document.querySelector('main')?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 1500),
            notices: [...document.querySelectorAll('.notice')].map((n) => `${n.className}: ${(n as HTMLElement).innerText.replace(/\s+/g, ' ')}`),
            recorded: (window as unknown as { __layerlabNotices: string[] }).__layerlabNotices,
          }))
          .catch((reason: unknown) => ({ unreadable: String(reason) }));
        throw new Error(`${selector} was not shown within ${timeout} ms (${(error as Error).message.split('\n')[0]}). The window showed: ${JSON.stringify(shown, null, 1)}; errors so far: ${JSON.stringify(errors)}`);
      }
    },
    close: () => browser.close(),
  };
}

/**
 * The longest wait between two frames over a second of the page's own clock: how long the window went without
 * answering (a click, a redraw) while something trains.
 */
export function longestFrame(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let longest = 0;
        const end = last + 1000;
        const frame = (now: number) => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) requestAnimationFrame(frame);
          else resolve(longest);
        };
        requestAnimationFrame(frame);
      }),
  );
}
