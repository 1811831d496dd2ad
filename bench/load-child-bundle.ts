/**
 * bench/data-load-child.ts and the column worker, bundled with esbuild as scripts/build-main.ts bundles main, so
 * a benchmark measures the loader as shipped (no tsx compiling sources in the process it measures). Used by
 * `npm run bench:data` and `npm run bench:memory`.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = path.join(tmpdir(), 'layerlab-bench', 'bundle');

/** The bundled child: `node <it> <file|''> <auto|never> [warm]` prints `{ ms, rssMb, rows, columns }`. */
export const loadChild = path.join(bundleDir, 'data-load-child.cjs');

export async function bundleLoadChild(): Promise<void> {
  const { build } = await import('esbuild');
  const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(repoRoot, 'bench/data-load-child.ts')],
      outfile: loadChild,
      define: { 'import.meta.url': '__moduleUrl' },
      banner: { js: "const __moduleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({ ...common, entryPoints: [path.join(repoRoot, 'main/io/column-worker.ts')], outfile: path.join(bundleDir, 'column-worker.cjs') }),
  ]);
}
