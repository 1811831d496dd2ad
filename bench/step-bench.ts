/**
 * Microseconds per training step on the anchor configs, split into gathering the batch, the gradients
 * (forward + backward) and the optimizer: where the small network's time goes. Same process, alternating the
 * kernel paths, so a busy shared machine affects both alike.
 *   npx tsx bench/step-bench.ts [small|larger|big] [typescript,wasm]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchGatherer } from '../engine/nn/fit-data.ts';
import type { KernelChoice } from '../engine/nn/kernels-dense.ts';
import { Network } from '../engine/nn/network.ts';
import { createOptimizer } from '../engine/nn/optimizers/create-optimizer.ts';
import { Rng } from '../engine/nn/rng.ts';

const sharedBench = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/bench');
const config = process.argv[2] ?? 'small';
const cfg = (JSON.parse(readFileSync(join(sharedBench, 'configs.json'), 'utf8')) as Record<string, { data: string; hidden: number[]; batch_size: number }>)[config]!;
const dir = join(process.env.BENCH_DATA ?? '/tmp/layerlab-bench-data', cfg.data);
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { n_features: number; n_train: number };
const f32 = (name: string): Float32Array => {
  const b = readFileSync(join(dir, `${name}.f32`));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const x = f32('x_train'), y = f32('y_train');
const rows = Math.min(meta.n_train, 64_000);
const data = { x, y, rows, features: meta.n_features, targetWidth: 1 };
const batch = cfg.batch_size;

/** Best of several blocks of batches (a shared machine's interruptions only ever add time). */
function measure(kernels: KernelChoice): { gather: number; gradients: number; optimizer: number; total: number } {
  const network = new Network({ inputSize: meta.n_features, layers: [...cfg.hidden.map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })), { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, new Rng(1), { kernels });
  const optimizer = createOptimizer({ kind: 'adam' });
  const gatherer = new BatchGatherer(data, null, batch);
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  new Rng(2).shuffle(order);
  const rng = new Rng(3);
  const batches = Math.min(200, Math.floor(rows / batch));
  const params = network.params();
  const block = (part: 'gather' | 'gradients' | 'optimizer' | 'total'): number => {
    let best = Infinity;
    for (let trial = 0; trial < 7; trial++) {
      const t0 = performance.now();
      for (let b = 0; b < batches; b++) {
        if (part === 'gather' || part === 'total') gatherer.gather(order, b * batch, batch);
        if (part === 'gradients' || part === 'total') network.computeGradients(gatherer.x, gatherer.y, batch, rng);
        if (part === 'optimizer' || part === 'total') optimizer.step(params);
      }
      best = Math.min(best, performance.now() - t0);
    }
    return Math.round((best * 1000 * 10) / batches) / 10;
  };
  block('total');
  return { gather: block('gather'), gradients: block('gradients'), optimizer: block('optimizer'), total: block('total') };
}

console.log(`µs per batch of ${batch} (best of 7 blocks of batches)`);
for (let round = 0; round < 2; round++) {
  for (const kernels of (process.argv[3] ?? 'typescript,wasm').split(',') as KernelChoice[]) console.log(config, kernels.padEnd(10), JSON.stringify(measure(kernels)));
}
