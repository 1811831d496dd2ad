/**
 * GFLOP/s of each Dense kernel on the shapes of the anchor benchmark's layers, on every path this runtime runs:
 * TypeScript, WASM 128-bit SIMD, WASM relaxed SIMD (fused multiply-add), the last two also with the ReLU fused.
 * Timed in CPU time of this process (the kernels are single-threaded), best of several blocks, so a shared
 * machine's other processes do not count; `--wall` times wall-clock instead.
 *   npx tsx bench/kernel-bench.ts [--wall]
 */
import { TypeScriptDenseKernels, WasmDenseKernels, type DenseKernels } from '../engine/nn/kernels-dense.ts';
import { Arena } from '../engine/nn/wasm/arena.ts';
import { instantiateKernels, WASM_VARIANTS, wasmKernelsAvailable, type WasmVariant } from '../engine/nn/wasm/wasm-module.ts';
import { enableRelaxedSimd } from '../main/runtime/wasm-features.ts';

enableRelaxedSimd();
const wall = process.argv.includes('--wall');
const now = (): number => {
  if (wall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

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
    const reps = Math.max(10, Math.round(4e8 / (6 * rows * inputs * units)));
    const t0 = now();
    for (let i = 0; i < reps; i++) step();
    best.push((6 * rows * inputs * units * reps) / ((now() - t0) * 1e6));
  }
  return Math.max(...best);
}

const variants = WASM_VARIANTS.filter((v) => wasmKernelsAvailable(v));
const wasmKernels = (variant: WasmVariant, inputs: number, units: number, relu: boolean): DenseKernels => new WasmDenseKernels(new Arena(instantiateKernels(variant)!, variant), inputs, units, relu);
console.log(`GFLOP/s (${wall ? 'wall-clock' : 'CPU'} time), 6 · rows · inputs · units FLOP per forward + backward`);
console.log(`| rows × inputs → units | TypeScript | ${variants.flatMap((v) => [`WASM ${v}`, `${v} + fused ReLU`]).join(' | ')} |`);
console.log(`|---|---|${variants.map(() => '---|---|').join('')}`);
for (const [rows, inputs, units] of shapes) {
  const cells = [rate(new TypeScriptDenseKernels(inputs, units), rows, inputs, units)];
  for (const v of variants) cells.push(rate(wasmKernels(v, inputs, units, false), rows, inputs, units), rate(wasmKernels(v, inputs, units, true), rows, inputs, units));
  console.log(`| ${rows} × ${inputs} → ${units} | ${cells.map((c) => c.toFixed(2)).join(' | ')} |`);
}
