import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_VARIANTS } from '../../../engine/nn/wasm/wasm-module.ts';
import { enableRelaxedSimd } from '../../../main/runtime/wasm-features.ts';
import { checkKernelEdges } from './kernel-edges.ts';

enableRelaxedSimd();

const SCRIPT = resolve(import.meta.dirname, 'kernel-edges.ts');
const ROOT = resolve(import.meta.dirname, '../../..');

/** The same check in a fresh Node whose V8 compiles WebAssembly with one compiler only. */
function checkUnder(flag: string, variant: string, seed: number, cases: number): unknown {
  const run = spawnSync(process.execPath, [flag, '--import', 'tsx', SCRIPT, variant, String(seed), String(cases)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`kernel-edges.ts under ${flag} exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

describe.each(WASM_VARIANTS)('every WASM %s kernel against the TypeScript reference on random shapes', (variant) => {
  it('rows 1..67, inputs 1..70, units 1..70, unaligned buffers, NaN around each, one instance for all (tiering up as it runs)', () => {
    expect(checkKernelEdges(variant, 1, 300)).toEqual([]);
  });

  // Liftoff compiles each function at first call, TurboFan once it is hot: the app's long runs are TurboFan
  // code, a test's first calls Liftoff code. Each alone, so a fault of one compiler cannot hide behind the other.
  it.each(['--liftoff-only', '--no-liftoff'])('the same under %s', (flag) => {
    expect(checkUnder(flag, variant, 2, 200)).toEqual([]);
  }, 150_000);
});
