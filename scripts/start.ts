/**
 * `npm start`: builds the app and opens it in Electron. Where no Electron binary could be installed, says so in
 * one line and points to the browser version instead of failing with a stack trace.
 */
import { spawn } from 'node:child_process';
import { buildMain } from './build-main.ts';
import { buildRenderer } from './build-renderer.ts';
import { findElectronBinary } from './electron-binary.ts';
import { ROOT } from './paths.ts';

const electron = findElectronBinary();
if (!electron.found) {
  process.stderr.write(`layerlab start: cannot open the desktop app: ${electron.reason}. Run "npm run web" to use Layerlab in your browser instead.\n`);
  process.exit(1);
}

await Promise.all([buildRenderer(undefined, { quiet: true }), buildMain()]);
const child = spawn(electron.path, [ROOT], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
