/**
 * The WASM SIMD kernel module, compiled once per thread from the embedded bytes with the global `WebAssembly`
 * API (Node's worker_threads, Electron and browsers alike; no file is fetched). `null` where WebAssembly or
 * its 128-bit SIMD is unavailable: callers then use the TypeScript kernels.
 */
import { base64ToBytes } from '../base64.ts';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.ts';

/** The exports of kernels.as; pointers are byte offsets into `memory`. */
export interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  denseForward(x: number, rows: number, inputs: number, w: number, b: number, units: number, out: number, relu: number): void;
  denseParamGrads(x: number, g: number, rows: number, inputs: number, units: number, gw: number, gb: number): void;
  transpose(src: number, rows: number, cols: number, dst: number): void;
  reluGrad(g: number, a: number, n: number, dst: number): void;
}

/** The slice of the WebAssembly API used here (the engine compiles without DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let compiled: object | null | undefined;

function compile(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = base64ToBytes(KERNELS_WASM_BASE64);
  // validate() is false where SIMD (or WebAssembly) is missing: that is the run-time feature check.
  compiled = api && api.validate(bytes) ? new api.Module(bytes) : null;
  return compiled;
}

export function wasmKernelsAvailable(): boolean {
  return compile() !== null;
}

/** A fresh instance with its own memory, or null where the kernels cannot run. */
export function instantiateKernels(): KernelExports | null {
  const module = compile();
  if (!module) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  return new api.Instance(module, {}).exports as KernelExports;
}
