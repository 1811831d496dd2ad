/**
 * A generated table for `npm run bench:memory`: 1,000,000 rows × 50 columns, 34 numbers and 15 categories
 * plus a yes/no target, written once as CSV (about 200 MB) and reused. Seeded, so every machine writes the same
 * bytes. It mixes what real exports hold: whole numbers, skewed amounts, measurements, a few columns with gaps
 * (three of them past 5%, which the suggested recipe fills and flags), categories from 2 to 40 values (the
 * widest past the one-hot limit of 20) and two categories with gaps. The target depends on several columns of
 * each kind, so a network has something to learn.
 *
 *   npx tsx bench/wide-table.ts [rows] [file]     # writes the file, prints its path
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../engine/nn/rng.ts';

export const WIDE_ROWS = 1_000_000;
export const WIDE_TARGET = 'churned';
const NUMBERS = 34;
const LEVELS = [2, 2, 3, 3, 4, 4, 5, 5, 6, 8, 10, 12, 15, 25, 40];
/** Share of empty cells by column: numbers 0–2 flagged (≥ 5%), 3–4 filled only; categories 0–1. */
const NUMBER_GAPS = [0.08, 0.06, 0.1, 0.02, 0.01];
const CATEGORY_GAPS = [0.03, 0.02];

export function wideTablePath(rows = WIDE_ROWS): string {
  return join(tmpdir(), 'layerlab-bench', `wide-${rows}x50.csv`);
}

function header(): string {
  const numbers = Array.from({ length: NUMBERS }, (_, i) => `num_${String(i + 1).padStart(2, '0')}`);
  const categories = LEVELS.map((_, i) => `cat_${String(i + 1).padStart(2, '0')}`);
  return [...numbers, ...categories, WIDE_TARGET].join(',');
}

/** One row's cells and the logit its target is drawn from. */
function row(rng: Rng, cells: string[]): number {
  let logit = -1;
  for (let i = 0; i < NUMBERS; i++) {
    const z = rng.normal();
    let text: string;
    if (i % 4 === 0) text = String(Math.max(18, Math.round(45 + 12 * z))); // ages, counts
    else if (i % 4 === 1) text = (Math.exp(7 + 0.8 * z)).toFixed(0); // amounts, skewed
    else if (i % 4 === 2) text = (50 + 10 * z).toFixed(1); // measurements
    else text = z.toFixed(2); // scores
    if (i < 8) logit += (i % 2 === 0 ? 0.6 : -0.4) * z;
    cells[i] = i < NUMBER_GAPS.length && rng.next() < NUMBER_GAPS[i]! ? '' : text;
  }
  LEVELS.forEach((levels, k) => {
    // Skewed level frequencies, as real categories have: level 0 the most common.
    const level = Math.min(levels - 1, Math.floor(levels * rng.next() ** 1.6));
    if (k >= 10) logit += level % 3 === 0 ? 0.3 : -0.15;
    cells[NUMBERS + k] = k < CATEGORY_GAPS.length && rng.next() < CATEGORY_GAPS[k]! ? '' : `${String.fromCharCode(65 + k)}${level}`;
  });
  return logit;
}

/** Writes the table (unless it already exists) and resolves to its path. */
export async function writeWideTable(rows = WIDE_ROWS, file = wideTablePath(rows)): Promise<string> {
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const rng = new Rng(2024);
  const cells = new Array<string>(NUMBERS + LEVELS.length + 1);
  let chunk = `${header()}\n`;
  for (let r = 0; r < rows; r++) {
    const logit = row(rng, cells);
    cells[cells.length - 1] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 'yes' : 'no';
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
      chunk = '';
    }
  }
  await new Promise<void>((done, fail) => out.end(chunk, () => done()).on('error', fail));
  renameSync(partial, file);
  return file;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? WIDE_ROWS);
  console.log(await writeWideTable(rows, process.argv[3] ?? wideTablePath(rows)));
}
