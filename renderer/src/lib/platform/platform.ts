/**
 * What differs between the desktop app and a browser, behind one interface: the `api` transport and how a
 * file the user picked or dropped becomes something main can open (a path on the desktop, an upload in a browser).
 */
import { callNames, type DesktopBridge, type LayerlabApi, type RequestOf } from '../../../../main/api/contract.ts';
import { ApiError, unwrap } from './api-error.ts';
import { createWebApi, uploadFile } from './web-client.ts';
import { launchToken } from './web-token.ts';

export type DatasetSource = RequestOf<'openDataset'>['source'];

export interface ChosenFile {
  readonly name: string;
  /** Bytes to send before main can read the file: its size in a browser, 0 on the desktop. */
  readonly uploadBytes: number;
  /** Makes the file readable by main; reports uploaded bytes. */
  prepare(onUploaded: (bytes: number) => void, signal: AbortSignal): Promise<DatasetSource>;
}

export interface Platform {
  readonly kind: 'electron' | 'web';
  readonly api: LayerlabApi;
  /** macOS: ⌘ instead of Ctrl in shortcuts. */
  readonly mac: boolean;
  /** The native dialog on the desktop, the browser's file picker otherwise; null when the user cancels. */
  pickFile(): Promise<ChosenFile | null>;
  fromFile(file: File): ChosenFile;
}

export const ACCEPTED_FILES = '.csv,.tsv,.tab,.txt,.xlsx,text/csv,text/tab-separated-values';

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function onDisk(path: string): ChosenFile {
  return { name: baseName(path), uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) };
}

/** The renderer's `api` over the preload: the same methods, envelopes turned back into values or ApiErrors. */
function desktopApi(bridge: DesktopBridge): LayerlabApi {
  const call = bridge as unknown as Record<string, (request: unknown) => Promise<Parameters<typeof unwrap>[0]>>;
  const methods = Object.fromEntries(callNames.map((name) => [name, async (request?: unknown) => unwrap(await call[name]!(request ?? {}))]));
  return { ...(methods as Omit<LayerlabApi, 'subscribe'>), subscribe: (listener) => bridge.subscribe(listener) };
}

function desktop(bridge: DesktopBridge, mac: boolean): Platform {
  const api = desktopApi(bridge);
  return {
    kind: 'electron',
    api,
    mac,
    pickFile: async () => {
      const picked = await api.openFileDialog();
      return picked ? onDisk(picked.path) : null;
    },
    fromFile: (file) => {
      const path = bridge.pathForFile(file);
      if (!path) {
        throw new ApiError('not-on-disk', `${file.name} is not a file on disk. Save it to a folder first, then drop or open it from there.`);
      }
      return onDisk(path);
    },
  };
}

function browserPick(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPTED_FILES;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

function web(mac: boolean): Platform {
  // At once: the key leaves the address bar (and so any bookmark or shared screenshot) before anything renders.
  launchToken();
  const fromFile = (file: File): ChosenFile => ({
    name: file.name,
    uploadBytes: file.size,
    prepare: async (onUploaded, signal) => ({ kind: 'upload', uploadId: await uploadFile(file, (p) => onUploaded(p.loaded), signal) }),
  });
  return {
    kind: 'web',
    api: createWebApi(),
    mac,
    pickFile: async () => {
      const file = await browserPick();
      return file ? fromFile(file) : null;
    },
    fromFile,
  };
}

/** The preload's bridge when running in the desktop app, the web host otherwise. */
export function detectPlatform(): Platform {
  const mac = /Macintosh|Mac OS X/.test(navigator.userAgent);
  const bridge = (window as Window & { layerlab?: DesktopBridge }).layerlab;
  return bridge ? desktop(bridge, mac) : web(mac);
}
