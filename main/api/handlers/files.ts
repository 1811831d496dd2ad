/**
 * Files in and out, the same way for every handler (main/api/calls/file-calls.ts): a source is a path, or a file
 * the web host received as an upload (let go once read); a destination is a path the desktop's save dialog gave,
 * or a download the web host then serves.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserFacingError } from '../../../engine/errors.ts';
import type { DownloadStore } from '../../services/download-store.ts';
import type { UploadStore } from '../../services/upload-store.ts';
import type { FileDestination, FileSource, SavedFile } from '../calls/file-calls.ts';

export interface FileStores {
  /** Only the web host receives uploaded files. */
  readonly uploads: UploadStore | null;
  /** Only the web host hands files to the browser as downloads. */
  readonly downloads: DownloadStore | null;
}

export interface ResolvedSource {
  readonly path: string;
  /** What the user calls the file: its name on disk, or the name the browser gave the upload. */
  readonly name: string;
  readonly uploadId: string | null;
}

export function resolveSource(stores: FileStores, source: FileSource): ResolvedSource {
  if (source.kind === 'path') return { path: source.path, name: basename(source.path), uploadId: null };
  if (!stores.uploads) throw new UserFacingError('unknown-upload', 'Uploaded files are only accepted by the browser version; open the file from disk instead.');
  const upload = stores.uploads.get(source.uploadId);
  return { path: upload.path, name: upload.name, uploadId: source.uploadId };
}

/** Runs `work` on the file; an upload is deleted afterwards, whatever happened. */
export async function withSource<T>(stores: FileStores, source: FileSource, work: (path: string, name: string) => Promise<T>): Promise<T> {
  const resolved = resolveSource(stores, source);
  try {
    return await work(resolved.path, resolved.name);
  } finally {
    if (resolved.uploadId) await stores.uploads?.discard(resolved.uploadId);
  }
}

function downloadsOf(stores: FileStores): DownloadStore {
  if (!stores.downloads) throw new UserFacingError('unavailable', 'Downloads are only offered by the browser version; choose where to save the file instead.');
  return stores.downloads;
}

async function described(path: string, name: string, downloadId: string | null): Promise<SavedFile> {
  const info = await stat(path);
  return { name, path: downloadId ? null : path, downloadId, bytes: info.size };
}

/** Writes one file to the chosen path, or into the download folder under `name`. */
export async function saveOne(stores: FileStores, destination: FileDestination, name: string, write: (path: string) => Promise<void>): Promise<{ files: SavedFile[] }> {
  if (destination.kind === 'path') {
    await write(destination.path);
    return { files: [await described(destination.path, basename(destination.path), null)] };
  }
  const download = await downloadsOf(stores).reserve(name);
  await write(download.path);
  return { files: [await described(download.path, download.name, download.downloadId)] };
}

/** Writes several files into the chosen folder, or into a fresh download folder; `write` returns their paths. */
export async function saveFolder(stores: FileStores, destination: FileDestination, write: (dir: string) => Promise<readonly string[]>): Promise<{ files: SavedFile[] }> {
  if (destination.kind === 'path') {
    const paths = await write(destination.path);
    return { files: await Promise.all(paths.map((path) => described(path, basename(path), null))) };
  }
  const downloads = downloadsOf(stores);
  const paths = await write(await downloads.folder());
  return { files: await Promise.all(paths.map((path) => downloads.add(path)).map((d) => described(d.path, d.name, d.downloadId))) };
}
