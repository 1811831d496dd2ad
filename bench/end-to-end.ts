/**
 * The end-to-end side of `npm run bench`: `layerlab train` as a user runs it, on the anchors' data and settings.
 * small and larger read the churn CSV itself; big reads a CSV written once from the anchors' 1M-row data. The
 * CLI cleans with its suggested recipe (which standardizes the features, as prepare_data.py did), holds out 10%
 * for validation (evaluated every epoch) and 10% for the test, so it trains on the anchors' 800,000 / 8,000 rows;
 * no early stopping, so every epoch runs.
 *
 * End-to-end samples/s = training rows × epochs ÷ the JSON's `seconds`: the whole training job (preparing the
 * data, every epoch with its validation, the test evaluation), not loading the file or starting the process.
 * The JSON's own `samplesPerSecond` is the fit loop's, validation included.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface EndToEndRun {
  readonly tool: string;
  readonly config: string;
  /** Training rows × epochs ÷ the job's seconds. */
  readonly samples_per_second: number;
  /** The fit loop's own figure (the Train step shows the same). */
  readonly fit_samples_per_second: number;
  readonly test_accuracy: number;
  readonly threads: number;
}

interface Config {
  readonly data: string;
  readonly hidden: readonly number[];
  readonly batch_size: number;
  readonly epochs: number;
  readonly lr: number;
}

/** The big data as a CSV (features then the target), written once beside the anchors' files. */
async function bigCsv(benchData: string): Promise<string> {
  const file = join(benchData, 'big', 'churn-1m.csv');
  if (existsSync(file)) return file;
  const dir = join(benchData, 'big');
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { n_features: number; features: string[] };
  const f32 = (name: string): Float32Array => {
    const b = readFileSync(join(dir, `${name}.f32`));
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const out = createWriteStream(`${file}.partial`);
  const write = (text: string): Promise<void> => new Promise((done) => (out.write(text) ? done() : out.once('drain', () => done())));
  await write(`${[...meta.features, 'Exited'].join(',')}\n`);
  const width = meta.n_features;
  for (const split of ['train', 'test']) {
    const x = f32(`x_${split}`), y = f32(`y_${split}`);
    let chunk = '';
    for (let r = 0; r < y.length; r++) {
      for (let j = 0; j < width; j++) chunk += `${x[r * width + j]!.toFixed(5)},`;
      chunk += `${y[r]}\n`;
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
  }
  await new Promise<void>((done) => out.end(() => done()));
  renameSync(`${file}.partial`, file);
  return file;
}

/** One `layerlab train --json` on the config's data; null when it failed (said on stderr). */
export async function runEndToEnd(repoRoot: string, benchData: string, churnCsv: string, config: string, cfg: Config, threads: 1 | 2): Promise<EndToEndRun | null> {
  const file = cfg.data === 'big' ? await bigCsv(benchData) : churnCsv;
  const args = [
    join(repoRoot, 'bin/layerlab.mjs'), 'train', file, '--target', 'Exited',
    '--hidden', cfg.hidden.join(','), '--batch-size', String(cfg.batch_size), '--epochs', String(cfg.epochs), '--learning-rate', String(cfg.lr),
    '--test-size', '0.1', '--validation-size', '0.1', '--patience', '0', '--threads', String(threads), '--json',
  ];
  const out = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 24 });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (out.status !== 0 || !line) {
    console.error(`bench: layerlab train (${config}) failed: ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  const summary = JSON.parse(line) as { split: { train: number }; epochs: number; seconds: number; samplesPerSecond: number; metrics: { accuracy: number }; threads: number };
  return {
    tool: threads === 2 ? 'layerlab-2t' : 'layerlab',
    config,
    samples_per_second: (summary.split.train * summary.epochs) / summary.seconds,
    fit_samples_per_second: summary.samplesPerSecond,
    test_accuracy: summary.metrics.accuracy,
    threads: summary.threads,
  };
}
