/**
 * Bundles the Electron main process and the preload with esbuild into out/main, as CommonJS: a sandboxed
 * preload must be one CommonJS file, and in CJS `__dirname` locates the renderer and resources.
 * Runtime dependencies (exceljs, papaparse) stay external: electron-builder packs them into the app.
 */
import { build, type BuildOptions } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAIN_OUT, ROOT } from './paths.ts';

/** Electron 45 runs Node 22 in main and Chromium 142 in the preload. */
const common: BuildOptions = { bundle: true, format: 'cjs', platform: 'node', target: 'node22', sourcemap: 'linked', logLevel: 'warning' };
/**
 * `import.meta` is empty in CommonJS: modules that find files relative to themselves (package.json, the training
 * worker) get the bundle's own URL instead. The bundle sits in out/main, as deep as those modules in the sources.
 */
const moduleUrl: BuildOptions = {
  define: { 'import.meta.url': '__layerlabModuleUrl' },
  banner: { js: "const __layerlabModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

export async function buildMain(outDir = MAIN_OUT): Promise<void> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  await Promise.all([
    build({
      ...common,
      ...moduleUrl,
      entryPoints: [join(ROOT, 'main/shell/electron-main.ts')],
      outfile: join(outDir, 'electron-main.cjs'),
      external: ['electron', ...Object.keys(manifest.dependencies ?? {})],
    }),
    // Each training run's worker thread loads this file (main/training/training-sessions.ts finds it beside main).
    build({ ...common, ...moduleUrl, entryPoints: [join(ROOT, 'main/training/training-worker.ts')], outfile: join(outDir, 'training-worker.cjs') }),
    // The engine pool's workers (main/services/engine-pool/engine-pool.ts finds it beside main); it loads files, so
    // it finds the column worker beside itself too.
    build({
      ...common,
      ...moduleUrl,
      entryPoints: [join(ROOT, 'main/services/engine-pool/worker/engine-worker.ts')],
      outfile: join(outDir, 'engine-worker.cjs'),
      external: Object.keys(manifest.dependencies ?? {}),
    }),
    // A training worker starts this helper thread for data-parallel batches (main/training/gradient-helper.ts).
    build({ ...common, entryPoints: [join(ROOT, 'main/training/gradient-helper-worker.ts')], outfile: join(outDir, 'gradient-helper-worker.cjs') }),
    // A network search runs its trials on these workers (main/search/executors.ts finds it beside main).
    build({ ...common, ...moduleUrl, entryPoints: [join(ROOT, 'main/search/search-worker.ts')], outfile: join(outDir, 'search-worker.cjs') }),
    // The Train step's K-fold cross-validation runs on this worker (main/search/cross-validations.ts finds it beside main).
    build({ ...common, ...moduleUrl, entryPoints: [join(ROOT, 'main/search/cross-validation-worker.ts')], outfile: join(outDir, 'cross-validation-worker.cjs') }),
    // A large file's load collects some columns on this worker (main/io/remote-columns.ts finds it beside main).
    build({ ...common, entryPoints: [join(ROOT, 'main/io/column-worker.ts')], outfile: join(outDir, 'column-worker.cjs') }),
    build({ ...common, entryPoints: [join(ROOT, 'main/shell/preload.ts')], outfile: join(outDir, 'preload.cjs'), external: ['electron'] }),
  ]);
}
