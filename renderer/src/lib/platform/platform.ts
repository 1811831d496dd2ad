/**
 * What differs between the desktop app and a browser, behind one interface: the `api` transport, and files in
 * and out. A file to open becomes something main can read (a path on the desktop, an upload in a browser); a file
 * to write goes to a path from the save dialog (desktop) or comes back as a download (browser).
 */
import { FILE_PURPOSES, type FileDestination, type FilePurpose, type FileSource, type SavedFiles } from '../../../../main/api/calls/file-calls.ts';
import { callNames, type DesktopBridge, type LayerlabApi } from '../../../../main/api/contract.ts';
import { ApiError, unwrap } from './api-error.ts';
import { createWebApi, uploadFile } from './web-client.ts';
import { launchToken } from './web-token.ts';

/** A file the user picked or dropped. */
export interface ChosenFile {
  readonly name: string;
  /** Bytes to send before main can read the file: its size in a browser, 0 on the desktop. */
  readonly uploadBytes: number;
  /** Makes the file readable by main (a browser uploads it, reporting bytes sent) and says where main reads it. */
  prepare(signal: AbortSignal, onUploaded?: (bytes: number) => void): Promise<FileSource>;
}

export interface Platform {
  readonly kind: 'electron' | 'web';
  readonly api: LayerlabApi;
  /** macOS: ⌘ instead of Ctrl in shortcuts. */
  readonly mac: boolean;
  /** The native open dialog on the desktop, the browser's file picker otherwise; null when the user closes it. */
  pickFile(purpose: FilePurpose): Promise<ChosenFile | null>;
  /** A file dropped on the window. */
  fromFile(file: File): ChosenFile;
  /** Where an export goes: a path from the save dialog (null when the user closes it), or a download in a browser. */
  chooseDestination(purpose: FilePurpose, suggestedName: string): Promise<FileDestination | null>;
  /** Starts a browser's downloads of what a call wrote; on the desktop the files are already in place. */
  deliver(saved: SavedFiles): void;
}

/** What a browser's picker accepts for `purpose`: the extensions and media types of FILE_PURPOSES. */
export function acceptedFiles(purpose: FilePurpose): string {
  const { filter, mimeTypes } = FILE_PURPOSES[purpose];
  return [...(filter?.extensions ?? []).map((extension) => `.${extension}`), ...mimeTypes].join(',');
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** A file main reads from disk (the desktop's dialogs, a menu's recent file, a project's data file). */
export function fileAt(path: string): ChosenFile {
  return { name: baseName(path), uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) };
}

/** The renderer's `api` over the preload: the same methods, envelopes turned back into values or ApiErrors. */
function desktopApi(bridge: DesktopBridge): LayerlabApi {
  const call = bridge as unknown as Record<string, (request: unknown) => Promise<Parameters<typeof unwrap>[0]>>;
  const methods = Object.fromEntries(callNames.map((name) => [name, async (request?: unknown) => unwrap(await call[name]!(request ?? {}))]));
  return { ...(methods as Omit<LayerlabApi, 'subscribe'>), subscribe: (listener) => bridge.subscribe(listener) };
}

/** The desktop app over its `api` (any transport: tests use one in-process); `pathForFile` is the preload's. */
export function desktopPlatform(api: LayerlabApi, options: { readonly mac: boolean; readonly pathForFile: (file: File) => string }): Platform {
  const { mac } = options;
  return {
    kind: 'electron',
    api,
    mac,
    pickFile: async (purpose) => {
      const picked = await api.chooseFile({ purpose });
      return picked ? fileAt(picked.path) : null;
    },
    fromFile: (file) => {
      const path = options.pathForFile(file);
      if (!path) {
        throw new ApiError('not-on-disk', `${file.name} is not a file on disk. Save it to a folder first, then drop or open it from there.`);
      }
      return fileAt(path);
    },
    chooseDestination: async (purpose, suggestedName) => {
      const chosen = await api.chooseSaveLocation({ purpose, suggestedName });
      return chosen ? { kind: 'path', path: chosen.path } : null;
    },
    // The files are where the save dialog said.
    deliver: () => {},
  };
}

function browserPick(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** A plain link: each download id is good for one fetch (main/services/download-store.ts says why not fetch + Blob). */
function download(downloadId: string, name: string): void {
  const link = document.createElement('a');
  link.href = `/api/download?id=${encodeURIComponent(downloadId)}`;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

function web(mac: boolean): Platform {
  // At once: the key leaves the address bar (and so any bookmark or shared screenshot) before anything renders.
  launchToken();
  const fromFile = (file: File): ChosenFile => ({
    name: file.name,
    uploadBytes: file.size,
    prepare: async (signal, onUploaded) => ({ kind: 'upload', uploadId: await uploadFile(file, (p) => onUploaded?.(p.loaded), signal) }),
  });
  return {
    kind: 'web',
    api: createWebApi(),
    mac,
    pickFile: async (purpose) => {
      const file = await browserPick(acceptedFiles(purpose));
      return file ? fromFile(file) : null;
    },
    fromFile,
    chooseDestination: async () => ({ kind: 'download' }),
    deliver: (saved) => {
      for (const file of saved.files) if (file.downloadId) download(file.downloadId, file.name);
    },
  };
}

/** The preload's bridge when running in the desktop app, the web host otherwise. */
export function detectPlatform(): Platform {
  const mac = /Macintosh|Mac OS X/.test(navigator.userAgent);
  const bridge = (window as Window & { layerlab?: DesktopBridge }).layerlab;
  return bridge ? desktopPlatform(desktopApi(bridge), { mac, pathForFile: (file) => bridge.pathForFile(file) }) : web(mac);
}
