/**
 * Electron's transport for the contract: one ipcMain handler per call, each going through the shared
 * handle() gate with the sender as Electron reports it (which window, which frame, which origin).
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { callNames } from '../api/contract.ts';
import type { GrantedPaths } from '../api/file-access.ts';
import type { Dispatch, Sender, SenderPolicy } from '../api/handle.ts';
import { callChannel, DROPPED_FILE_CHANNEL, originOf } from './channels.ts';

/** The sender of an IPC call: trusted only if it is one of the app's windows, top frame, app origin. */
export function senderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, isAppWindow: (webContentsId: number) => boolean): Sender {
  const frame = event.senderFrame;
  return { authenticated: isAppWindow(event.sender.id), origin: frame ? originOf(frame.url) : null, topFrame: frame !== null && frame.parent === null };
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isAppWindow: (webContentsId: number) => boolean): void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), (event, payload: unknown) => dispatch(name, payload, senderOf(event, isAppWindow)));
  }
}

/**
 * A file dropped on the window becomes openable: the preload reports its path (synchronously, so the grant is
 * in place before the window's next call). Only the app's own top frame is heard; anything else grants nothing.
 */
export function registerDropGrants(ipcMain: Pick<IpcMain, 'on'>, grants: Pick<GrantedPaths, 'grant'>, isAppWindow: (webContentsId: number) => boolean, policy: SenderPolicy): void {
  ipcMain.on(DROPPED_FILE_CHANNEL, (event: IpcMainEvent, path: unknown) => {
    if (policy(senderOf(event, isAppWindow)) && typeof path === 'string' && path.length > 0 && path.length <= 4096) grants.grant(path, 'read');
    event.returnValue = null;
  });
}
