/**
 * Files in and out of the Evaluate and Predict & export steps, the same calls on both transports: on the desktop
 * a native dialog gives a path; in a browser a picked file is uploaded first, and an export comes back as a
 * download from the web host.
 */
import type { FileDestination, FilePurpose, FileSource, SavedFiles } from '../../../../main/api/calls/results-calls.ts';
import type { Platform } from '../platform/platform.ts';
import { uploadFile } from '../platform/web-client.ts';

export interface PickedFile {
  readonly name: string;
  /** Bytes to upload first: the file's size in a browser, 0 on the desktop. */
  readonly uploadBytes: number;
  /** Uploads the file (browser, reporting bytes sent) or hands over its path (desktop). */
  prepare(signal: AbortSignal, onUploaded?: (bytes: number) => void): Promise<FileSource>;
}

const ACCEPT: Record<FilePurpose, string> = {
  model: '.json,application/json',
  project: '.layerlab',
  table: '.csv,.tsv,.tab,.txt,.xlsx,text/csv,text/tab-separated-values',
  dataset: '.csv,.tsv,.tab,.txt,.xlsx,text/csv,text/tab-separated-values',
  predictions: '.csv',
  tfjs: '',
  keras: '.py',
  cleaned: '.csv',
  onnx: '.onnx',
};

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

/** The user's choice of a file to open; null when they close the picker. */
export async function pickFile(platform: Platform, purpose: FilePurpose): Promise<PickedFile | null> {
  if (platform.kind === 'electron') {
    const chosen = await platform.api.chooseFile({ purpose });
    if (!chosen) return null;
    return { name: chosen.path.split(/[\\/]/).pop() || chosen.path, uploadBytes: 0, prepare: async () => ({ kind: 'path', path: chosen.path }) };
  }
  const file = await browserPick(ACCEPT[purpose]);
  if (!file) return null;
  return {
    name: file.name,
    uploadBytes: file.size,
    prepare: async (signal, onUploaded) => ({ kind: 'upload', uploadId: await uploadFile(file, (p) => onUploaded?.(p.loaded), signal) }),
  };
}

/** Where an export goes: a path from the save dialog (null when cancelled), or a download in a browser. */
export async function chooseDestination(platform: Platform, purpose: FilePurpose, suggestedName: string): Promise<FileDestination | null> {
  if (platform.kind === 'web') return { kind: 'download' };
  const chosen = await platform.api.chooseSaveLocation({ purpose, suggestedName });
  return chosen ? { kind: 'path', path: chosen.path } : null;
}

/** In a browser, starts the downloads of what a call wrote; on the desktop the files are already in place. */
export function deliver(saved: SavedFiles): void {
  for (const file of saved.files) {
    if (!file.downloadId) continue;
    const link = document.createElement('a');
    link.href = `/api/download?id=${encodeURIComponent(file.downloadId)}`;
    link.download = file.name;
    document.body.append(link);
    link.click();
    link.remove();
  }
}
