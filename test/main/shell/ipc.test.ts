/** Electron's transport: one handler per contract call, each through the shared gate with the sender Electron reports. */
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../../main/api/contract.ts';
import { createDispatch, trustOrigin, type Handlers } from '../../../main/api/handle.ts';
import { APP_ORIGIN } from '../../../main/shell/channels.ts';
import { registerIpc } from '../../../main/shell/ipc.ts';

const APP_WINDOW = 7;

function setUp() {
  const registered = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
  const handlers = { cancel: async ({ operationId }: { operationId: string }) => ({ cancelled: operationId === 'op' }) } as unknown as Handlers;
  registerIpc({ handle: (channel, listener) => void registered.set(channel, listener as never) }, createDispatch(handlers, trustOrigin(APP_ORIGIN), () => {}), (id) => id === APP_WINDOW);
  const invoke = (name: string, payload: unknown, sender: { id: number; url: string; top?: boolean }) => {
    const mainFrame = { url: sender.url, parent: null };
    const frame = sender.top === false ? { url: sender.url, parent: mainFrame } : mainFrame;
    return registered.get(`layerlab:call:${name}`)!({ sender: { id: sender.id }, senderFrame: frame } as unknown as IpcMainInvokeEvent, payload);
  };
  return { registered, invoke };
}

describe('registerIpc', () => {
  it('registers exactly one channel per contract call, and no other', () => {
    expect([...setUp().registered.keys()].sort()).toEqual(callNames.map((name) => `layerlab:call:${name}`).sort());
  });

  it('runs a call from the app window’s top frame', async () => {
    expect(await setUp().invoke('cancel', { operationId: 'op' }, { id: APP_WINDOW, url: 'app://layerlab/index.html' })).toEqual({ ok: true, value: { cancelled: true } });
  });

  it.each([
    ['another web contents', { id: 99, url: 'app://layerlab/index.html' }],
    ['a page of another origin in the app window', { id: APP_WINDOW, url: 'https://example.com/' }],
    ['a subframe of the app window', { id: APP_WINDOW, url: 'app://layerlab/frame.html', top: false }],
    ['a file:// page', { id: APP_WINDOW, url: 'file:///tmp/x.html' }],
  ])('refuses a call from %s', async (_, sender) => {
    expect(await setUp().invoke('cancel', { operationId: 'op' }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a malformed payload from the app window', async () => {
    expect(await setUp().invoke('cancel', { operationId: ['op'] }, { id: APP_WINDOW, url: 'app://layerlab/' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
