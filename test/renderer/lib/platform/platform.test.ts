/** Files in and out of the window: what a browser's picker accepts, and the desktop's dialogs behind one interface. */
import { describe, expect, it, vi } from 'vitest';
import type { LayerlabApi } from '../../../../main/api/contract.ts';
import { acceptedFiles, desktopPlatform, fileAt } from '../../../../renderer/src/lib/platform/platform.ts';

describe('acceptedFiles', () => {
  it('offers the table extensions and their media types for every purpose that opens a table', () => {
    for (const purpose of ['data', 'table', 'dataset'] as const) expect(acceptedFiles(purpose)).toBe('.csv,.tsv,.tab,.txt,.xlsx,text/csv,text/tab-separated-values');
  });

  it('offers what each other kind of file is', () => {
    expect(acceptedFiles('model')).toBe('.json,application/json');
    expect(acceptedFiles('project')).toBe('.layerlab');
    expect(acceptedFiles('tfjs')).toBe('');
  });
});

describe('the desktop platform', () => {
  function platform(chosen: { path: string } | null) {
    const api = { chooseFile: vi.fn(async () => chosen), chooseSaveLocation: vi.fn(async () => chosen) };
    return { api, platform: desktopPlatform(api as unknown as LayerlabApi, { mac: false, pathForFile: () => '' }) };
  }

  it('picks a file through the open dialog of its purpose, and hands main its path', async () => {
    const { api, platform: desktop } = platform({ path: '/home/a/churn.csv' });
    const picked = await desktop.pickFile('data');
    expect(api.chooseFile).toHaveBeenCalledWith({ purpose: 'data' });
    expect(picked).toMatchObject({ name: 'churn.csv', uploadBytes: 0 });
    expect(await picked!.prepare(new AbortController().signal)).toEqual({ kind: 'path', path: '/home/a/churn.csv' });
  });

  it('answers null when the user closes a dialog', async () => {
    const { platform: desktop } = platform(null);
    expect(await desktop.pickFile('model')).toBeNull();
    expect(await desktop.chooseDestination('keras', 'a.py')).toBeNull();
  });

  it('writes an export where the save dialog said', async () => {
    const { api, platform: desktop } = platform({ path: '/home/a/m.json' });
    expect(await desktop.chooseDestination('model', 'churn-run-1.json')).toEqual({ kind: 'path', path: '/home/a/m.json' });
    expect(api.chooseSaveLocation).toHaveBeenCalledWith({ purpose: 'model', suggestedName: 'churn-run-1.json' });
  });

  it('refuses a dropped file that is not on disk, saying what to do', () => {
    const { platform: desktop } = platform(null);
    expect(() => desktop.fromFile({ name: 'clip.csv' } as File)).toThrow('clip.csv is not a file on disk. Save it to a folder first');
  });

  it('names a file on disk after its last path segment, on either kind of separator', () => {
    expect(fileAt('C:\\data\\iris.csv').name).toBe('iris.csv');
    expect(fileAt('/data/iris.csv').name).toBe('iris.csv');
  });
});
