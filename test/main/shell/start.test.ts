/** `npm start` where Electron cannot run: one clear line pointing to `npm run web`, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../scripts/electron-binary.ts';
import { ROOT } from '../../../scripts/paths.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'layerlab-electron-pkg-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('finds nothing, saying why, when the package is missing or its binary was never downloaded', async () => {
    expect(findElectronBinary(join(dir, 'nope'))).toEqual({ found: false, reason: 'the electron package is not installed (run "npm install")' });
    await writeFile(join(dir, 'package.json'), '{}');
    expect(findElectronBinary(dir, {})).toMatchObject({ found: false, reason: expect.stringContaining('never downloaded') });
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toMatchObject({ found: false, reason: `the Electron binary is missing from ${join(dir, 'dist', 'electron')}` });
  });

  it('finds the binary the package recorded, or the one ELECTRON_OVERRIDE_DIST_PATH points at', async () => {
    await writeFile(join(dir, 'package.json'), '{}');
    await writeFile(join(dir, 'path.txt'), 'electron');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
    await mkdir(join(dir, 'custom'));
    await writeFile(join(dir, 'custom', 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'custom') })).toEqual({ found: true, path: join(dir, 'custom', 'electron') });
  });
});

describe('scripts/start.ts', () => {
  it('prints one line naming the reason and `npm run web`, and exits 1, when there is no Electron binary', (context) => {
    const electron = findElectronBinary();
    if (electron.found) context.skip(`an Electron binary exists at ${electron.path}; npm start would open the app`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^layerlab start: cannot open the desktop app: .+\. Run "npm run web" to use Layerlab in your browser instead\.$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
