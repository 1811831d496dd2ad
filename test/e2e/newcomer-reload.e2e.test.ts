/**
 * Trap 6 of issue 12, in Chromium through the web host: a reload (F5) gives back the dataset, the target, the
 * recipe, the network and the runs as they were, and the tab closed and the app opened again offers them like a
 * crashed session's state (the same restore); a saved project opened back in that session lists each model once.
 * Both themes.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, openApp, startWebHost, type RunningHost, type Session } from './harness.ts';
import { goTo } from './app-steps.ts';
import { chooseTarget, shotBothThemes, train, upload, writeNewcomerFiles, type NewcomerFiles } from './newcomer-kit.ts';

let host: RunningHost;
let files: NewcomerFiles;
const sessions: Session[] = [];

beforeAll(async () => {
  files = await writeNewcomerFiles();
  host = await startWebHost(await builtRenderer());
});

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => undefined);
  await host?.stop();
  await rm(files.dir, { recursive: true, force: true });
});

const FLOW_MS = 240_000;

async function restored(app: Session): Promise<void> {
  const { page } = app;
  // The header names the dataset, not "No dataset open".
  await app.waitShown('header.header:has-text("birds.csv")');
  await goTo(app, 'Data');
  await app.waitShown('.dataset h1:has-text("birds.csv")');
  expect(await page.getByTestId('target-answer').textContent()).toContain('Predicting sex as yes / no');
  await goTo(app, 'Clean');
  await app.waitShown('[data-testid="clean-counts"]');
  expect(await page.getByTestId('split-line').first().locator('[data-split-text]').textContent()).toBe('60% training · 20% validation · 20% test · stratified · seed 42');
  await goTo(app, 'Build');
  await expect.poll(() => page.getByTestId('design-name').textContent()).toBe('6-6-1');
  await goTo(app, 'Evaluate');
  await app.waitShown('select[aria-label="Model to show"]');
  expect(await page.locator('select[aria-label="Model to show"] option').count(), 'the one run, once').toBe(1);
}

describe('(6) a reload keeps the work', () => {
  it('gives back dataset, target, recipe, network and runs after F5 and after the tab is closed; a reopened project lists each run once', async () => {
    const app = await openApp(host, 'newcomer-reload');
    sessions.push(app);
    const { page } = app;
    await upload(app, files.birds);
    await chooseTarget(app, 'sex');
    await goTo(app, 'Clean');
    await app.waitShown('[data-testid="clean-counts"]');
    for (const [share, value] of [['Validation', '20'], ['Test', '20']] as const) {
      const input = page.locator('label.wz-field', { hasText: share }).locator('input');
      await input.fill(value);
      await input.press('Tab');
    }
    await goTo(app, 'Build');
    await page.locator('[data-preset="classic"]').click();
    await train(app, 10);
    // Autosave reports a moment after the last change.
    await page.waitForTimeout(1500);

    await page.reload();
    await page.waitForSelector('.frame');
    // A reload takes the work back without asking: back on the step it was on, its run finished.
    await app.waitShown('section.run[data-status="completed"]');
    await restored(app);
    await shotBothThemes(app, 'after-reload');
    expect(app.takeErrors(), 'console or page errors').toEqual([]);

    await app.close();
    // A tab opened again is offered the work, as after a crash, and takes it back when asked.
    const reopened = await openApp(host, 'newcomer-reopened');
    sessions.push(reopened);
    const offer = reopened.page.locator('[data-banner="recovery"]');
    await offer.waitFor();
    expect(await offer.locator('.title').textContent()).toMatch(/A page of this Layerlab had work open until .*\. Take birds back \(1 trained model, birds\.csv\)\?/);
    await shotBothThemes(reopened, 'offer');
    await reopened.page.locator('[data-action="restore-recovery"]').click();
    await restored(reopened);

    await goTo(reopened, 'Predict & export');
    await reopened.waitShown('[data-action="save-project"]');
    const [download] = await Promise.all([reopened.page.waitForEvent('download'), reopened.page.locator('[data-action="save-project"]').click()]);
    const path = join(files.dir, 'birds.layerlab');
    await download.saveAs(path);
    const [chooser] = await Promise.all([reopened.page.waitForEvent('filechooser'), reopened.page.locator('[data-action="open-project"]').click()]);
    await chooser.setFiles(path);
    await reopened.noticeShown('is open with 1 model');
    await goTo(reopened, 'Evaluate');
    await reopened.waitShown('select[aria-label="Model to show"]');
    expect(await reopened.page.locator('select[aria-label="Model to show"] option').count(), 'the project’s run is the open one, not a second copy').toBe(1);
    await shotBothThemes(reopened, 'project-reopened');
    expect(reopened.takeErrors(), 'console or page errors').toEqual([]);
  }, FLOW_MS);
});
