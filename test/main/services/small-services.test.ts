import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Operations } from '../../../main/services/operations.ts';
import { SAMPLE_CATALOG } from '../../../main/services/sample-catalog.ts';
import { SampleLibrary } from '../../../main/services/sample-library.ts';
import { defaultSettingsDir } from '../../../main/services/settings-dir.ts';

describe('Operations', () => {
  it('refuses a second operation under an id that is still running', async () => {
    const operations = new Operations();
    let finish!: () => void;
    const first = operations.run('op', () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(operations.run('op', async () => 1)).rejects.toMatchObject({ code: 'operation-busy' });
    finish();
    await first;
    expect(await operations.run('op', async () => 2), 'the id is free again once it finished').toBe(2);
  });

  it('aborts the signal of the operation it cancels, and only that one', async () => {
    const operations = new Operations();
    const signals: AbortSignal[] = [];
    const hold = (signal: AbortSignal) => new Promise<void>((resolve) => (signals.push(signal), signal.addEventListener('abort', () => resolve())));
    const a = operations.run('a', hold);
    void operations.run('b', hold);
    expect(operations.cancel('a')).toBe(true);
    await a;
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(operations.cancel('a')).toBe(false);
    operations.cancelAll();
    expect(signals[1]!.aborted).toBe(true);
  });
});

describe('SampleLibrary', () => {
  it('lists only the samples whose file is present', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-samples-'));
    await writeFile(join(dir, 'iris.csv'), 'a\n1\n');
    expect((await new SampleLibrary(dir).list()).map((s) => [s.id, s.bytes])).toEqual([['iris', 4]]);
    await rm(dir, { recursive: true });
  });

  it('describes every bundled sample with the shape its README states', async () => {
    const listed = await new SampleLibrary('resources/samples').list();
    expect(listed.map((s) => s.id)).toEqual(SAMPLE_CATALOG.map((s) => s.id));
    expect(listed.map((s) => `${s.fileName} ${s.rows}x${s.columns} ${s.target}`)).toEqual([
      'Churn_Modelling.csv 10000x14 Exited',
      'titanic.csv 891x12 Survived',
      'iris.csv 150x5 species',
      'housing.csv 20640x10 median_house_value',
    ]);
  });
});

describe('defaultSettingsDir', () => {
  it('matches Electron’s userData folder for an app named Layerlab on each platform', () => {
    expect(defaultSettingsDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Layerlab');
    expect(defaultSettingsDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ada')).toBe('/cfg/Layerlab');
    expect(defaultSettingsDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Layerlab');
    expect(defaultSettingsDir({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32', 'C:/Users/ada')).toBe(join('C:/Users/ada/AppData/Roaming', 'Layerlab'));
  });
});
