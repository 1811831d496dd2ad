/**
 * `npm run bench:memory`: peak memory of training a million rows. The table is generated once
 * (bench/wide-table.ts: 1,000,000 rows × 50 columns, 34 numbers and 15 categories plus the target, about
 * 200 MB of CSV). Each measurement is a fresh process under GNU time (`/usr/bin/time -v`, its maximum
 * resident set size):
 * - loading alone (bench/data-load-child.ts bundled as shipped, as the CLI loads: cold, no warm-up), and the same
 *   process loading nothing: what the load adds, against the file's size (as `npm run bench:data` counts it);
 *   then each of the loader's two paths forced (one thread; a column worker for most columns), whichever the
 *   first chose, and the load as the app's engine worker does it (the table then moved into shared memory);
 * - `layerlab train` for 2 epochs with the suggested recipe (the CLI as users run it), against 1.5 GB.
 *
 *   npm run bench:memory [-- --epochs 2] [-- --rows 1000000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleLoadChild, loadChild } from './load-child-bundle.ts';
import { WIDE_ROWS, WIDE_TARGET, writeWideTable } from './wide-table.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';
/** The budget for training: 1.5 GB. */
const BUDGET_BYTES = 1.5e9;

const { values: args } = parseArgs({ options: { epochs: { type: 'string', default: '2' }, rows: { type: 'string', default: String(WIDE_ROWS) } } });

interface Measured {
  readonly peakBytes: number;
  readonly seconds: number;
  readonly stdout: string;
}

/** Runs a command under GNU time; its peak resident set size and wall-clock seconds. */
function measure(command: string[]): Measured {
  const out = spawnSync(TIME, ['-v', ...command], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 });
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(out.stderr ?? '');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(out.stderr ?? '');
  if (out.status !== 0 || !peak || !wall) {
    // GNU time writes its report after the command's own stderr: show what the command said.
    const said = (out.stderr ?? '').split('\tCommand being timed:')[0]!.trim().split('\n').slice(-8).join('\n');
    throw new Error(`bench:memory: ${command.slice(0, 4).join(' ')}… failed:\n${said}`);
  }
  const seconds = wall[1]!.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return { peakBytes: Number(peak[1]) * 1024, seconds, stdout: out.stdout };
}

if (!existsSync(TIME)) {
  console.error('bench:memory needs GNU time at /usr/bin/time: apt-get install -y time');
  process.exit(2);
}
const rows = Number(args.rows);
console.error(`bench:memory: generating the ${rows.toLocaleString('en-US')}-row table once (a minute)…`);
const file = await writeWideTable(rows);
const fileBytes = statSync(file).size;
const mb = (bytes: number): string => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;

console.error('bench:memory: loading alone…');
await bundleLoadChild();
const loading = (path: string, parallel: 'auto' | 'never' | 'always' = 'auto', shared = ''): Measured => measure([process.execPath, loadChild, path, parallel, 'cold', shared]);
const empty = loading('');
const load = loading(file);
// Both paths the loader has, whichever `auto` chose: one thread, and a column worker for most columns.
const paths = (['never', 'always'] as const).map((parallel) => ({ parallel, measured: loading(file, parallel) }));
// As the app's engine worker loads: then every column moved into shared memory for the other workers.
const appLoad = loading(file, 'auto', 'shared');
console.error('bench:memory: layerlab train…');
const train = measure([process.execPath, join(repoRoot, 'bin/layerlab.mjs'), 'train', file, '--target', WIDE_TARGET, '--epochs', args.epochs, '--json']);
const summary = JSON.parse(train.stdout.split('\n').find((l) => l.startsWith('{'))!) as { features: number; split: { train: number; validation: number; test: number }; seconds: number; samplesPerSecond: number; metrics: { accuracy: number } };

console.log(`\n## Peak memory (GNU time, maximum resident set size of a fresh process)\n`);
console.log(`Table: ${rows.toLocaleString('en-US')} rows × 50 columns (34 numbers, 15 categories, target "${WIDE_TARGET}"), ${mb(fileBytes)} of CSV (${file}).`);
console.log(`Recipe: the suggested one, ${summary.features} features; split ${summary.split.train.toLocaleString('en-US')} / ${summary.split.validation.toLocaleString('en-US')} / ${summary.split.test.toLocaleString('en-US')}.\n`);
console.log('| run | peak memory | × the file | goal | met | wall-clock |\n|---|---|---|---|---|---|');
console.log(`| the loading process, loading nothing | ${mb(empty.peakBytes)} | | | | ${empty.seconds.toFixed(1)} s |`);
const loadRow = (what: string, measured: Measured): string => {
  const adds = measured.peakBytes - empty.peakBytes;
  return `| ${what}: what it adds | ${mb(adds)} (peak ${mb(measured.peakBytes)}) | ${(adds / fileBytes).toFixed(2)}× | under 2× the file | ${adds < 2 * fileBytes ? 'yes' : 'no'} | ${measured.seconds.toFixed(1)} s |`;
};
console.log(loadRow('loading alone (as the CLI loads)', load));
for (const { parallel, measured } of paths) console.log(loadRow(parallel === 'never' ? 'loading on one thread' : 'loading with the column worker', measured));
console.log(loadRow('loading as the app does (then into shared memory)', appLoad));
console.log(`| \`layerlab train\`, ${args.epochs} epochs | ${mb(train.peakBytes)} | ${(train.peakBytes / fileBytes).toFixed(2)}× | ≤ 1.5 GB | ${train.peakBytes <= BUDGET_BYTES ? 'yes' : 'no'} | ${train.seconds.toFixed(1)} s |`);
console.log(`\nTraining job: ${summary.seconds.toFixed(1)} s, ${Math.round(summary.samplesPerSecond).toLocaleString('en-US')} samples/s, test accuracy ${summary.metrics.accuracy.toFixed(3)}.`);
