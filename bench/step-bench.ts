/**
 * Microseconds per training step on the anchor configs, split into gathering the batch, the gradients
 * (forward + backward) and the optimizer: where a step's time goes. Same process, alternating the kernel paths;
 * timed in CPU time of this process (single-threaded work), best of blocks, so the other processes of a shared
 * machine do not count (`--wall` for wall-clock).
 *   npx tsx bench/step-bench.ts [small|larger|big] [relaxed-simd,simd,typescript] [--wall]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchGatherer } from '../engine/nn/fit-data.ts';
import type { KernelChoice } from '../engine/nn/kernels-dense.ts';
import { Network } from '../engine/nn/network.ts';
import { createOptimizer } from '../engine/nn/optimizers/create-optimizer.ts';
import { Rng } from '../engine/nn/rng.ts';
import { warmUpTraining } from '../engine/pipeline/warm-up.ts';
import { enableRelaxedSimd } from '../main/runtime/wasm-features.ts';

enableRelaxedSimd();
warmUpTraining();
const wall = process.argv.includes('--wall');
const now = (): number => {
  if (wall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const sharedBench = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/bench');
const config = positional[0] ?? 'small';
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
      const t0 = now();
      for (let b = 0; b < batches; b++) {
        if (part === 'gather' || part === 'total') gatherer.gather(order, b * batch, batch);
        if (part === 'gradients' || part === 'total') network.computeGradients(gatherer.x, gatherer.y, batch, rng);
        if (part === 'optimizer' || part === 'total') optimizer.step(params);
      }
      best = Math.min(best, now() - t0);
    }
    return Math.round((best * 1000 * 10) / batches) / 10;
  };
  block('total');
  return { gather: block('gather'), gradients: block('gradients'), optimizer: block('optimizer'), total: block('total') };
}

console.log(`µs per batch of ${batch} (${wall ? 'wall-clock' : 'CPU time'}, best of 7 blocks of batches)`);
for (let round = 0; round < 2; round++) {
  for (const kernels of (positional[1] ?? 'relaxed-simd,simd,typescript').split(',') as KernelChoice[]) console.log(config, kernels.padEnd(12), JSON.stringify(measure(kernels)));
}
