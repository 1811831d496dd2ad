/**
 * Run by relaxed-everywhere.test.ts in a fresh Node (its V8 flags as they start): loads one entry point the way
 * it starts — a worker's module (which throws after its top level, outside a worker), or the app's services —
 * then prints whether this process now validates the relaxed-SIMD kernels.
 *   node --import tsx test/main/runtime/relaxed-entry.ts <module> [services]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { base64ToBytes } from '../../../engine/nn/base64.ts';
import { KERNELS_RELAXED_WASM_BASE64 } from '../../../engine/nn/wasm/kernels-relaxed-wasm.generated.ts';

const [entry, kind] = process.argv.slice(2);
const relaxed = new Uint8Array(base64ToBytes(KERNELS_RELAXED_WASM_BASE64));
const before = WebAssembly.validate(relaxed);
try {
  const module = await import(pathToFileURL(resolve(entry!)).href);
  if (kind === 'services') {
    module.createServices({
      info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
      samplesDir: 'resources/samples',
      settingsDir: mkdtempSync(join(tmpdir(), 'layerlab-relaxed-entry-')),
      acceptUploads: true,
    });
  }
} catch {
  // A worker's module outside a worker: its top level ran up to the check that it is one.
}
console.log(JSON.stringify({ before, after: WebAssembly.validate(relaxed) }));
process.exit(0);
