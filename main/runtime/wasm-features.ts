/**
 * Turns on WebAssembly relaxed SIMD where this V8 has it behind a flag, so the fused multiply-add kernels
 * (engine/nn/wasm/wasm-module.ts) can run: Node 20's V8 11.3 has `--experimental-wasm-relaxed-simd` off;
 * V8 ≥ 11.4 (Node ≥ 22, Electron 45, Chromium ≥ 114) ships it on. V8 flags are per process: set before any
 * kernel compiles, the flag holds for this thread and for worker threads, started before or after (measured on
 * Node 20.20; a worker's `execArgv` refuses V8 flags with ERR_WORKER_INVALID_EXEC_ARGV). Call it at the top of
 * every entry point that runs the kernels: the CLI, the app's services (main's thread), and every worker that
 * trains, evaluates or predicts. A thread that compiles the kernels before any thread set the flag keeps the
 * 128-bit SIMD build for its life: a model restored in a fresh app predicted other digits there than in the
 * session that trained it, where the training worker had set the flag first (test/main/runtime/relaxed-everywhere.test.ts).
 */
import { setFlagsFromString } from 'node:v8';

const FLAG = '--experimental-wasm-relaxed-simd';
/** The first V8 that ships relaxed SIMD on by default. */
const SHIPPED_IN: readonly [number, number] = [11, 4];

export function v8HasRelaxedSimdOff(v8Version = process.versions.v8): boolean {
  const [major = 0, minor = 0] = v8Version.split('.').map(Number);
  return major < SHIPPED_IN[0] || (major === SHIPPED_IN[0] && minor < SHIPPED_IN[1]);
}

let enabled = false;

export function enableRelaxedSimd(): void {
  if (enabled) return;
  enabled = true;
  if (v8HasRelaxedSimdOff()) setFlagsFromString(FLAG);
}
