/**
 * Layerlab's side of the anchor benchmark: the same network, data, optimizer and epochs as the anchors in
 * ../shared/bench (13 standardized churn features → hidden relu layers → 1 sigmoid, Adam 0.001, binary CE),
 * trained with the engine's `fit` the way the app trains: WASM kernels (relaxed SIMD where the runtime has it),
 * large batches split in halves, a helper thread computing one half when that is measured to pay (`--threads 2`,
 * the default on two cores; `--threads 1`: one core, same weights). Prints one JSON line in the anchors' format.
 *   node --import tsx bench/layerlab-mlp.ts --config small|larger|big [--epochs N] [--threads 1|2] [--kernels auto|simd|typescript]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dataParallelFor } from '../engine/nn/data-parallel.ts';
import { fit } from '../engine/nn/fit.ts';
import type { KernelChoice } from '../engine/nn/kernels-dense.ts';
import { Network } from '../engine/nn/network.ts';
import { Rng } from '../engine/nn/rng.ts';
import { bestWasmVariant } from '../engine/nn/wasm/wasm-module.ts';
import { warmUpTraining } from '../engine/pipeline/warm-up.ts';
import { gradientHelperStarter } from '../main/training/gradient-helper.ts';
import { enableRelaxedSimd } from '../main/runtime/wasm-features.ts';

enableRelaxedSimd();

const sharedBench = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/bench');
const { values: args } = parseArgs({ options: { config: { type: 'string', default: 'small' }, epochs: { type: 'string' }, threads: { type: 'string', default: '2' }, kernels: { type: 'string', default: 'auto' } } });
const cfg = (JSON.parse(readFileSync(join(sharedBench, 'configs.json'), 'utf8')) as Record<string, { data: string; hidden: number[]; batch_size: number; epochs: number; lr: number }>)[args.config!]!;
const epochs = Number(args.epochs ?? cfg.epochs);

const dir = join(process.env.BENCH_DATA ?? '/tmp/layerlab-bench-data', cfg.data);
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { n_features: number; n_train: number; n_test: number };
const f32 = (name: string): Float32Array => {
  const b = readFileSync(join(dir, `${name}.f32`));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const [xTrain, yTrain, xTest, yTest] = ['x_train', 'y_train', 'x_test', 'y_test'].map(f32) as [Float32Array, Float32Array, Float32Array, Float32Array];

const network = new Network(
  {
    inputSize: meta.n_features,
    layers: [...cfg.hidden.map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })), { type: 'dense', units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy',
  },
  new Rng(42),
  { kernels: args.kernels as KernelChoice },
);
const threads = Number(args.threads);
if (threads !== 1 && threads !== 2) {
  console.error('layerlab-mlp: --threads is 1 or 2');
  process.exit(3);
}
const parallel = dataParallelFor(network, { batchSize: cfg.batch_size, samples: meta.n_train * epochs, seed: 42 }, threads === 2 ? gradientHelperStarter() : null);
// A helper thread loads its modules (through tsx, from source) before the clock starts, as the anchors' imports do.
if (threads === 2 && parallel?.waitUntilReady() === false) console.error('layerlab-mlp: no helper thread (batches too small to split, or it did not start)');
// Warm the training code as the app's training worker does when it starts (untimed, like the anchors' imports).
warmUpTraining();
const trainer = parallel ?? network;
const history = fit(
  trainer,
  { x: xTrain, y: yTrain, rows: meta.n_train, features: meta.n_features, targetWidth: 1 },
  { epochs, batchSize: cfg.batch_size, optimizer: { kind: 'adam', learningRate: cfg.lr }, seed: 42 },
);

const p = network.predict(xTest, meta.n_test);
let correct = 0;
for (let i = 0; i < meta.n_test; i++) correct += (p[i]! > 0.5 ? 1 : 0) === yTest[i] ? 1 : 0;
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
console.log(JSON.stringify({
  tool: 'layerlab', config: args.config, epochs,
  train_seconds: r4(history.seconds), seconds_per_epoch: Math.round((history.seconds / epochs) * 1e6) / 1e6,
  test_accuracy: r4(correct / meta.n_test), test_loss: r4(network.evaluateLoss(xTest, yTest, meta.n_test)),
  n_train: meta.n_train, samples_per_second: Math.round((meta.n_train * epochs) / history.seconds),
  threads, helper_used: parallel?.usingHelper ?? false, kernels: network.kernelChoice === 'auto' ? (bestWasmVariant() ?? 'typescript') : network.kernelChoice,
  version: `layerlab, node ${process.versions.node}`,
}));
parallel?.close();
