/**
 * Files the web host hands to a browser: an export is written to a private temporary folder exactly as it would
 * be written to a path on the desktop, then fetched with GET /api/download?id=….
 *
 * The id is the credential for that one file (the page cannot put its token header on a plain navigation, and
 * there is no cookie): 122 random bits, handed out only in the answer to an authenticated call, good for one
 * fetch within a few minutes. A navigation lets the browser stream the file to disk with its own download
 * manager, where fetching it into a Blob would hold a large predictions file in the page's memory. Once fetched
 * or expired, the file is deleted; whatever is left goes when the host closes.
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

/** The folder prefix in the system's temporary folder; `<prefix><pid>-<random>` (see main/services/leftovers.ts). */
export const DOWNLOADS_PREFIX = 'layerlab-downloads-';

/** How long a download id stays good: the page fetches it at once, but a browser may first ask the user. */
export const DOWNLOAD_TTL_MS = 5 * 60_000;

export const downloadErrors = {
  gone: () =>
    new UserFacingError('unknown-download', 'That file is no longer available to download (each export can be downloaded once, within a few minutes, and not after a restart). Export it again.'),
};

export class DownloadStore {
  private root: Promise<string> | null = null;
  private readonly downloads = new Map<string, Download & { readonly expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh path to write `name` to; `get(downloadId)` serves it once written. */
  async reserve(name: string): Promise<Download> {
    return this.add(join(await this.folder(), safeFileName(name)));
  }

  /** A new empty private folder, for exports that write several files (`add` each one). */
  async folder(): Promise<string> {
    this.root ??= mkdtemp(join(tmpdir(), `${DOWNLOADS_PREFIX}${process.pid}-`));
    const dir = join(await this.root, randomUUID());
    await mkdir(dir);
    return dir;
  }

  /** Offers a file written inside one of this store's folders. */
  add(path: string): Download {
    this.dropExpired();
    const download = { downloadId: randomUUID(), name: basename(path), path, expires: this.now() + DOWNLOAD_TTL_MS };
    this.downloads.set(download.downloadId, download);
    return { downloadId: download.downloadId, name: download.name, path };
  }

  /** The file behind `downloadId`, which is used up by this: a second fetch (or one too late) finds nothing. */
  async take(downloadId: string): Promise<Download & { readonly bytes: number }> {
    this.dropExpired();
    const download = this.downloads.get(downloadId);
    if (!download) throw downloadErrors.gone();
    this.downloads.delete(downloadId);
    const info = await stat(download.path).catch(() => null);
    if (!info?.isFile()) throw downloadErrors.gone();
    return { downloadId, name: download.name, path: download.path, bytes: info.size };
  }

  /** Deletes a file once it has been sent. */
  async done(download: Download): Promise<void> {
    await rm(download.path, { force: true });
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, download] of this.downloads) {
      if (download.expires > now) continue;
      this.downloads.delete(id);
      void rm(download.path, { force: true });
    }
  }

  async close(): Promise<void> {
    this.downloads.clear();
    if (this.root) await rm(await this.root, { recursive: true, force: true });
    this.root = null;
  }
}
