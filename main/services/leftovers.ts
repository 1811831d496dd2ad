/**
 * What a killed app leaves behind, cleared when the next one starts: the web host's upload and download folders
 * and the loader warm-up's folder in the system's temporary folder, half-written temporary files in the recovery folder (each session writes
 * its own recovery file, so no later write to the same name would clear them), and recovery files nobody
 * restored for weeks. Anything that belongs to a process still running (another window, another web host) is
 * left alone: the process id is part of every such name.
 */
import { readdir, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, removeAbandonedTemporaries } from '../project/atomic-write.ts';
import { RECOVERY_SUFFIX } from '../project/autosave.ts';
import { WARM_UP_PREFIX } from '../io/warm-up.ts';
import { DOWNLOADS_PREFIX } from './download-store.ts';
import { UPLOADS_PREFIX } from './upload-store.ts';

const DAY_MS = 24 * 60 * 60_000;

export interface LeftoverOptions {
  /** <settings>/recovery. */
  readonly recoveryDir: string;
  /** The system's temporary folder (tests give their own). */
  readonly tempDir?: string;
  /** Recovery files of ended sessions last written longer ago than this are deleted (default 30 days). */
  readonly recoveryMaxAgeDays?: number;
  /** At most this many recovery files of ended sessions are kept, the newest (default 10). */
  readonly keepRecoveries?: number;
  readonly now?: () => number;
}

export interface SweptLeftovers {
  readonly tempFolders: number;
  readonly temporaryFiles: number;
  readonly recoveries: number;
}

const deadOwner = (pid: number) => pid !== process.pid && !isProcessAlive(pid);

/** `layerlab-uploads-<pid>-<random>` (or downloads, warm-up): the pid; null for another name. */
function folderOwner(name: string): number | null {
  for (const prefix of [UPLOADS_PREFIX, DOWNLOADS_PREFIX, WARM_UP_PREFIX]) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }
  return null;
}

async function sweepTempFolders(tempDir: string): Promise<number> {
  const names = await readdir(tempDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = folderOwner(name);
    if (pid === null || !deadOwner(pid)) continue;
    await rm(join(tempDir, name), { recursive: true, force: true }).then(() => removed++, () => undefined);
  }
  return removed;
}

/** `session-<pid>-<random>.layerlab-recovery` (main/project/autosave.ts): the pid. */
function recoveryOwner(name: string): number | null {
  const pid = Number(/^session-(\d+)-[0-9a-f]+$/.exec(name.slice(0, -RECOVERY_SUFFIX.length))?.[1]);
  return name.endsWith(RECOVERY_SUFFIX) && Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function pruneRecoveries(dir: string, maxAgeMs: number, keep: number, now: number): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const ended: { file: string; modified: number }[] = [];
  for (const name of names) {
    const pid = recoveryOwner(name);
    if (pid === null || !deadOwner(pid)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (info?.isFile()) ended.push({ file: join(dir, name), modified: info.mtimeMs });
  }
  ended.sort((a, b) => b.modified - a.modified);
  let removed = 0;
  for (const [i, entry] of ended.entries()) {
    if (i < keep && now - entry.modified <= maxAgeMs) continue;
    await unlink(entry.file).then(() => removed++, () => undefined);
  }
  return removed;
}

export async function sweepLeftovers(options: LeftoverOptions): Promise<SweptLeftovers> {
  const now = options.now?.() ?? Date.now();
  return {
    tempFolders: await sweepTempFolders(options.tempDir ?? tmpdir()),
    temporaryFiles: await removeAbandonedTemporaries(options.recoveryDir),
    recoveries: await pruneRecoveries(options.recoveryDir, (options.recoveryMaxAgeDays ?? 30) * DAY_MS, options.keepRecoveries ?? 10, now),
  };
}
