/**
 * Files a browser sends to the web host, spooled to a private temporary folder until a call (`openDataset`,
 * `predictFile`, ...) has read them, then deleted. The browser cannot hand over a path, only bytes; saved here,
 * they load exactly like a file opened by path.
 *
 * Bounded: one file at most `maxBytes`; at most `maxFiles` waiting at once and `maxTotalBytes` together; an
 * upload no call has used within `ttlMs` (a page closed between its upload and its call) is deleted. The
 * folder's name carries the process id, so a host started after a crash removes what a dead one left
 * (main/services/leftovers.ts).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserFacingError } from '../../engine/errors.ts';

export interface Upload {
  readonly path: string;
  readonly name: string;
}

export interface UploadLimits {
  readonly maxFiles: number;
  readonly maxTotalBytes: number;
  readonly ttlMs: number;
}

/** The folder prefix in the system's temporary folder; `<prefix><pid>-<random>`. */
export const UPLOADS_PREFIX = 'layerlab-uploads-';

/** A file name safe to create on any system, keeping what the user would recognise. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'upload';
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

export class UploadStore {
  private root: Promise<string> | null = null;
  private readonly uploads = new Map<string, Upload & { readonly bytes: number; readonly arrived: number }>();
  /** Bytes of uploads still arriving, counted against the total as they come. */
  private arriving = 0;
  private arrivingFiles = 0;
  readonly limits: UploadLimits;

  constructor(
    readonly maxBytes: number,
    limits: Partial<UploadLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { maxFiles: 8, maxTotalBytes: 2 * maxBytes, ttlMs: 15 * 60_000, ...limits };
  }

  /** Throws `too-large` / `too-many-uploads` when a file of `bytes` (0: not known yet) cannot be taken now. */
  checkRoom(name: string, bytes: number): void {
    this.dropExpired();
    if (bytes > this.maxBytes) throw this.tooLarge(name);
    if (this.uploads.size + this.arrivingFiles >= this.limits.maxFiles) {
      throw new UserFacingError(
        'too-many-uploads',
        `${safeFileName(name)} was not taken: ${this.limits.maxFiles} uploaded files are already waiting to be opened (the most Layerlab keeps at once). Wait for them to finish opening, or reload the page, then try again.`,
      );
    }
    if (this.pendingBytes() + bytes > this.limits.maxTotalBytes) throw this.noRoom(name);
  }

  /** Streams `body` to disk; rejects a body over the limits without keeping any of it. */
  async save(name: string, body: Readable): Promise<string> {
    this.checkRoom(name, 0);
    this.root ??= mkdtemp(join(tmpdir(), `${UPLOADS_PREFIX}${process.pid}-`));
    const uploadId = randomUUID();
    const dir = join(await this.root, uploadId);
    await mkdir(dir);
    const upload: Upload = { path: join(dir, safeFileName(name)), name: safeFileName(name) };
    let received = 0;
    const tooLarge = this.tooLarge(upload.name);
    const noRoom = this.noRoom(upload.name);
    const store = this;
    this.arrivingFiles++;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            received += chunk.length;
            store.arriving += chunk.length;
            if (received > store.maxBytes) throw tooLarge;
            if (store.pendingBytes() > store.limits.maxTotalBytes) throw noRoom;
            yield chunk;
          }
        },
        createWriteStream(upload.path, { flags: 'wx' }),
      );
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    } finally {
      this.arrivingFiles--;
      this.arriving -= received;
    }
    this.uploads.set(uploadId, { ...upload, bytes: received, arrived: this.now() });
    return uploadId;
  }

  /** The saved file, until `discard`. */
  get(uploadId: string): Upload {
    this.dropExpired();
    const upload = this.uploads.get(uploadId);
    if (!upload) {
      throw new UserFacingError('unknown-upload', 'That uploaded file is no longer available (the web host was restarted, it was already opened, or it waited too long). Choose the file again.');
    }
    return { path: upload.path, name: upload.name };
  }

  async discard(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await rm(dirname(upload.path), { recursive: true, force: true });
  }

  tooLarge(name: string): UserFacingError {
    return new UserFacingError(
      'too-large',
      `${safeFileName(name)} is larger than the ${gb(this.maxBytes)} Layerlab loads at once. Load a sample of its rows (split the file), then try again.`,
    );
  }

  private noRoom(name: string): UserFacingError {
    return new UserFacingError(
      'too-large',
      `${safeFileName(name)} was not taken: uploaded files waiting to be opened would pass ${gb(this.limits.maxTotalBytes)} together (the most Layerlab keeps at once). Wait for them to finish opening, then try again.`,
    );
  }

  private pendingBytes(): number {
    let total = this.arriving;
    for (const upload of this.uploads.values()) total += upload.bytes;
    return total;
  }

  private dropExpired(): void {
    const oldest = this.now() - this.limits.ttlMs;
    for (const [id, upload] of this.uploads) if (upload.arrived < oldest) void this.discard(id);
  }

  /** Deletes every upload and the temporary folder. */
  async close(): Promise<void> {
    this.uploads.clear();
    if (this.root) await rm(await this.root, { recursive: true, force: true });
    this.root = null;
  }
}
