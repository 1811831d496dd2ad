/**
 * One load in a fresh process, for `npm run bench:data`: loads the file (or nothing, for the baseline) and
 * prints what it cost as JSON. The bench bundles this file the way the desktop build bundles main, and runs it
 * with plain Node, so it measures the loader as shipped.
 *
 *   node data-load-child.cjs <file|''> <auto|never> [warm]
 *
 * `warm` first does what the app does shortly after it starts (main/io/warm-up.ts), untimed.
 */
import { loadTable } from '../main/io/load-table.ts';
import type { ParallelChoice } from '../main/io/remote-columns.ts';
import { warmUpLoader } from '../main/io/warm-up.ts';

async function main(): Promise<void> {
  const [file = '', parallel = 'auto', warm = ''] = process.argv.slice(2);
  if (warm === 'warm') await warmUpLoader();
  const t = performance.now();
  let rows = 0;
  let columns = 0;
  if (file !== '') {
    const { table } = await loadTable(file, { parallel: parallel as ParallelChoice });
    rows = table.rowCount;
    columns = table.columns.length;
  }
  const ms = performance.now() - t;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, rows, columns }));
}

void main();
