import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseForward, denseInputGrad, denseParamGrads } from '../../../engine/nn/kernels.ts';
import { DenseKernelFactory, TypeScriptDenseKernels, WasmDenseKernels } from '../../../engine/nn/kernels-dense.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { Arena } from '../../../engine/nn/wasm/arena.ts';
import { bestWasmVariant, instantiateKernels, WASM_VARIANTS, wasmKernelsAvailable, type WasmVariant } from '../../../engine/nn/wasm/wasm-module.ts';
import { enableRelaxedSimd } from '../../../main/runtime/wasm-features.ts';

// As every entry point that trains does: Node 20 runs the relaxed-SIMD build only with this V8 flag.
enableRelaxedSimd();

const SIZES = [1, 3, 17, 64, 129];

function random(n: number, rng: Rng, zeros = false): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = zeros && rng.next() < 0.3 ? 0 : rng.next() * 2 - 1;
  return a;
}

/** |a − b| ≤ 1e-5 · (scale of the terms summed), per element. */
function expectClose(actual: Float32Array, expected: Float32Array, scale: number, n = expected.length): void {
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / scale);
  expect(worst).toBeLessThan(1e-5);
}

/** Whether the CPU has fused multiply-add; null where this test cannot tell (x86-64 outside Linux). */
function cpuHasFma(): boolean | null {
  if (process.arch === 'arm64') return true;
  if (process.arch !== 'x64' || !existsSync('/proc/cpuinfo')) return null;
  return /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
}

const arenaOf = (variant: WasmVariant): Arena => new Arena(instantiateKernels(variant)!, variant);

/** Where each product's multiply-adds are fused: a · b + c with a·b just below 1 rounds away unless fused. */
function fusedMultiplyAdd(variant: WasmVariant): boolean {
  const kernels = new WasmDenseKernels(arenaOf(variant), 1, 4);
  kernels.reserve(1);
  return kernels.forward(Float32Array.of(1 + 2 ** -13), 1, Float32Array.of(1 - 2 ** -13, 0, 0, 0), Float32Array.of(-1, 0, 0, 0))[0] !== 0;
}

describe('the WASM builds in this Node', () => {
  it('both run: 128-bit SIMD, and relaxed SIMD (on by default from Node 22 and in Electron; Node 20 needs the V8 flag)', () => {
    expect(WASM_VARIANTS.filter((v) => wasmKernelsAvailable(v))).toEqual(['relaxed-simd', 'simd']);
    expect(bestWasmVariant()).toBe('relaxed-simd');
  });

  it.skipIf(cpuHasFma() === null)('the SIMD build multiplies then adds (two roundings); the relaxed build fuses where the CPU has FMA', () => {
    expect(fusedMultiplyAdd('simd')).toBe(false);
    // Relaxed SIMD lets the engine choose: V8 fuses on x86-64 CPUs with FMA3 and on ARM64.
    expect(fusedMultiplyAdd('relaxed-simd')).toBe(cpuHasFma());
  });
});

describe.each(WASM_VARIANTS)('WASM %s dense kernels against the TypeScript reference', (variant) => {

  const shapes: [number, number, number][] = [];
  for (const rows of SIZES) for (const inputs of SIZES) for (const units of SIZES) shapes.push([rows, inputs, units]);

  it.each([false, true])('agree to 1e-5 relative on every shape from sizes 1, 3, 17, 64, 129 (bias: %s)', (withBias) => {
    const rng = new Rng(7);
    for (const [rows, inputs, units] of shapes) {
      const x = random(rows * inputs, rng, true), w = random(inputs * units, rng), b = withBias ? random(units, rng) : null;
      const g = random(rows * units, rng, true);
      const wasm = new WasmDenseKernels(arenaOf(variant), inputs, units);
      wasm.reserve(rows);
      const out = wasm.forward(x, rows, w, b).slice(0, rows * units);
      const gw = new Float32Array(inputs * units), gb = withBias ? new Float32Array(units) : null;
      const gx = wasm.backward(g, rows, w, gw, gb, true)!.slice(0, rows * inputs);

      const refOut = new Float32Array(rows * units), refGw = new Float32Array(inputs * units), refGb = withBias ? new Float32Array(units) : null;
      const refGx = new Float32Array(rows * inputs);
      denseForward(x, rows, inputs, w, b, units, refOut);
      denseParamGrads(x, g, rows, inputs, units, refGw, refGb);
      denseInputGrad(g, rows, inputs, w, units, refGx);
      // Sums of n terms of magnitude ≤ 1: scale the tolerance by the number of terms.
      expectClose(out, refOut, inputs + 1);
      expectClose(gw, refGw, rows);
      if (refGb) expectClose(gb!, refGb, rows);
      expectClose(gx, refGx, units);
    }
  });

  it('with a fused ReLU: forward is max(0, x·W + b) and backward equals the ReLU layer followed by the plain kernels', () => {
    const rng = new Rng(3);
    for (const [rows, inputs, units] of [[17, 3, 129], [5, 64, 17], [1, 1, 1], [129, 17, 64], [6, 13, 1], [7, 5, 70]] as const) {
      const x = random(rows * inputs, rng), w = random(inputs * units, rng), b = random(units, rng), g = random(rows * units, rng);
      const arena = arenaOf(variant);
      const plain = new WasmDenseKernels(arena, inputs, units, false), fused = new WasmDenseKernels(arena, inputs, units, true);
      plain.reserve(rows);
      fused.reserve(rows);
      const z = plain.forward(x, rows, w, b).slice(0, rows * units);
      expect(Array.from(fused.forward(x, rows, w, b).slice(0, rows * units))).toEqual(Array.from(z, (v) => Math.max(v, 0)));
      const masked = g.map((v, i) => (z[i]! > 0 ? v : 0));
      const gw = new Float32Array(inputs * units), gb = new Float32Array(units), refGw = new Float32Array(inputs * units), refGb = new Float32Array(units);
      const gx = fused.backward(g, rows, w, gw, gb, true)!.slice(0, rows * inputs);
      const refGx = plain.backward(masked, rows, w, refGw, refGb, true)!.slice(0, rows * inputs);
      expect(Array.from(gw)).toEqual(Array.from(refGw));
      expect(Array.from(gb)).toEqual(Array.from(refGb));
      expect(Array.from(gx)).toEqual(Array.from(refGx));
    }
  });

  it('keeps working after the memory grows (views re-created, data kept)', () => {
    const arena = arenaOf(variant);
    const wasm = new WasmDenseKernels(arena, 3, 5);
    wasm.reserve(2);
    const w = Float32Array.from({ length: 15 }, (_, i) => i / 10);
    const first = wasm.forward(Float32Array.of(1, 2, 3, 4, 5, 6), 2, w, null).slice(0, 10);
    arena.alloc(4 * 65536); // forces memory.grow: the old ArrayBuffer is detached
    wasm.reserve(1000);
    expect(Array.from(wasm.forward(Float32Array.of(1, 2, 3, 4, 5, 6), 2, w, null).slice(0, 10))).toEqual(Array.from(first));
  });

  it('is what the factory hands out when this build is named', () => {
    const kernels = new DenseKernelFactory(variant).create(13, 128, true);
    expect(kernels).toBeInstanceOf(WasmDenseKernels);
    expect(kernels.path).toBe(variant);
    expect(kernels.fusesRelu).toBe(true);
  });

  it('is deterministic: the same inputs give bit-identical products', () => {
    const rng = new Rng(11);
    const [rows, inputs, units] = [37, 29, 19];
    const x = random(rows * inputs, rng), w = random(inputs * units, rng), b = random(units, rng), g = random(rows * units, rng);
    const run = (): number[][] => {
      const k = new WasmDenseKernels(arenaOf(variant), inputs, units, true);
      k.reserve(rows);
      const out = Array.from(k.forward(x, rows, w, b).slice(0, rows * units));
      const gw = new Float32Array(inputs * units), gb = new Float32Array(units);
      const gx = Array.from(k.backward(g, rows, w, gw, gb, true)!.slice(0, rows * inputs));
      return [out, Array.from(gw), Array.from(gb), gx];
    };
    expect(run()).toEqual(run());
  });
});

describe('choosing kernels', () => {
  it('auto and wasm pick the fastest WASM build for every shape (ReLU fused), typescript the TypeScript kernels', () => {
    const auto = new DenseKernelFactory('auto');
    expect(auto.create(6, 1, false).path).toBe('relaxed-simd');
    expect(auto.create(13, 128, true).fusesRelu).toBe(true);
    expect(new DenseKernelFactory('typescript').create(128, 64, true)).toBeInstanceOf(TypeScriptDenseKernels);
    expect(new DenseKernelFactory('wasm').create(6, 1, false).path).toBe('relaxed-simd');
  });
});
