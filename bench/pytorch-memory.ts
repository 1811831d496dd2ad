/**
 * `npm run bench:pytorch`: peak memory of the exported PyTorch script training on files of growing size, to show
 * that it is bounded by the chunk size, not by the file (docs/pytorch-export.md).
 *
 * A churn model (suggested recipe, 16-8-1, one epoch in Layerlab) is exported as a script; churn's 10,000 data
 * rows are repeated into files of 250,000 and 1,000,000 rows (RowNumber and CustomerId renumbered), kept in the
 * system temp folder. Each run trains one epoch through the script under GNU time (`/usr/bin/time -v`, whose
 * maximum resident set size is that of the largest process: with --nproc, the largest worker) and is printed
 * next to an anchor measured in the same run: a process that only imports torch, numpy and pandas.
 *
 *   npm run bench:pytorch -- [--skip-nproc]
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildModelFile } from '../engine/model/model-file.ts';
import { runTrainingJob } from '../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../engine/pipeline/training-settings.ts';
import { suggestRecipe } from '../engine/prep/suggest.ts';
import { modelSource } from '../main/export/app-identity.ts';
import { torchScript } from '../main/export/pytorch/torch-script.ts';
import { loadTable } from '../main/io/load-table.ts';

const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const churn = path.resolve(repoRoot, '../shared/datasets/Churn_Modelling.csv');
const work = path.join(tmpdir(), 'layerlab-bench', 'pytorch');

interface Measure {
  readonly label: string;
  readonly rows: number;
  readonly fileMb: number;
  readonly peakMb: number;
  readonly seconds: number;
}

/** churn's data rows repeated to `rows` rows, each with its own RowNumber and CustomerId. */
async function repeatedChurn(rows: number): Promise<string> {
  const file = path.join(work, `churn_${rows}.csv`);
  if (existsSync(file)) return file;
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(churn), crlfDelay: Infinity })) if (line) lines.push(line);
  const [header, ...data] = lines;
  const out = createWriteStream(`${file}.part`);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) {
    const fields = data[i % data.length]!.split(',');
    fields[0] = String(i + 1);
    fields[1] = String(15_000_000 + i);
    if (!out.write(`${fields.join(',')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  renameSync(`${file}.part`, file);
  return file;
}

/** Runs argv under GNU time; returns its peak RSS (MB) and wall-clock seconds. */
function timed(argv: readonly string[]): Promise<{ peakMb: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    execFile(TIME, ['-v', ...argv], { cwd: work, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${argv.join(' ')} failed:\n${stdout}\n${stderr}`));
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
      if (!kb || !wall) return reject(new Error(`no GNU time report in:\n${stderr}`));
      resolve({ peakMb: Number(kb[1]) / 1024, seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) });
    });
  });
}

async function exportScript(): Promise<string> {
  const loaded = await loadTable(churn);
  const design = { hidden: denseStack([16, 8]) };
  const settings = defaultTrainingSettings({ epochs: 1 });
  const result = runTrainingJob({ table: loaded.table, recipe: suggestRecipe(loaded.table, { target: 'Exited' }), design, settings });
  const script = path.join(work, 'train_torch.py');
  writeFileSync(script, torchScript(buildModelFile({ result, design, settings, source: modelSource(loaded), app: { name: 'Layerlab', version: 'bench' } })));
  return script;
}

async function main(): Promise<void> {
  const skipNproc = process.argv.includes('--skip-nproc');
  mkdirSync(work, { recursive: true });
  const script = await exportScript();
  const anchor = await timed([PYTHON, '-c', 'import torch, numpy, pandas']);
  const runs: { label: string; rows: number; args: string[] }[] = [
    { label: 'chunks of 50,000 rows', rows: 250_000, args: ['--chunk-rows', '50000'] },
    { label: 'chunks of 50,000 rows', rows: 1_000_000, args: ['--chunk-rows', '50000'] },
    { label: 'chunks of 200,000 rows', rows: 1_000_000, args: ['--chunk-rows', '200000'] },
    ...(skipNproc ? [] : [{ label: 'chunks of 50,000 rows, --nproc 2', rows: 1_000_000, args: ['--chunk-rows', '50000', '--nproc', '2'] }]),
  ];
  const measures: Measure[] = [];
  for (const run of runs) {
    const file = await repeatedChurn(run.rows);
    const folder = path.join(work, 'run');
    rmSync(folder, { recursive: true, force: true });
    const { peakMb, seconds } = await timed([PYTHON, script, file, '--epochs', '1', '--workdir', folder, '--out', path.join(work, 'trained.json'), ...run.args]);
    measures.push({ label: run.label, rows: run.rows, fileMb: statSync(file).size / 1048576, peakMb, seconds });
    process.stdout.write(`${run.rows.toLocaleString('en-US')} rows, ${run.label}: peak ${peakMb.toFixed(0)} MB in ${seconds.toFixed(0)} s\n`);
  }

  process.stdout.write(`\nAnchor, same run: a python3 that imports torch, numpy and pandas peaks at ${anchor.peakMb.toFixed(0)} MB.\n\n`);
  process.stdout.write('| rows | file (MB) | run | peak RSS (MB) | above the anchor (MB) | one epoch, end to end (s) |\n|---:|---:|---|---:|---:|---:|\n');
  for (const m of measures) {
    process.stdout.write(`| ${m.rows.toLocaleString('en-US')} | ${m.fileMb.toFixed(0)} | ${m.label} | ${m.peakMb.toFixed(0)} | ${(m.peakMb - anchor.peakMb).toFixed(0)} | ${m.seconds.toFixed(0)} |\n`);
  }
  const [small, large, bigChunks] = measures;
  process.stdout.write(
    `\nFile ×${(large!.fileMb / small!.fileMb).toFixed(1)} → memory above the anchor ×${((large!.peakMb - anchor.peakMb) / (small!.peakMb - anchor.peakMb)).toFixed(2)}; ` +
      `chunks ×4 → memory above the anchor ×${((bigChunks!.peakMb - anchor.peakMb) / (large!.peakMb - anchor.peakMb)).toFixed(2)}.\n`,
  );
}

await main();
