/**
 * One load in a fresh process, for `npm run bench:data`: loads the file (or nothing, for the baseline) and
 * prints what it cost as JSON. The bench bundles this file the way the desktop build bundles main, and runs it
 * with plain Node, so it measures the loader as shipped.
 *
 *   node data-load-child.cjs <file|''> <auto|never|always> [warm|cold] [shared]
 *
 * `warm` first does what the app does shortly after it starts (main/io/warm-up.ts), untimed; `shared` then
 * moves the table into shared memory as the app's engine worker does after a load.
 */
import { loadTable } from '../main/io/load-table.ts';
import type { ParallelChoice } from '../main/io/remote-columns.ts';
import { warmUpLoader } from '../main/io/warm-up.ts';
import { releaseBuffer } from '../main/io/release-buffer.ts';
import { shareLoadedTable } from '../main/services/engine-pool/shared-memory.ts';

async function main(): Promise<void> {
  const [file = '', parallel = 'auto', warm = '', shared = ''] = process.argv.slice(2);
  if (warm === 'warm') await warmUpLoader();
  const t = performance.now();
  let rows = 0;
  let columns = 0;
  if (file !== '') {
    const loaded = await loadTable(file, { parallel: parallel as ParallelChoice });
    // As the app's engine worker does after loading: the columns moved into shared memory.
    const table = shared === 'shared' ? shareLoadedTable(loaded.table, releaseBuffer) : loaded.table;
    rows = table.rowCount;
    columns = table.columns.length;
  }
  const ms = performance.now() - t;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, rows, columns }));
}

void main();
