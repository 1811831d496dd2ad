import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { v8HasRelaxedSimdOff } from '../../../main/runtime/wasm-features.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Every place a thread starts that may run the kernels. V8's flag is per process, so one that compiled the
 * kernels before any other thread set it ran the 128-bit SIMD build for its life: a model restored in a fresh
 * app predicted other digits there (87.7424 %) than in the session that trained it (87.7844 %), where the training
 * worker had set the flag first; search trials trained on whichever build the process happened to have.
 */
const ENTRIES: [string, string?][] = [
  ['main/services/create-services.ts', 'services'],
  ['main/services/engine-pool/worker/engine-worker.ts'],
  ['main/training/training-worker.ts'],
  ['main/training/gradient-helper-worker.ts'],
  ['main/search/search-worker.ts'],
  ['main/search/cross-validation-worker.ts'],
];

describe.skipIf(!v8HasRelaxedSimdOff())('relaxed SIMD on Node 20 (behind a V8 flag; on by default from Node 22 and in Electron)', () => {
  it.each(ENTRIES)('is turned on by %s as it starts, before anything compiles the kernels', (entry, kind) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/main/runtime/relaxed-entry.ts', entry, ...(kind ? [kind] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 80_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ before: false, after: true });
  }, 90_000);
});
