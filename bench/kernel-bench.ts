/**
 * GFLOP/s of each Dense kernel, TypeScript and WASM SIMD, on the shapes of the anchor benchmark's layers: the
 * measurements behind WASM_MIN_WEIGHTS (engine/nn/kernels-dense.ts) and docs/performance.md.
 *   npx tsx bench/kernel-bench.ts
 */
import { TypeScriptDenseKernels, WasmDenseKernels, type DenseKernels } from '../engine/nn/kernels-dense.ts';
import { Arena } from '../engine/nn/wasm/arena.ts';
import { instantiateKernels } from '../engine/nn/wasm/wasm-module.ts';

const shapes: [rows: number, inputs: number, units: number][] = [
  [32, 13, 6], [32, 6, 6], [32, 6, 1], [32, 13, 16], [32, 16, 16], [256, 13, 128], [256, 128, 64], [256, 64, 1], [512, 13, 64], [512, 64, 32], [512, 32, 1],
];

function rate(kernels: DenseKernels, rows: number, inputs: number, units: number): number {
  const x = Float32Array.from({ length: rows * inputs }, () => Math.random() - 0.5);
  const w = Float32Array.from({ length: inputs * units }, () => Math.random() - 0.5);
  const b = new Float32Array(units), gw = new Float32Array(inputs * units), gb = new Float32Array(units);
  const g = Float32Array.from({ length: rows * units }, () => Math.random() - 0.5);
  kernels.reserve(rows);
  const step = (): void => {
    kernels.forward(x, rows, w, b);
    kernels.backward(g, rows, w, gw, gb, true);
  };
  for (let i = 0; i < 200; i++) step();
  const best: number[] = [];
  for (let trial = 0; trial < 5; trial++) {
    const reps = Math.max(10, Math.round(2e8 / (6 * rows * inputs * units)));
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) step();
    best.push((6 * rows * inputs * units * reps) / ((performance.now() - t0) * 1e6));
  }
  return Math.max(...best);
}

console.log('| rows × inputs → units | TypeScript GFLOP/s | WASM SIMD GFLOP/s | WASM + fused ReLU |\n|---|---|---|---|');
for (const [rows, inputs, units] of shapes) {
  const ts = rate(new TypeScriptDenseKernels(inputs, units), rows, inputs, units);
  const wasm = rate(new WasmDenseKernels(new Arena(instantiateKernels()!), inputs, units), rows, inputs, units);
  const fused = rate(new WasmDenseKernels(new Arena(instantiateKernels()!), inputs, units, true), rows, inputs, units);
  console.log(`| ${rows} × ${inputs} → ${units} | ${ts.toFixed(2)} | ${wasm.toFixed(2)} | ${fused.toFixed(2)} |`);
}
