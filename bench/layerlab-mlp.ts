/**
 * Layerlab's side of the anchor benchmark: the same network, data, optimizer and epochs as the anchors in
 * ../shared/bench (13 standardized churn features → hidden relu layers → 1 sigmoid, Adam 0.001, binary CE),
 * trained with the engine's `fit`. Prints one JSON line in the anchors' format.
 *   node --import tsx bench/layerlab-mlp.ts --config small|larger|big [--epochs N]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fit } from '../engine/nn/fit.ts';
import type { KernelChoice } from '../engine/nn/kernels-dense.ts';
import { Network } from '../engine/nn/network.ts';
import { Rng } from '../engine/nn/rng.ts';
import { withGradientHelper } from '../main/training/gradient-helper.ts';
import { enableRelaxedSimd } from '../main/runtime/wasm-features.ts';

enableRelaxedSimd();

const sharedBench = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/bench');
const { values: args } = parseArgs({ options: { config: { type: 'string', default: 'small' }, epochs: { type: 'string' }, threads: { type: 'string', default: '1' }, kernels: { type: 'string', default: 'auto' }, 'min-rows': { type: 'string' } } });
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
const parallel = threads === 2 ? withGradientHelper(network, { kernels: args.kernels as KernelChoice, maxBatch: cfg.batch_size, seed: 43, ...(args['min-rows'] ? { minRows: Number(args['min-rows']) } : {}) }) : null;
// The helper thread loads its modules (through tsx, from source) before the clock starts, as the anchors' imports do.
if (parallel && !parallel.waitUntilReady()) console.error('layerlab-mlp: the helper thread did not start; training on one thread');
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
  threads, version: `layerlab, node ${process.versions.node}`,
}));
parallel?.close();
