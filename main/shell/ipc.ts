/**
 * Electron's transport for the contract: one ipcMain handler per call, each going through the shared
 * handle() gate with the sender as Electron reports it (which window, which frame, which origin).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { callNames } from '../api/contract.ts';
import type { Dispatch, Sender } from '../api/handle.ts';
import { callChannel, originOf } from './channels.ts';

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
