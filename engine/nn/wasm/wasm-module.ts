/**
 * The WASM kernel modules, compiled once per thread from the embedded bytes with the global `WebAssembly` API
 * (Node's worker_threads, Electron and browsers alike; no file is fetched). Two builds of kernels.as:
 * - `relaxed-simd`: multiply-adds through f32x4.relaxed_madd, fused (one rounding) on CPUs with FMA. On by
 *   default in Electron 45, Chromium ≥ 114 and Node ≥ 22; Node 20 has it behind a V8 flag, which main/ sets
 *   before any kernel compiles (main/runtime/wasm-features.ts);
 * - `simd`: 128-bit SIMD, a multiply then an add; everywhere with WebAssembly SIMD.
 * `validate` is the run-time feature check: a runtime without a feature refuses the module that uses it.
 * Where neither validates, callers use the TypeScript kernels.
 */
import { base64ToBytes } from '../base64.ts';
import { KERNELS_RELAXED_WASM_BASE64 } from './kernels-relaxed-wasm.generated.ts';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.ts';

/** The exports of kernels.as; pointers are byte offsets into `memory`. */
export interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  denseForward(x: number, rows: number, inputs: number, w: number, b: number, units: number, out: number, relu: number): void;
  denseParamGrads(x: number, g: number, rows: number, inputs: number, units: number, gw: number, gb: number): void;
  transpose(src: number, rows: number, cols: number, dst: number): void;
  reluGrad(g: number, a: number, n: number, dst: number): void;
  adamUpdate(w: number, g: number, m: number, v: number, n: number, keep1: number, keep2: number, alpha: number, epsilon: number): void;
}

export type WasmVariant = 'relaxed-simd' | 'simd';

/** Fastest first. */
export const WASM_VARIANTS: readonly WasmVariant[] = ['relaxed-simd', 'simd'];

const BYTES: Record<WasmVariant, string> = { 'relaxed-simd': KERNELS_RELAXED_WASM_BASE64, simd: KERNELS_WASM_BASE64 };

/** The slice of the WebAssembly API used here (the engine compiles without DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const compiled = new Map<WasmVariant, object | null>();

function api(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function compile(variant: WasmVariant): object | null {
  if (compiled.has(variant)) return compiled.get(variant)!;
  const wasm = api();
  const bytes = base64ToBytes(BYTES[variant]);
  const module = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  compiled.set(variant, module);
  return module;
}

/** Whether this runtime runs the given build (any build, when none is named). */
export function wasmKernelsAvailable(variant?: WasmVariant): boolean {
  return variant ? compile(variant) !== null : bestWasmVariant() !== null;
}

/** The fastest build this runtime runs, or null. */
export function bestWasmVariant(): WasmVariant | null {
  return WASM_VARIANTS.find((v) => compile(v) !== null) ?? null;
}

/** A fresh instance of `variant` (default: the fastest available) with its own memory, or null where it cannot run. */
export function instantiateKernels(variant: WasmVariant | null = bestWasmVariant()): KernelExports | null {
  const module = variant ? compile(variant) : null;
  if (!module) return null;
  return new (api()!).Instance(module, {}).exports as KernelExports;
}
