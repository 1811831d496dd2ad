/**
 * `npm run bench`: Layerlab's training speed next to the anchors (TensorFlow.js CPU and WASM, and where Debian's
 * python3-torch / python3-sklearn exist, PyTorch and scikit-learn), all measured in this run on the same prepared
 * churn data (../shared/bench/prepare_data.py), printed as ratios. Never part of `npm test`.
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

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedBench = resolve(repoRoot, '../shared/bench');
const workDir = '/tmp/layerlab-bench-anchors';
const benchData = process.env.BENCH_DATA ?? '/tmp/layerlab-bench-data';
const python = '/usr/bin/python3'; // Debian's interpreter: apt's numpy/torch/sklearn are not visible to pyenv's

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
const runs: Run[] = [];
// Repeats outermost, so slow drift of the shared machine hits every tool alike.
for (let r = 1; r <= repeats; r++) {
  for (const config of configs) {
    for (const tool of tools) {
      process.stderr.write(`[${r}/${repeats}] ${config} ${tool}… `);
      const run = runOnce(tool, config);
      process.stderr.write(run ? `${Math.round(run.samples_per_second).toLocaleString('en-US')} samples/s\n` : 'skipped\n');
      if (run) runs.push(run);
    }
  }
}
const peaks = { 1: gemmPeak(1), 2: gemmPeak(2) };

const cfgs = JSON.parse(readFileSync(join(sharedBench, 'configs.json'), 'utf8')) as Record<string, { data: string; hidden: number[]; batch_size: number }>;
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

console.log(`\n## Training samples per second, median of ${repeats} (all in this run)`);
console.log(`numpy sgemm peak: ${peaks[1] ?? 'n/a'} GFLOP/s on 1 thread, ${peaks[2] ?? 'n/a'} on 2. GFLOP/s = samples/s × 6 × parameters.`);
for (const config of configs) {
  const c = cfgs[config]!;
  const torch1 = cell('pytorch-1t', config)?.sps;
  const torchBest = Math.max(cell('pytorch-1t', config)?.sps ?? 0, cell('pytorch-2t', config)?.sps ?? 0) || undefined;
  console.log(`\n### ${config}: ${c.hidden.join('-')}, batch ${c.batch_size}\n`);
  console.log('| tool | samples/s | test accuracy | ÷ PyTorch 1 thread | ÷ PyTorch best | GFLOP/s | % of sgemm peak (same threads) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const tool of tools) {
    const got = cell(tool, config);
    if (!got) {
      console.log(`| ${LABELS[tool] ?? tool} | n/a | | | | | |`);
      continue;
    }
    const gflops = (got.sps * flopPerSample(config)) / 1e9;
    const peak = peaks[THREADS[tool] ?? 1];
    console.log(`| ${LABELS[tool] ?? tool} | ${fmt(got.sps)} | ${got.acc.toFixed(3)} | ${ratio(got.sps, torch1)} | ${ratio(got.sps, torchBest)} | ${gflops.toFixed(2)} | ${peak ? `${((100 * gflops) / peak).toFixed(1)} %` : 'n/a'} |`);
  }
}

// The issue's targets, against the anchors measured above.
const layerlabBest = (config: string): number => Math.max(cell('layerlab', config)?.sps ?? 0, cell('layerlab-2t', config)?.sps ?? 0);
const targets: [string, string, (config: string) => number | undefined, number][] = [
  ['small', '≥ 15× PyTorch 1 thread', (k) => cell('pytorch-1t', k)?.sps, 15],
  ['larger', '≥ 1.0× PyTorch at its best thread count', (k) => Math.max(cell('pytorch-1t', k)?.sps ?? 0, cell('pytorch-2t', k)?.sps ?? 0) || undefined, 1],
  ['big', '≥ 1.0× PyTorch at its best thread count', (k) => Math.max(cell('pytorch-1t', k)?.sps ?? 0, cell('pytorch-2t', k)?.sps ?? 0) || undefined, 1],
];
console.log('\n### Targets\n\n| config | target | Layerlab (best of 1 and 2 threads) | reached |\n|---|---|---|---|');
for (const [config, what, anchor, factor] of targets) {
  if (!configs.includes(config)) continue;
  const base = anchor(config), mine = layerlabBest(config);
  console.log(`| ${config} | ${what} | ${mine ? `${fmt(mine)} (${ratio(mine, base)})` : 'n/a'} | ${base && mine ? (mine >= factor * base ? 'yes' : 'no') : 'n/a'} |`);
}
