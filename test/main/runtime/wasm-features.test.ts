import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../../engine/nn/base64.ts';
import { KERNELS_RELAXED_WASM_BASE64 } from '../../../engine/nn/wasm/kernels-relaxed-wasm.generated.ts';
import { enableRelaxedSimd, v8HasRelaxedSimdOff } from '../../../main/runtime/wasm-features.ts';

describe('relaxed SIMD in Node', () => {
  it('is off by default before V8 11.4 (Node 20), on from 11.4 (Node 22, Electron 45)', () => {
    expect(v8HasRelaxedSimdOff('11.3.244.8-node.33')).toBe(true);
    expect(v8HasRelaxedSimdOff('10.2.154.26-node.26')).toBe(true);
    expect(v8HasRelaxedSimdOff('11.4.183.14')).toBe(false);
    expect(v8HasRelaxedSimdOff('12.4.254.21-node.33')).toBe(false);
    expect(v8HasRelaxedSimdOff('14.2.231.17')).toBe(false);
  });

  it('once enabled, holds in this thread and in worker threads started afterwards (V8 flags are per process)', async () => {
    enableRelaxedSimd();
    const bytes = new Uint8Array(base64ToBytes(KERNELS_RELAXED_WASM_BASE64));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const worker = new Worker("const { parentPort, workerData } = require('node:worker_threads'); parentPort.postMessage(WebAssembly.validate(workerData));", { eval: true, workerData: bytes });
    const validated = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(validated).toBe(true);
  });
});
