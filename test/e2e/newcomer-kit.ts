/**
 * What the newcomer e2e tests share: the tables of test/fixtures/newcomer-tables.ts written to a folder, and the
 * steps a person takes through the screens (upload a file, answer "what should the network predict?", train).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { classesCsv, writeTwoSheetWorkbook, yearLastCsv } from '../fixtures/newcomer-tables.ts';
import { goTo } from './app-steps.ts';
import type { Session } from './harness.ts';

export interface NewcomerFiles {
  readonly dir: string;
  /** Penguin-like birds whose last column is a year. */
  readonly birds: string;
  /** A workbook: a short note on its first sheet, the birds on the second. */
  readonly workbook: string;
  /** Plant-disease-like tables with this many classes, target first, quoted numeric codes. */
  classes(n: 10 | 19 | 26): string;
}

export async function writeNewcomerFiles(): Promise<NewcomerFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'layerlab-newcomer-'));
  const birds = join(dir, 'birds.csv');
  await writeFile(birds, yearLastCsv());
  const workbook = join(dir, 'field-notes.xlsx');
  await writeTwoSheetWorkbook(workbook);
  for (const n of [10, 19, 26]) await writeFile(join(dir, `disease${n}.csv`), classesCsv(n));
  return { dir, birds, workbook, classes: (n) => join(dir, `disease${n}.csv`) };
}

/** Opens a file through the browser's file picker (an upload), as a person does with Ctrl+O. */
export async function upload(app: Session, path: string): Promise<void> {
  const name = path.split('/').pop()!;
  const chooser = app.page.waitForEvent('filechooser');
  await app.page.keyboard.press('Control+O');
  await (await chooser).setFiles(path);
  await app.waitShown(`.dataset h1:has-text("${name}")`);
}

/** Answers "what should the network predict?" with `column` (the suggestion when not given). */
export async function chooseTarget(app: Session, column?: string): Promise<void> {
  const { page } = app;
  await app.waitShown('[data-testid="target-question"]');
  if (column) await page.locator(`[data-target-choice="${column}"]`).click();
  await page.locator('[data-action="confirm-target"]').click();
  await page.locator('[data-testid="target-question"]').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Trains the current design for `epochs` from the Train step; resolves with the new run's id once it completed (or at once). */
export async function train(app: Session, epochs: number, until: 'completed' | 'started' = 'completed'): Promise<string> {
  const { page } = app;
  await goTo(app, 'Train');
  await page.locator('input[name="epochs"]').fill(String(epochs));
  await page.locator('input[name="epochs"]').press('Tab');
  const before = await page.locator('tr[data-run]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));
  await page.locator('button.train').click();
  await expect.poll(() => page.locator('tr[data-run]').count(), { timeout: 30_000 }).toBeGreaterThan(before.length);
  const runId = (await page.locator('tr[data-run]').evaluateAll((rows, old) => rows.map((r) => r.getAttribute('data-run')!).find((id) => !old.includes(id)), before))!;
  if (until === 'completed') await app.waitShown(`section.run[data-run="${runId}"][data-status="completed"]`, 150_000);
  return runId;
}

/** Every line of the notices shown now. */
export async function noticeTitles(app: Session): Promise<string[]> {
  return app.page.locator('.notice .title').allTextContents();
}

/** A screenshot in the light theme and the same screen in the dark one; the window is left light. */
export async function shotBothThemes(app: Session, name: string): Promise<void> {
  await app.page.locator('label[title="Light theme"]').click();
  await app.shot(`${name}-light`);
  await app.page.locator('label[title="Dark theme"]').click();
  await app.shot(`${name}-dark`);
  await app.page.locator('label[title="Light theme"]').click();
}

/**
 * Whether the Evaluate step's cards hold what they show: no card is wider inside than outside (nothing spills past
 * its border), none reaches past the window, and no two cards overlap.
 */
export async function evaluateCardsContained(app: Session): Promise<{ spilling: string[]; pastWindow: string[]; overlapping: boolean }> {
  return app.page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('.pair > section')];
    const name = (card: HTMLElement) => card.querySelector('h2')?.textContent ?? '?';
    const boxes = cards.map((card) => card.getBoundingClientRect());
    const overlapping = boxes.some((a, i) => boxes.some((b, j) => i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
    return {
      spilling: cards.filter((card) => card.scrollWidth > card.clientWidth + 1 || card.scrollHeight > card.clientHeight + 1).map(name),
      pastWindow: cards.filter((card) => card.getBoundingClientRect().right > window.innerWidth).map(name),
      overlapping,
    };
  });
}
