/**
 * Files a browser sends to the web host, spooled to a private temporary folder until `openDataset` has loaded
 * them, then deleted. The browser cannot hand over a path, only bytes; saved here, they load exactly like a file
 * opened by path.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserFacingError } from '../../engine/errors.ts';

export interface Upload {
  readonly path: string;
  readonly name: string;
}

/** A file name safe to create on any system, keeping what the user would recognise. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'upload';
}

export class UploadStore {
  private root: Promise<string> | null = null;
  private readonly uploads = new Map<string, Upload>();

  constructor(readonly maxBytes: number) {}

  /** Streams `body` to disk; rejects bodies over the size limit without keeping any of it. */
  async save(name: string, body: Readable): Promise<string> {
    this.root ??= mkdtemp(join(tmpdir(), 'layerlab-uploads-'));
    const uploadId = randomUUID();
    const dir = join(await this.root, uploadId);
    await mkdir(dir);
    const upload: Upload = { path: join(dir, safeFileName(name)), name: safeFileName(name) };
    let received = 0;
    const tooLarge = this.tooLarge(upload.name);
    const { maxBytes } = this;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            received += chunk.length;
            if (received > maxBytes) throw tooLarge;
            yield chunk;
          }
        },
        createWriteStream(upload.path, { flags: 'wx' }),
      );
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    this.uploads.set(uploadId, upload);
    return uploadId;
  }

  /** The saved file, until `discard`. */
  get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) {
      throw new UserFacingError('unknown-upload', 'That uploaded file is no longer available (the web host was restarted or it was already closed). Choose the file again.');
    }
    return upload;
  }

  async discard(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await rm(join(upload.path, '..'), { recursive: true, force: true });
  }

  tooLarge(name: string): UserFacingError {
    return new UserFacingError(
      'too-large',
      `${safeFileName(name)} is larger than the ${(this.maxBytes / 1024 ** 3).toFixed(1)} GB Layerlab loads at once. Load a sample of its rows (split the file), then try again.`,
    );
  }

  /** Deletes every upload and the temporary folder. */
  async close(): Promise<void> {
    this.uploads.clear();
    if (this.root) await rm(await this.root, { recursive: true, force: true });
    this.root = null;
  }
}
