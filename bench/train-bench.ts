/**
 * `npm run bench`: Layerlab's training speed next to the anchors (TensorFlow.js CPU and WASM, and where Debian's
 * python3-torch / python3-sklearn exist, PyTorch and scikit-learn), all measured in this run on the same prepared
 * churn data (../shared/bench/prepare_data.py), printed as ratios. Never part of `npm test`.
 * Layerlab is measured twice: its training loop alone (bench/layerlab-mlp.ts, like the anchors' scripts) and end
 * to end, `layerlab train` on the same data and settings (bench/end-to-end.ts), so the two can never drift apart
 * unseen.
 *
 *   npm run bench                                   # small + larger + big, 1 repeat
 *   npm run bench -- --configs small --repeats 3    # medians of 3
 *   npm run bench -- --tools layerlab,tfjs-cpu
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runEndToEnd, type EndToEndRun } from './end-to-end.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedBench = resolve(repoRoot, '../shared/bench');
const workDir = '/tmp/layerlab-bench-anchors';
const benchData = process.env.BENCH_DATA ?? '/tmp/layerlab-bench-data';
const python = '/usr/bin/python3'; // Debian's interpreter: apt's numpy/torch/sklearn are not visible to pyenv's
const churnCsv = resolve(repoRoot, '../shared/datasets/Churn_Modelling.csv');

const { values: args } = parseArgs({
  options: {
    configs: { type: 'string', default: 'small,larger,big' },
    tools: { type: 'string', default: 'plain-js,pytorch-1t,pytorch-2t,sklearn,tfjs-cpu,tfjs-wasm,layerlab,layerlab-2t' },
    repeats: { type: 'string', default: '1' },
  },
});
const configs = args.configs.split(',');
const repeats = Number(args.repeats);

interface Run {
  tool: string;
  config: string;
  samples_per_second: number;
  test_accuracy: number;
  seconds_per_epoch: number;
}

function pythonHas(modules: string): boolean {
  return spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0;
}

function prepareData(): void {
  if (existsSync(join(benchData, 'big', 'meta.json'))) return;
  if (!pythonHas('numpy')) {
    console.error('bench: the anchors share data prepared by numpy; install it with `apt-get install -y python3-numpy`.');
    process.exit(2);
  }
  console.error(`bench: preparing churn data in ${benchData} (once)…`);
  execFileSync(python, [join(sharedBench, 'prepare_data.py')], { stdio: 'inherit', env: { ...process.env, BENCH_DATA: benchData } });
}

function prepareWorkDir(): void {
  mkdirSync(workDir, { recursive: true });
  for (const f of readdirSync(sharedBench)) if (/\.(py|mjs|json)$/.test(f)) cpSync(join(sharedBench, f), join(workDir, f));
  // The TF.js anchor imports @tensorflow/tfjs: use this repository's dev dependency instead of a second install.
  if (!existsSync(join(workDir, 'node_modules'))) symlinkSync(join(repoRoot, 'node_modules'), join(workDir, 'node_modules'));
}

function commandFor(tool: string, config: string): string[] | null {
  const layerlab = [process.execPath, '--import', 'tsx', join(repoRoot, 'bench/layerlab-mlp.ts'), '--config', config];
  switch (tool) {
    case 'layerlab': return [...layerlab, '--threads', '1'];
    case 'layerlab-2t': return [...layerlab, '--threads', '2'];
    case 'plain-js': return [process.execPath, join(workDir, 'plain_js_reference.mjs'), '--config', config];
    case 'tfjs-cpu': return [process.execPath, join(workDir, 'tfjs_mlp.mjs'), '--backend', 'cpu', '--config', config];
    case 'tfjs-wasm': return [process.execPath, join(workDir, 'tfjs_mlp.mjs'), '--backend', 'wasm', '--config', config];
    case 'pytorch-1t': return pythonHas('torch') ? [python, join(workDir, 'torch_mlp.py'), '--threads', '1', '--config', config] : null;
    case 'pytorch-2t': return pythonHas('torch') ? [python, join(workDir, 'torch_mlp.py'), '--threads', '2', '--config', config] : null;
    case 'sklearn': return pythonHas('sklearn') ? [python, join(workDir, 'sklearn_mlp.py'), '--config', config] : null;
    default: throw new Error(`unknown tool ${tool}`);
  }
}

function runOnce(tool: string, config: string): Run | null {
  const cmd = commandFor(tool, config);
  if (!cmd) return null;
  // TF.js on the 1M-row config takes minutes per epoch: one epoch is enough to measure its rate.
  if (config === 'big' && tool.startsWith('tfjs')) cmd.push('--epochs', '1');
  const out = spawnSync(cmd[0]!, cmd.slice(1), { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, BENCH_DATA: benchData }, timeout: 1_800_000, maxBuffer: 1 << 24 });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (out.status !== 0 || !line) {
    console.error(`bench: ${tool} ${config} failed: ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  const run = JSON.parse(line) as Run;
  return { ...run, tool, config };
}

/** numpy sgemm GFLOP/s (median) on `threads` BLAS threads: the machine's measured float32 peak. */
function gemmPeak(threads: 1 | 2): number | null {
  if (!pythonHas('numpy')) return null;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  const out = spawnSync(python, [join(workDir, 'gemm_peak.py'), '--label', `${threads}-thread`, '--reps', '10'], { encoding: 'utf8', env });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('{'));
  return line ? (JSON.parse(line) as { gflops_median: number }).gflops_median : null;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function paramCount(features: number, hidden: number[]): number {
  const sizes = [features, ...hidden, 1];
  let p = 0;
  for (let i = 1; i < sizes.length; i++) p += sizes[i - 1]! * sizes[i]! + sizes[i]!;
  return p;
}

prepareData();
prepareWorkDir();
const tools = args.tools.split(',');
const cfgs = JSON.parse(readFileSync(join(sharedBench, 'configs.json'), 'utf8')) as Record<string, { data: string; hidden: number[]; batch_size: number; epochs: number; lr: number }>;
const runs: Run[] = [];
const endToEnd: EndToEndRun[] = [];
// Repeats outermost, so slow drift of the shared machine hits every tool alike.
for (let r = 1; r <= repeats; r++) {
  for (const config of configs) {
    for (const tool of tools) {
      process.stderr.write(`[${r}/${repeats}] ${config} ${tool}… `);
      const run = runOnce(tool, config);
      process.stderr.write(run ? `${Math.round(run.samples_per_second).toLocaleString('en-US')} samples/s\n` : 'skipped\n');
      if (run) runs.push(run);
      if (tool === 'layerlab' || tool === 'layerlab-2t') {
        process.stderr.write(`[${r}/${repeats}] ${config} ${tool} end to end (layerlab train)… `);
        const e2e = await runEndToEnd(repoRoot, benchData, churnCsv, config, cfgs[config]!, tool === 'layerlab' ? 1 : 2);
        process.stderr.write(e2e ? `${Math.round(e2e.samples_per_second).toLocaleString('en-US')} samples/s\n` : 'failed\n');
        if (e2e) endToEnd.push(e2e);
      }
    }
  }
}
const peaks = { 1: gemmPeak(1), 2: gemmPeak(2) };

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const cell = (tool: string, config: string): { sps: number; acc: number } | null => {
  const rs = runs.filter((x) => x.tool === tool && x.config === config);
  return rs.length ? { sps: median(rs.map((x) => x.samples_per_second)), acc: median(rs.map((x) => x.test_accuracy)) } : null;
};
const LABELS: Record<string, string> = {
  'plain-js': 'plain-JS reference (1 thread)',
  'pytorch-1t': 'PyTorch CPU, 1 thread',
  'pytorch-2t': 'PyTorch CPU, 2 threads',
  sklearn: 'scikit-learn MLP',
  'tfjs-cpu': 'TF.js CPU',
  'tfjs-wasm': 'TF.js WASM',
  layerlab: 'Layerlab [1 thread]',
  'layerlab-2t': 'Layerlab [2 threads]',
};
const THREADS: Record<string, 1 | 2> = { 'pytorch-2t': 2, 'layerlab-2t': 2, sklearn: 2 };
const flopPerSample = (config: string): number => {
  const meta = JSON.parse(readFileSync(join(benchData, cfgs[config]!.data, 'meta.json'), 'utf8')) as { n_features: number };
  return 6 * paramCount(meta.n_features, cfgs[config]!.hidden);
};
const ratio = (a: number | undefined, b: number | undefined): string => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');

const e2eCell = (tool: string, config: string): { sps: number; fit: number; acc: number; threads: number } | null => {
  const rs = endToEnd.filter((x) => x.tool === tool && x.config === config);
  return rs.length
    ? { sps: median(rs.map((x) => x.samples_per_second)), fit: median(rs.map((x) => x.fit_samples_per_second)), acc: median(rs.map((x) => x.test_accuracy)), threads: Math.max(...rs.map((x) => x.threads)) }
    : null;
};
const torchOne = (config: string): number | undefined => cell('pytorch-1t', config)?.sps;
const torchBest = (config: string): number | undefined => Math.max(cell('pytorch-1t', config)?.sps ?? 0, cell('pytorch-2t', config)?.sps ?? 0) || undefined;

console.log(`\n## Training samples per second, median of ${repeats} (all in this run)`);
console.log(`numpy sgemm peak: ${peaks[1] ?? 'n/a'} GFLOP/s on 1 thread, ${peaks[2] ?? 'n/a'} on 2. GFLOP/s = samples/s × 6 × parameters.`);
console.log('Training loop: each tool\'s own script, timed around its epochs. End to end: `layerlab train` on the same data and settings (bench/end-to-end.ts), training rows × epochs ÷ the whole training job (preparing the data, every epoch with a validation pass, the test evaluation).');
for (const config of configs) {
  const c = cfgs[config]!;
  console.log(`\n### ${config}: ${c.hidden.join('-')}, batch ${c.batch_size}\n`);
  console.log('| tool | training loop samples/s | end to end samples/s | test accuracy | loop ÷ PyTorch 1 thread | loop ÷ PyTorch best | end to end ÷ PyTorch 1 thread | end to end ÷ PyTorch best | GFLOP/s (loop) | % of sgemm peak (same threads) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const tool of tools) {
    const got = cell(tool, config);
    const e2e = e2eCell(tool, config);
    if (!got) {
      console.log(`| ${LABELS[tool] ?? tool} | n/a | | | | | | | | |`);
      continue;
    }
    const gflops = (got.sps * flopPerSample(config)) / 1e9;
    const peak = peaks[THREADS[tool] ?? 1];
    const e2eCells = e2e ? [fmt(e2e.sps), ratio(e2e.sps, torchOne(config)), ratio(e2e.sps, torchBest(config))] : ['', '', ''];
    console.log(`| ${LABELS[tool] ?? tool} | ${fmt(got.sps)} | ${e2eCells[0]} | ${got.acc.toFixed(3)} | ${ratio(got.sps, torchOne(config))} | ${ratio(got.sps, torchBest(config))} | ${e2eCells[1]} | ${e2eCells[2]} | ${gflops.toFixed(2)} | ${peak ? `${((100 * gflops) / peak).toFixed(1)} %` : 'n/a'} |`);
  }
}

// The CLI's samples/s (the fit loop's, as the Train step shows it) against the loop alone: within 20%?
console.log('\n### The samples/s `layerlab train` reports (as the Train step shows it) against the training loop alone\n');
console.log('| config | Layerlab | loop samples/s | `layerlab train` samples/s (fit, validation included) | ratio | within 20% | threads used end to end |\n|---|---|---|---|---|---|---|');
for (const config of configs) {
  for (const tool of ['layerlab', 'layerlab-2t']) {
    const loop = cell(tool, config)?.sps, e2e = e2eCell(tool, config);
    if (!loop || !e2e) continue;
    console.log(`| ${config} | ${LABELS[tool]} | ${fmt(loop)} | ${fmt(e2e.fit)} | ${ratio(e2e.fit, loop)} | ${Math.abs(e2e.fit / loop - 1) <= 0.2 ? 'yes' : 'no'} | ${e2e.threads} |`);
  }
}

// The issue's goals, against the anchors measured above (Layerlab: the better of 1 and 2 threads).
const best = (pick: (tool: string, config: string) => number | undefined) => (config: string): number => Math.max(pick('layerlab', config) ?? 0, pick('layerlab-2t', config) ?? 0);
const loopBest = best((t, k) => cell(t, k)?.sps);
const e2eBest = best((t, k) => e2eCell(t, k)?.sps);
const goals: [string, string, (config: string) => number, (config: string) => number | undefined, number][] = [
  ['small', 'end to end ≥ 15× PyTorch 1 thread', e2eBest, torchOne, 15],
  ['larger', 'end to end ≥ 1.0× PyTorch at its best thread count', e2eBest, torchBest, 1],
  ['larger', 'training loop ≥ 1.5× PyTorch at its best thread count', loopBest, torchBest, 1.5],
  ['big', 'training loop ≥ 1.5× PyTorch at its best thread count', loopBest, torchBest, 1.5],
];
console.log('\n### Goals\n\n| config | goal | Layerlab (best of 1 and 2 threads) | reached |\n|---|---|---|---|');
for (const [config, what, mineOf, anchor, factor] of goals) {
  if (!configs.includes(config)) continue;
  const base = anchor(config), mine = mineOf(config);
  console.log(`| ${config} | ${what} | ${mine ? `${fmt(mine)} (${ratio(mine, base)})` : 'n/a'} | ${base && mine ? (mine >= factor * base ? 'yes' : 'no') : 'n/a'} |`);
}
