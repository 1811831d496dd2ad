/**
 * Files the web host hands to a browser: an export is written to a private temporary folder exactly as it would
 * be written to a path on the desktop, then fetched once or more with GET /api/download?id=…. Deleted when the
 * host closes.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserFacingError } from '../../engine/errors.ts';
import { safeFileName } from './upload-store.ts';

export interface Download {
  readonly downloadId: string;
  readonly name: string;
  readonly path: string;
}

export class DownloadStore {
  private root: Promise<string> | null = null;
  private readonly downloads = new Map<string, Download>();

  /** A fresh path to write `name` to; `get(downloadId)` serves it once written. */
  async reserve(name: string): Promise<Download> {
    return this.add(join(await this.folder(), safeFileName(name)));
  }

  /** A new empty private folder, for exports that write several files (`add` each one). */
  async folder(): Promise<string> {
    this.root ??= mkdtemp(join(tmpdir(), 'layerlab-downloads-'));
    const dir = join(await this.root, randomUUID());
    await mkdir(dir);
    return dir;
  }

  /** Offers a file written inside one of this store's folders. */
  add(path: string): Download {
    const download = { downloadId: randomUUID(), name: basename(path), path };
    this.downloads.set(download.downloadId, download);
    return download;
  }

  async get(downloadId: string): Promise<Download & { readonly bytes: number }> {
    const download = this.downloads.get(downloadId);
    const info = download ? await stat(download.path).catch(() => null) : null;
    if (!download || !info?.isFile()) {
      throw new UserFacingError('unknown-download', 'That file is no longer available to download (the web host was restarted). Export it again.');
    }
    return { ...download, bytes: info.size };
  }

  async close(): Promise<void> {
    this.downloads.clear();
    if (this.root) await rm(await this.root, { recursive: true, force: true });
    this.root = null;
  }
}
