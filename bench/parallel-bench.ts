/**
 * Where a helper thread starts to pay: µs per computeGradients of whole batches on one thread, of split batches
 * on one thread (what a run on one core does above the split threshold), and of split batches with the helper
 * computing the second halves, for a few network widths and batch sizes; best of several blocks, wall-clock (a
 * second thread only pays in wall-clock time, and only when the second core is free). The split threshold in FLOP
 * per batch is SPLIT_MIN_FLOPS_PER_BATCH (engine/nn/data-parallel.ts); during training the helper is used only
 * while timing says it pays (engine/nn/thread-choice.ts), so this table is for choosing the threshold.
 *   npx tsx bench/parallel-bench.ts
 */
import { DataParallelNetwork } from '../engine/nn/data-parallel.ts';
import { Network } from '../engine/nn/network.ts';
import { Rng } from '../engine/nn/rng.ts';
import type { TrainableNetwork } from '../engine/nn/types.ts';
import { warmUpTraining } from '../engine/pipeline/warm-up.ts';
import { enableRelaxedSimd } from '../main/runtime/wasm-features.ts';
import { gradientHelperStarter } from '../main/training/gradient-helper.ts';

enableRelaxedSimd();
warmUpTraining();
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

console.log('| network | batch | FLOP per batch | whole, 1 thread µs | split, 1 thread µs | split, 2 threads µs | 2 threads ÷ whole |\n|---|---|---|---|---|---|---|');
for (const hidden of widths) {
  const spec = { inputSize: features, layers: [...hidden.map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })), { type: 'dense' as const, units: 1, activation: 'sigmoid' as const }], loss: 'binary_crossentropy' as const };
  const one = new Network(spec, new Rng(2));
  const alone = new DataParallelNetwork(new Network(spec, new Rng(2)), { minRows: 2, maxBatch: 512, seed: 3, startHelper: null });
  const helped = new DataParallelNetwork(new Network(spec, new Rng(2)), { minRows: 2, maxBatch: 512, seed: 3, startHelper: gradientHelperStarter(2), use: 'helper' });
  helped.waitUntilReady();
  const params = one.trainable().reduce((s, p) => s + p.value.length, 0);
  for (const rows of batches) {
    const x = Float32Array.from({ length: rows * features }, () => Math.random() - 0.5);
    const y = Float32Array.from({ length: rows }, () => (Math.random() < 0.5 ? 0 : 1));
    const t1 = best(one, x, y, rows), ts = best(alone, x, y, rows), t2 = best(helped, x, y, rows);
    console.log(`| 13-${hidden.join('-')}-1 | ${rows} | ${((6 * params * rows) / 1e6).toFixed(2)} M | ${t1.toFixed(1)} | ${ts.toFixed(1)} | ${t2.toFixed(1)} | ${(t1 / t2).toFixed(2)}× |`);
  }
  helped.close();
}
