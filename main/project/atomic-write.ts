/**
 * Atomic file writes: the data goes to a temporary file in the target's own folder (so the rename never
 * crosses file systems), is flushed to disk (fsync), and only then renamed over the target — a rename within a
 * folder is atomic on POSIX and NTFS. A crash, a kill or a full disk at any moment leaves either the old
 * complete file or the new complete file, never half of one. The folder is synced too, so the rename itself
 * survives a power cut.
 *
 * A writer killed midway leaves its temporary file behind; the next write to the same target removes such
 * leftovers once their process is gone, and `removeAbandonedTemporaries` clears a whole folder (at start, for
 * files such as recovery files whose name changes with every session).
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserFacingError } from '../../engine/errors.ts';

export type WriteChunks = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const SUFFIX = '.layerlab-tmp';
const WRITE_BLOCK = 1 << 16;

function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${SUFFIX}`);
}

/** Whether a process exists (EPERM: it does, but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The writer's process id in a temporary file's name (`.<target>.<pid>.<random>.layerlab-tmp`), or null. */
function writerOf(name: string): number | null {
  if (!name.startsWith('.') || !name.endsWith(SUFFIX)) return null;
  const parts = name.slice(0, -SUFFIX.length).split('.');
  const pid = Number(parts.at(-2));
  return parts.length >= 4 && Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Temporary files in `folder` left by writers that were killed (their process no longer exists), of every
 * target, or only of `target` when given. A live writer's (another window's, this one's) are never touched.
 */
export async function removeAbandonedTemporaries(folder: string, target?: string): Promise<number> {
  const prefix = target === undefined ? '.' : `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = name.startsWith(prefix) ? writerOf(name) : null;
    if (pid === null || pid === process.pid || isProcessAlive(pid)) continue;
    await unlink(join(folder, name)).then(() => removed++, () => undefined);
  }
  return removed;
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** `write` may write less than asked (a signal, a full pipe): loop until every byte is out. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
}

/** Small chunks (one CSV line each) are gathered, so a large file is not a syscall per line. */
async function writeChunks(handle: FileHandle, data: WriteChunks): Promise<void> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunksOf(data)) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    pending.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    pendingBytes += bytes.byteLength;
    if (pendingBytes >= WRITE_BLOCK) {
      await writeAll(handle, Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) await writeAll(handle, Buffer.concat(pending));
}

function chunksOf(data: WriteChunks): Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> {
  return typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
}

const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'a folder has that name',
};

/** A file-system refusal in words, with the promise that nothing was damaged (the write is atomic). */
function cannotWrite(target: string, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  const why = code ? WHY[code] : undefined;
  if (!why) return error;
  return new UserFacingError('cannot-write', `Cannot save ${target}: ${why}. Nothing was changed on disk; choose another location or free some space.`);
}

/** Writes `data` (text as UTF-8, bytes, or chunks from a generator) to `target` atomically. */
export async function writeFileAtomic(target: string, data: WriteChunks): Promise<void> {
  await removeAbandonedTemporaries(dirname(target), target);
  const temporary = temporaryName(target);
  const handle = await open(temporary, 'wx').catch((error: unknown) => {
    throw cannotWrite(target, error);
  });
  try {
    try {
      await writeChunks(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw cannotWrite(target, error);
  }
  await syncFolder(dirname(target));
}
