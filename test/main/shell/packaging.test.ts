/**
 * electron-builder.yml: a valid configuration whose output does not collide with the build's, whose icons exist,
 * and whose app bundle (asar) carries what the app loads at run time and nothing it does not. The bundle is made
 * with electron-builder's own `--linux dir` packaging; its Electron binary comes from node_modules/electron when
 * one was downloaded, otherwise from a stand-in folder (GitHub is unreachable here), which cannot take fuses.
 */
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build as buildApp, Platform, type Configuration } from 'electron-builder';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain } from '../../../scripts/build-main.ts';
import { buildRenderer } from '../../../scripts/build-renderer.ts';
import { findElectronBinary } from '../../../scripts/electron-binary.ts';
import { ROOT } from '../../../scripts/paths.ts';

/** Read and merged the way electron-builder itself reads it. */
const config: Configuration = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation, which rejects unknown or misspelt keys', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, icons: 'x' } } as Configuration, new DebugLogger(false))).rejects.toThrow(/configuration\.linux/);
  });

  it('names the app and targets AppImage + deb, nsis and dmg', () => {
    expect(config.productName).toBe('Layerlab');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('writes installers to release/, away from the build output in out/ and from dist/, and git ignores it', async () => {
    const output = config.directories?.output;
    expect(output).toBe('release');
    expect(['out', 'dist', 'renderer', 'main']).not.toContain(output);
    expect((await readFile(join(ROOT, '.gitignore'), 'utf8')).split('\n')).toContain(`${output}/`);
  });

  it('points at icons that exist in the formats each platform needs', async () => {
    const png = join(ROOT, String(config.linux?.icon), '512x512.png');
    expect((await readFile(png)).subarray(1, 4).toString()).toBe('PNG');
    const ico = await readFile(join(ROOT, String(config.win?.icon)));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], 'ICO header: reserved, type 1, 7 images').toEqual([0, 1, 7]);
    const icns = await readFile(join(ROOT, String(config.mac?.icon)));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const sizes = (await readdir(join(ROOT, String(config.linux?.icon)))).sort();
    expect(sizes).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '128x128.png', '256x256.png', '512x512.png']));
  });

  it('turns off the Electron features the app does not use (fuses)', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });
});

describe('the packaged app (--linux dir)', () => {
  const electron = findElectronBinary();
  let work: string;
  let unpacked: string;
  let files: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'layerlab-pack-'));
    let electronDist: string;
    if (electron.found) {
      electronDist = dirname(electron.path);
    } else {
      electronDist = join(work, 'stand-in-electron');
      await mkdir(join(electronDist, 'resources'), { recursive: true });
      await writeFile(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
      await chmod(join(electronDist, 'electron'), 0o755);
      await writeFile(join(electronDist, 'version'), 'v45.5.0');
    }
    await Promise.all([buildRenderer(undefined, { quiet: true }), buildMain()]);
    // A copy of the config with this run's folders; given as a file, it replaces electron-builder.yml instead of
    // being merged into it (merging would list every extraResources entry twice).
    const runConfig = join(work, 'electron-builder.json');
    const overrides = {
      electronDist,
      directories: { ...config.directories, output: join(work, 'release') },
      // Fuses are flipped inside a real Electron binary; the stand-in has none to flip.
      electronFuses: electron.found ? config.electronFuses : null,
    };
    await writeFile(runConfig, JSON.stringify({ ...config, ...overrides }));
    await buildApp({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir'), config: runConfig });
    unpacked = join(work, 'release', 'linux-unpacked');
    files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('holds the bundled main process package.json names, the preload and the built renderer', async () => {
    expect(manifest.main).toBe('out/main/electron-main.cjs');
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/electron-main.cjs', '/out/main/preload.cjs', '/out/main/training-worker.cjs', '/out/renderer/index.html']));
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.css$/.test(f))).toBe(true);
    expect(files).toContain('/resources/icons/png/512x512.png');
  });

  it('holds the runtime dependencies main requires (exceljs, papaparse) and not the renderer’s', () => {
    expect(files).toContain('/node_modules/exceljs/package.json');
    expect(files).toContain('/node_modules/papaparse/package.json');
    for (const absent of ['/node_modules/echarts', '/node_modules/svelte', '/node_modules/electron', '/node_modules/vite', '/node_modules/vitest']) {
      expect(files, absent).not.toContain(absent);
    }
  });

  it('leaves out sources, tests, source maps and the unbundled renderer', () => {
    const stray = files.filter((f) => /^\/(engine|main|renderer|test|scripts|bench|resources\/samples)\//.test(f) || (f.endsWith('.map') && !f.startsWith('/node_modules/')));
    expect(stray).toEqual([]);
  });

  it('puts the four samples and their credits beside the bundle, where the app looks for them', async () => {
    expect((await readdir(join(unpacked, 'resources', 'samples'))).sort()).toEqual(['Churn_Modelling.csv', 'README.md', 'housing.csv', 'iris.csv', 'titanic.csv']);
  });

  it('flips the fuses of the real Electron binary', async (context) => {
    if (!electron.found) context.skip(`no Electron binary here (${electron.reason}); the stand-in has no fuses`);
    const wire = await getCurrentFuseWire(join(unpacked, 'layerlab'));
    // @electron/fuses' FuseState: 48 ('0') disabled, 49 ('1') enabled.
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
  });
});
