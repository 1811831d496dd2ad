import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/paths.ts';
import { CHROMIUM } from '../../e2e/harness.ts';

/** One batch's gradients of a small network on every kernel path inside the page: which ran, how far from TypeScript. */
const ENTRY = `
import { Network } from './engine/nn/network.ts';
import { Rng } from './engine/nn/rng.ts';
import { wasmKernelsAvailable } from './engine/nn/wasm/wasm-module.ts';
globalThis.compareKernelPaths = () => {
  const spec = { inputSize: 5, layers: [{ type: 'dense', units: 17, activation: 'relu' }, { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' };
  const rng = new Rng(4);
  const x = Float32Array.from({ length: 64 * 5 }, () => rng.next() * 2 - 1);
  const y = Float32Array.from({ length: 64 }, () => (rng.next() < 0.5 ? 0 : 1));
  const nets = ['auto', 'simd', 'typescript'].map((kernels) => new Network(spec, new Rng(1), { kernels }));
  const losses = nets.map((n) => n.computeGradients(x, y, 64, new Rng(0)));
  const grads = nets.map((n) => n.trainable().flatMap((p) => Array.from(p.grad)));
  const gap = (k) => grads[k].reduce((worst, g, i) => Math.max(worst, Math.abs(g - grads[2][i])), 0);
  return {
    available: wasmKernelsAvailable(),
    paths: nets.map((n) => n.layers[0].kernelPath),
    lossGap: Math.max(Math.abs(losses[0] - losses[2]), Math.abs(losses[1] - losses[2])),
    worst: Math.max(gap(0), gap(1)),
  };
};
`;

interface Outcome {
  available: boolean;
  paths: string[];
  lossGap: number;
  worst: number;
}

async function runInPage(withoutWebAssembly: boolean): Promise<Outcome> {
  const bundle = await build({ stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' }, bundle: true, write: false, format: 'iife', platform: 'browser' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>kernels</title>');
    if (withoutWebAssembly) await page.evaluate(() => Reflect.deleteProperty(globalThis, 'WebAssembly'));
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const result = await page.evaluate(() => (globalThis as unknown as { compareKernelPaths(): Outcome }).compareKernelPaths());
    expect(errors).toEqual([]);
    return result;
  } finally {
    await browser.close();
  }
}

describe('the WASM kernels in a browser (Chromium)', () => {
  it('pass the feature checks (relaxed SIMD is on in Chromium ≥ 114), run, and match the TypeScript path', async () => {
    const result = await runInPage(false);
    expect(result.available).toBe(true);
    expect(result.paths).toEqual(['relaxed-simd', 'simd', 'typescript']);
    expect(result.lossGap).toBeLessThan(1e-6);
    expect(result.worst).toBeLessThan(1e-6);
  });

  it('fall back to the TypeScript kernels where WebAssembly is missing', async () => {
    const result = await runInPage(true);
    expect(result.available).toBe(false);
    expect(result.paths).toEqual(['typescript', 'typescript', 'typescript']);
    expect(result.worst).toBe(0);
  });
});
