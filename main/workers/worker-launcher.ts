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

/** The training worker beside this module: the bundle in a desktop build (scripts/build-main.ts), the .ts source otherwise. */
export function defaultTrainingWorkerFile(): URL {
  const bundled = new URL('./training-worker.cjs', import.meta.url);
  return existsSync(bundled) ? bundled : new URL('./training-worker.ts', import.meta.url);
}
