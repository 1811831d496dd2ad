/**
 * `npm run bench:data`: load time and peak memory of `loadTable` next to pandas.read_csv, in the same run.
 *
 * Files: diabetes130_readmission.csv (101,766 × 50) and a 1,000,000-row file built once in the system temp
 * folder by repeating its data rows. Every load runs in a fresh child process so its peak RSS is its own; each
 * side also runs an empty child (runtime and libraries loaded, no file) to show the memory the load itself adds.
 * Times are the load call alone, measured inside the child, plus the whole process for reference.
 * Our child is bench/data-load-child.ts bundled with esbuild as the desktop build bundles main (the column
 * worker beside it), run by plain Node: the loader as shipped. It runs three ways per file: as in the app (its
 * start-up warm-up first, main/io/warm-up.ts, untimed like pandas' import), in a cold process (as the CLI
 * loads), and warmed but on one thread (`never`: without the column worker).
 *
 *   npm run bench:data -- [--runs 3] [--skip-million]
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleLoadChild, loadChild } from './load-child-bundle.ts';

const run = promisify(execFile);
const here = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(here), '..');
const source = path.resolve(repoRoot, '../shared/datasets/diabetes130_readmission.csv');
const million = path.join(tmpdir(), 'layerlab-bench', 'diabetes130_1m.csv');
const MILLION = 1_000_000;
const PYTHON = '/usr/bin/python3';

interface Measure {
  readonly ms: number;
  readonly rssMb: number;
  readonly rows: number;
  readonly columns: number;
  readonly processMs: number;
}


const PANDAS = `
import json, resource, sys, time
import pandas as pd
path = sys.argv[1]
t = time.perf_counter()
rows = columns = 0
if path:
    df = pd.read_csv(path)
    rows, columns = df.shape
ms = (time.perf_counter() - t) * 1000
print(json.dumps({"ms": ms, "rssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": rows, "columns": columns}))
`;

async function measure(command: string, args: string[]): Promise<Measure> {
  const start = performance.now();
  const { stdout } = await run(command, args, { maxBuffer: 1 << 20 });
  return { ...JSON.parse(stdout), processMs: performance.now() - start };
}

const ours = (file: string, parallel: 'auto' | 'never', warm: boolean) => measure(process.execPath, [loadChild, file, parallel, warm ? 'warm' : 'cold']);
const pandas = (file: string) => measure(PYTHON, ['-c', PANDAS, file]);

async function buildMillionRows(): Promise<void> {
  if (existsSync(million) && statSync(million).size > 150e6) return;
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.dirname(million), { recursive: true });
  const lines: string[] = [];
  let header = '';
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    if (header === '') header = line;
    else lines.push(line);
  }
  const out = createWriteStream(million);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`${header}\r\n`);
  for (let row = 0; row < MILLION; row += 1000) {
    const block: string[] = [];
    for (let k = row; k < Math.min(MILLION, row + 1000); k++) block.push(lines[k % lines.length]!);
    await write(`${block.join('\r\n')}\r\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function compare(file: string, runs: number, baselines: { ours: number; oursWarm: number; pandas: number }): Promise<string[]> {
  const mine: Measure[] = [];
  const cold: Measure[] = [];
  const single: Measure[] = [];
  const theirs: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    mine.push(await ours(file, 'auto', true));
    cold.push(await ours(file, 'auto', false));
    single.push(await ours(file, 'never', true));
    theirs.push(await pandas(file));
  }
  const bytes = statSync(file).size;
  const mb = bytes / 2 ** 20;
  const [a, b] = [mine[0]!, theirs[0]!];
  if (a.rows !== b.rows || a.columns !== b.columns) throw new Error(`shapes differ: ours ${a.rows}×${a.columns}, pandas ${b.rows}×${b.columns}`);
  const t = { ours: median(mine.map((m) => m.ms)), cold: median(cold.map((m) => m.ms)), single: median(single.map((m) => m.ms)), pandas: median(theirs.map((m) => m.ms)) };
  const p = { ours: median(mine.map((m) => m.processMs)), pandas: median(theirs.map((m) => m.processMs)) };
  // What the load itself adds: as in the app against a process that only warmed up, cold against an empty one.
  const rss = { ours: Math.max(...mine.map((m) => m.rssMb)), cold: Math.max(...cold.map((m) => m.rssMb)), pandas: Math.max(...theirs.map((m) => m.rssMb)) };
  const added = { ours: rss.ours - baselines.oursWarm, cold: rss.cold - baselines.ours, pandas: rss.pandas - baselines.pandas };
  const f = (n: number) => n.toFixed(0);
  const r = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
  return [
    `${path.basename(file)}: ${a.rows.toLocaleString('en-US')} × ${a.columns}, ${mb.toFixed(1)} MB, median of ${runs} runs`,
    `  load time        ours ${f(t.ours)} ms   pandas ${f(t.pandas)} ms   ours/pandas ${r(t.ours, t.pandas)}   (as in the app)`,
    `  cold process     ours ${f(t.cold)} ms   ours/pandas ${r(t.cold, t.pandas)}   (no warm-up, as the CLI loads)`,
    `  one thread       ours ${f(t.single)} ms   ours/pandas ${r(t.single, t.pandas)}   (as in the app, column worker off)`,
    `  whole process    ours ${f(p.ours)} ms   pandas ${f(p.pandas)} ms   ours/pandas ${r(p.ours, p.pandas)}`,
    `  peak RSS         ours ${f(rss.ours)} MB   pandas ${f(rss.pandas)} MB   ours/pandas ${r(rss.ours, rss.pandas)}   (as in the app)`,
    `  RSS added        ours ${f(added.ours)} MB (${(added.ours / mb).toFixed(2)}× the file)   pandas ${f(added.pandas)} MB (${(added.pandas / mb).toFixed(2)}× the file)   (as in the app)`,
    `  RSS added, cold  ours ${f(added.cold)} MB (${(added.cold / mb).toFixed(2)}× the file)`,
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const files = [source];
  if (!args.includes('--skip-million')) {
    await buildMillionRows();
    files.push(million);
  }
  await bundleLoadChild();
  const baselines = { ours: (await ours('', 'auto', false)).rssMb, oursWarm: (await ours('', 'auto', true)).rssMb, pandas: (await pandas('')).rssMb };
  console.log(
    `Empty processes: node + bundled loader ${baselines.ours.toFixed(0)} MB (${baselines.oursWarm.toFixed(0)} MB after the warm-up, column worker included), python + pandas ${baselines.pandas.toFixed(0)} MB peak RSS.\n`,
  );
  for (const file of files) console.log(`${(await compare(file, runs, baselines)).join('\n')}\n`);
}

await main();
