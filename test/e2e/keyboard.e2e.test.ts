/**
 * The whole path without a mouse, in Chromium through the web host (dark theme; the light one's focus ring is
 * pinned by the theme contrast test): open a sample, accept the suggested recipe, build, train, evaluate (a
 * matrix cell's rows, the threshold, the rows evaluated on), predict one row and export the model, with Tab,
 * Enter, Space, the arrow keys and the app's shortcuts only. Every focus stop on the way must show a focus ring,
 * and the shortcuts dialog keeps the focus inside and gives it back.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';

/** Training through the screens on a shared 2-core machine. */
const TRAINS = 240_000;
/** No step needs more Tab presses than this to reach its control. */
const MOST_TABS = 80;

let host: RunningHost;
let app: Session;

beforeAll(async () => {
  host = await startWebHost(await builtRenderer());
  app = await openApp(host, 'keyboard', { colorScheme: 'dark' });
});

afterAll(async () => {
  await app?.close();
  await host?.stop();
});

afterEach(() => {
  expect(app.takeErrors(), 'console or page errors').toEqual([]);
});

interface FocusStop {
  readonly what: string;
  /** A ring is drawn: an outline of 2px or more on the element (or on the label of a visually hidden input). */
  readonly ring: boolean;
  readonly matches: boolean;
}

/** What has the focus, whether it shows a ring, and whether it is `selector`. */
function focusStop(selector: string): Promise<FocusStop> {
  return app.page.evaluate((wanted) => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { what: 'body', ring: false, matches: false };
    const shown = element.matches('.visually-hidden') ? (element.closest('label') ?? element) : element;
    const style = getComputedStyle(shown);
    const ring = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
    return { what: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${name}"`, ring, matches: element.matches(wanted) };
  }, selector);
}

/** Presses Tab (or Shift+Tab) until `selector` has the focus; every stop on the way must show its focus ring. */
async function tabTo(selector: string, direction: 'forward' | 'backward' = 'forward'): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < MOST_TABS; i++) {
    await app.page.keyboard.press(direction === 'forward' ? 'Tab' : 'Shift+Tab');
    const stop = await focusStop(selector);
    stops.push(stop.what);
    if (stop.what !== 'body') expect(stop.ring, `a focus ring on ${stop.what}`).toBe(true);
    if (stop.matches) return;
  }
  throw new Error(`${selector} never took the focus; the stops were: ${stops.join(', ')}`);
}

async function focused(): Promise<string> {
  return app.page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}` : 'none';
  });
}

describe('the four steps with the keyboard only', () => {
  it('opens a bundled sample from the start screen', async () => {
    const { page } = app;
    await page.waitForSelector('[data-sample="titanic"]');
    await tabTo('[data-sample="titanic"]');
    await app.shot('sample-focused');
    await page.keyboard.press('Enter');
    await app.waitShown('.dataset h1:has-text("titanic.csv")');
  });

  it('reaches Clean from the sidebar with the arrow keys and accepts the suggested recipe', async () => {
    const { page } = app;
    await tabTo('#step-tab-data', 'backward');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('button#step-tab-clean');
    await app.waitShown('[data-testid="clean-counts"]');
    await tabTo('.clean .top .button.primary');
    await app.shot('recipe-accept-focused');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-preset="classic"]');
    expect(await focused(), 'the new step takes the focus from the button that went away').toBe('div#step-panel');
  });

  it('builds the classic 6-6-1 and goes on to Train', async () => {
    const { page } = app;
    await tabTo('[data-preset="classic"]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('6-6-1');
    expect(await page.locator('[data-preset="classic"]').getAttribute('aria-pressed')).toBe('true');
    await tabTo('.build .top .button.primary', 'backward');
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[name="epochs"]');
  });

  it('trains for 12 epochs from the settings form and goes on to Evaluate', async () => {
    const { page } = app;
    await tabTo('input[name="epochs"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await app.waitShown('section.run[data-status="completed"]', 180_000);
    await tabTo('section.run .button.primary');
    await app.shot('evaluate-focused');
    await page.keyboard.press('Enter');
    await app.waitShown('.cell[data-cell="1-0"]');
    expect(await focused()).toBe('div#step-panel');
  }, TRAINS);

  it("evaluates: a matrix cell's rows open and close back onto the cell, the threshold and the rows move with the arrows", async () => {
    const { page } = app;
    await tabTo('.cell[data-cell="1-0"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section.rows');
    expect(await page.locator('.cell[data-cell="1-0"]').getAttribute('aria-current')).toBe('true');
    await tabTo('section.rows .button');
    await app.shot('cell-rows-close-focused');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section.rows', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell')), 'the focus goes back to the cell').toBe('1-0');

    await tabTo('input[aria-label="Decision threshold"]');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('[data-threshold]').textContent()).toBe('0.45');

    await tabTo('[role="radio"][aria-checked="true"]', 'backward');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-split="validation"]').getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-split'))).toBe('validation');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('[data-split="test"]').getAttribute('aria-checked')).toBe('true');
  });

  it('predicts one row and exports the model file from Predict & export', async () => {
    const { page } = app;
    await page.keyboard.press('Control+6');
    await app.waitShown('form.form');
    await tabTo('form.form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-prediction]');
    await tabTo('[data-export="json"]');
    await app.shot('export-focused');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const model = JSON.parse(await readFile((await download.path())!, 'utf8')) as { format: string };
    expect(model.format).toBe('layerlab-model');
  });
});

describe('the shortcuts dialog with the keyboard', () => {
  it('keeps the focus inside while open, closes on Escape and gives the focus back', async () => {
    const { page } = app;
    await tabTo('[role="tab"][aria-selected="true"]');
    const opener = await focused();
    await page.keyboard.press('F1');
    await page.waitForSelector('dialog[open]');
    await app.shot('shortcuts-open');
    // The page behind a modal dialog is inert: Tab cycles through the dialog (and the browser's own controls, which
    // a page sees as the body), never to the page.
    const stops: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => (document.activeElement === document.body ? 'browser' : document.querySelector('dialog[open]')?.contains(document.activeElement) ? 'dialog' : 'page')));
    }
    expect(stops).not.toContain('page');
    expect(stops.filter((s) => s === 'dialog').length).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    expect(await focused()).toBe(opener);
  });
});
