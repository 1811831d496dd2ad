/** What many e2e files do the same way in the app: open a step, switch the theme, build a preset and train it. */
import { expect } from 'vitest';
import type { Session } from './harness.ts';

export const THEMES = ['light', 'dark'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Opens one of the six steps by its tab. */
export async function goTo(app: Session, step: string): Promise<void> {
  await app.page.locator(`[role="tab"]:has-text("${step}")`).click();
}

/** Switches the theme as a person does, and waits until the page has it. */
export async function useTheme(app: Session, theme: ThemeName): Promise<void> {
  await app.page.locator(`label[title="${theme === 'light' ? 'Light' : 'Dark'} theme"]`).click();
  await app.page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

/** Build (a preset), then Train for `epochs` through the screens; resolves once this run has finished. */
export async function buildAndTrain(app: Session, preset: string, epochs: number): Promise<void> {
  const { page } = app;
  await goTo(app, 'Build');
  await page.locator(`[data-preset="${preset}"]`).click();
  await goTo(app, 'Train');
  await page.locator('input[name="epochs"]').fill(String(epochs));
  await page.locator('input[name="epochs"]').press('Tab');
  // Runs of other windows on the same host are listed too: wait for this run's own row, not any completed one.
  const runsBefore = await page.locator('tr[data-run]').count();
  await page.locator('button.train').click();
  await expect.poll(() => page.locator('tr[data-run]').count()).toBe(runsBefore + 1);
  const runId = await page.locator('tr[data-run]').last().getAttribute('data-run');
  await app.waitShown(`section.run[data-run="${runId}"][data-status="completed"]`, 180_000);
}
