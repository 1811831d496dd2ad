import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker from a module file. Built bundles (.js/.mjs) start directly; TypeScript sources (tests, the
 * CLI, `npm run web` from source) need tsx's loader registered first, which Node 20 only allows from an eval'd
 * bootstrap (TOOLCHAIN.md: a `.ts` worker fails with ERR_UNKNOWN_FILE_EXTENSION).
 */
export function launchWorker(file: URL, options: WorkerOptions = {}): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, options);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * A worker's module: its bundle when it exists (a desktop build puts every worker's .cjs beside the main bundle,
 * scripts/build-main.ts), the TypeScript source otherwise. Callers write both URLs relative to their own
 * `import.meta.url`, which in a bundle is the bundle's own URL.
 */
export function bundledOrSource(bundled: URL, source: URL): URL {
  return existsSync(bundled) ? bundled : source;
}
