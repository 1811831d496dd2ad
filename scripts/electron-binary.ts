/**
 * Where the Electron binary is, found the way the `electron` package finds it but without its side effect:
 * requiring `electron` in plain Node starts a download when the binary is missing, which here fails with a
 * stack trace. This only looks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

export function findElectronBinary(packageDir = join(ROOT, 'node_modules', 'electron'), env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed (run "npm install")' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { found: false, reason: 'the Electron binary was never downloaded (it comes from GitHub, which npm install could not reach)' };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const path = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(packageDir, 'dist', relative);
  return existsSync(path) ? { found: true, path } : { found: false, reason: `the Electron binary is missing from ${path}` };
}
