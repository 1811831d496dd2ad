import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernels, generatedPath, renderGeneratedFile } from '../../../scripts/wasm-kernels.ts';

describe('the committed WASM kernel module', () => {
  it('is exactly what kernels.as compiles to (run `npx tsx scripts/wasm-kernels.ts` after editing it)', async () => {
    const rebuilt = renderGeneratedFile(await compileKernels());
    expect(readFileSync(generatedPath, 'utf8') === rebuilt).toBe(true);
  });
});
