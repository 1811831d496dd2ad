/** The preload exposes one named method per contract call, plus subscribe and pathForFile, and nothing generic. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, type AppEvent, type DesktopBridge } from '../../../main/api/contract.ts';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, payload: unknown) => ({ ok: true, value: { channel, payload } })),
  sendSync: vi.fn((_channel: string, _path: string) => null),
  listeners: new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    sendSync: electron.sendSync,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: unknown) => electron.listeners.set(channel, (electron.listeners.get(channel) ?? []).filter((l) => l !== listener)),
  },
  webUtils: { getPathForFile: (file: { name: string; onDisk?: boolean }) => (file.onDisk === false ? '' : `/home/ada/${file.name}`) },
}));

let bridge: DesktopBridge;

beforeEach(async () => {
  vi.resetModules();
  electron.exposed.clear();
  electron.listeners.clear();
  await import('../../../main/shell/preload.ts');
  bridge = electron.exposed.get('layerlab') as DesktopBridge;
});

afterEach(() => electron.invoke.mockClear());

describe('preload', () => {
  it('exposes only window.layerlab, with one method per call plus subscribe and pathForFile', () => {
    expect([...electron.exposed.keys()]).toEqual(['layerlab']);
    expect(Object.keys(bridge).sort()).toEqual([...callNames, 'pathForFile', 'subscribe'].sort());
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('sends each call on its own channel with the payload unchanged', async () => {
    const request = { operationId: 'o', source: { kind: 'sample' as const, sampleId: 'iris' } };
    expect(await bridge.openDataset(request)).toEqual({ ok: true, value: { channel: 'layerlab:call:openDataset', payload: request } });
    await bridge.appInfo({});
    expect(electron.invoke.mock.calls.map(([channel]) => channel)).toEqual(['layerlab:call:openDataset', 'layerlab:call:appInfo']);
  });

  it('hands listeners the event only, never Electron’s IpcRendererEvent, and stops on unsubscribe', () => {
    const seen: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args) => seen.push(args));
    const event: AppEvent = { type: 'command', command: { kind: 'open-file' } };
    const emit = () => electron.listeners.get('layerlab:event')!.forEach((l) => l({ sender: 'ipcRenderer' }, event));
    emit();
    expect(seen).toEqual([[event]]);
    unsubscribe();
    expect(electron.listeners.get('layerlab:event')).toEqual([]);
  });

  it('gives the disk path of a dropped file, telling main first (synchronously) that the user chose it', () => {
    electron.sendSync.mockClear();
    expect(bridge.pathForFile({ name: 'data.csv' } as File)).toBe('/home/ada/data.csv');
    expect(electron.sendSync.mock.calls).toEqual([['layerlab:dropped-file', '/home/ada/data.csv']]);
    expect(bridge.pathForFile({ name: 'pasted.csv', onDisk: false } as unknown as File), 'a file without a path grants nothing').toBe('');
    expect(electron.sendSync).toHaveBeenCalledTimes(1);
  });
});
