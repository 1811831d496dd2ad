/**
 * The preload (sandboxed, bundled to CommonJS): exposes `window.layerlab` with one named method per contract
 * call, generated from the contract, so no call can be made that the contract does not declare. No generic
 * invoke, no ipcRenderer, no Node: only these functions cross the context bridge.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { callNames, type AppEvent, type DesktopBridge } from '../api/contract.ts';
import { callChannel, DROPPED_FILE_CHANNEL, EVENT_CHANNEL } from './channels.ts';

const calls = Object.fromEntries(callNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(callChannel(name), request)]));

const bridge: DesktopBridge = {
  ...(calls as Omit<DesktopBridge, 'subscribe' | 'pathForFile'>),
  subscribe(listener) {
    // The IpcRendererEvent stays here: handing it to the page would expose ipcRenderer through event.sender.
    const forward = (_event: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
  pathForFile: (file) => {
    // Only a File the user dropped or picked has a path; main then lets the window open that one file.
    const path = webUtils.getPathForFile(file);
    if (path) ipcRenderer.sendSync(DROPPED_FILE_CHANNEL, path);
    return path;
  },
};

contextBridge.exposeInMainWorld('layerlab', bridge);
