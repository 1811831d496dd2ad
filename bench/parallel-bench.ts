/**
 * Where splitting a batch over two threads starts to pay: µs per computeGradients on one thread and on two
 * (main/training/gradient-helper.ts), for a few network widths and batch sizes, best of several blocks. The
 * break-even, in FLOP per batch, is PARALLEL_MIN_FLOPS_PER_BATCH.
 *   npx tsx bench/parallel-bench.ts
 */
import { Network } from '../engine/nn/network.ts';
import { Rng } from '../engine/nn/rng.ts';
import { withGradientHelper } from '../main/training/gradient-helper.ts';
import type { TrainableNetwork } from '../engine/nn/types.ts';

const widths: number[][] = [[6, 6], [32, 16], [64, 32], [128, 64]];
const batches = [32, 64, 128, 256, 512];
const features = 13;

function best(trainer: TrainableNetwork, x: Float32Array, y: Float32Array, rows: number): number {
  const rng = new Rng(1);
  const reps = Math.max(20, Math.round(4000 / rows));
  let fastest = Infinity;
  for (let trial = 0; trial < 7; trial++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) trainer.computeGradients(x, y, rows, rng);
    fastest = Math.min(fastest, (performance.now() - t0) / reps);
  }
  return fastest * 1000;
}

console.log('| network | batch | FLOP per batch | 1 thread µs | 2 threads µs | speed-up |\n|---|---|---|---|---|---|');
for (const hidden of widths) {
  const spec = { inputSize: features, layers: [...hidden.map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })), { type: 'dense' as const, units: 1, activation: 'sigmoid' as const }], loss: 'binary_crossentropy' as const };
  const one = new Network(spec, new Rng(2));
  const parallel = withGradientHelper(new Network(spec, new Rng(2)), { maxBatch: 512, seed: 3, minRows: 2 });
  parallel.waitUntilReady();
  const params = one.trainable().reduce((s, p) => s + p.value.length, 0);
  for (const rows of batches) {
    const x = Float32Array.from({ length: rows * features }, () => Math.random() - 0.5);
    const y = Float32Array.from({ length: rows }, () => (Math.random() < 0.5 ? 0 : 1));
    const t1 = best(one, x, y, rows), t2 = best(parallel, x, y, rows);
    console.log(`| 13-${hidden.join('-')}-1 | ${rows} | ${(6 * params * rows / 1e6).toFixed(2)} M | ${t1.toFixed(1)} | ${t2.toFixed(1)} | ${(t1 / t2).toFixed(2)}× |`);
  }
  parallel.close();
}
