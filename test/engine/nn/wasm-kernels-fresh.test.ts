import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModule, renderGeneratedFile, WASM_MODULES } from '../../../scripts/wasm-kernels.ts';

describe('the committed WASM modules', () => {
  it.each(WASM_MODULES.map((spec) => [basename(spec.source), spec] as const))('are exactly what %s compiles to (run `npx tsx scripts/wasm-kernels.ts` after editing it)', async (_, spec) => {
    const rebuilt = renderGeneratedFile(spec, await compileModule(spec));
    expect(readFileSync(spec.generated, 'utf8') === rebuilt).toBe(true);
  });
});
