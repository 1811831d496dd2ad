/**
 * Warms the loader once the app has started. V8 compiles a hot loop to fast code only after it has run a while
 * (and compiles it again when it meets a case it has not seen), so in a fresh process the first file pays for
 * compiling the loader, on both threads (diabetes130: 585 ms cold, 518 ms warm on one thread, 362 ms with the
 * warm column worker; docs/loading-speed.md). Each engine worker of the app (main/services/engine-pool, where
 * files are loaded) therefore loads a small synthetic file through the same paths (whole numbers, decimals,
 * labels, missing markers, dates, free text) on both threads, in the background, shortly after start, while the
 * user looks at the first screen.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTable } from './load-table.ts';

const ROWS = 16_000;

/** About 1.4 MB of CSV with the kinds of columns real files have, the same on every run. */
export function warmUpText(rows = ROWS): string {
  let seed = 12345;
  const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const labels = ['No', 'Steady', 'Up', 'Down'];
  const groups = ['Caucasian', 'AfricanAmerican', 'Hispanic', 'Asian', 'Other', '?'];
  const lines = ['id,patient,age,weight,score,rate,group,change,med,visits,when,note,flag,code'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        100_000 + i * 7,
        next(5000) * 13,
        `[${next(10) * 10}-${next(10) * 10 + 10})`,
        next(20) === 0 ? '?' : `${40 + next(80)}.${next(10)}`,
        next(100) / 8,
        next(30) === 0 ? 'NA' : (next(100_000) / 997).toFixed(3),
        groups[next(groups.length)],
        labels[next(labels.length)],
        next(3) === 0 ? 'Yes' : 'No',
        next(12),
        `2024-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`,
        `note ${next(900)}`,
        next(2) ? 'TRUE' : 'FALSE',
        `V${next(70)}.${next(10)}`,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The folder prefix in the system's temporary folder; `<prefix><pid>-<random>` (see main/services/leftovers.ts). */
export const WARM_UP_PREFIX = 'layerlab-warm-up-';

/** Writes the synthetic file to a fresh temporary folder, runs `use` on its path, and deletes the folder. */
export async function warmUpFile(use: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `${WARM_UP_PREFIX}${process.pid}-`));
  try {
    const file = join(dir, 'warm-up.csv');
    await writeFile(file, warmUpText());
    await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads the synthetic file once (from the system temp folder, deleted afterwards). */
export async function warmUpLoader(): Promise<void> {
  // Both threads: the column worker stays alive between loads (column-worker-pool.ts) and is warmed too.
  await warmUpFile(async (file) => void (await loadTable(file, { parallel: 'always' })));
}
