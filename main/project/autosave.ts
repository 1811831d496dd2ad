/**
 * Autosave and recovery. While the app runs, the open project is written (atomically, a moment after each
 * change) to a recovery file in the settings folder, named after the session. A clean close or an explicit
 * save deletes it. After a crash or a kill the file stays, and its session's process is gone: on the next
 * start `listRecoverable` finds it and the app offers the state it holds.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../../engine/errors.ts';
import { parseJsonText } from '../../engine/model/safe-json.ts';
import { isProcessAlive, writeFileAtomic } from './atomic-write.ts';
import { readProject, type ProjectFile } from './project-file.ts';
import { projectDocumentJson } from './project-json.ts';

const RECOVERY_FORMAT = 'layerlab-recovery';
export const RECOVERY_SUFFIX = '.layerlab-recovery';

export interface Recoverable {
  /** The file's name without its suffix: what a window names it by (never a path). */
  readonly id: string;
  readonly file: string;
  /** Where the project was saved by the user, or null for one never saved. */
  readonly projectPath: string | null;
  readonly savedAt: string;
  readonly project: ProjectFile;
}

interface RecoveryDocument {
  readonly format: typeof RECOVERY_FORMAT;
  readonly pid: number;
  readonly projectPath: string | null;
  readonly savedAt: string;
  readonly project: ProjectFile;
}

export interface AutosaveOptions {
  /** The folder recovery files live in, e.g. <settings dir>/recovery. */
  readonly dir: string;
  /** Quiet time after a change before writing: many quick edits make one write. */
  readonly delayMs?: number;
  readonly now?: () => Date;
}

export class Autosave {
  readonly id: string;
  readonly file: string;
  private pending: { project: ProjectFile; projectPath: string | null } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: AutosaveOptions) {
    this.id = `session-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.file = join(options.dir, `${this.id}${RECOVERY_SUFFIX}`);
  }

  /** Records the latest state; it reaches the disk `delayMs` after the last change (or on `flush`). */
  update(project: ProjectFile, projectPath: string | null): void {
    this.pending = { project, projectPath };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 1000);
  }

  /** Writes the pending state now. Writes never overlap; the last state wins. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.pending;
    this.pending = null;
    if (!state) return this.writing;
    const document: RecoveryDocument = { format: RECOVERY_FORMAT, pid: process.pid, projectPath: state.projectPath, savedAt: (this.options.now?.() ?? new Date()).toISOString(), project: state.project };
    this.writing = this.writing.then(async () => {
      await mkdir(this.options.dir, { recursive: true });
      await writeFileAtomic(this.file, projectDocumentJson(document));
    });
    return this.writing;
  }

  /** After a save or a clean close: nothing to recover. */
  async discard(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    await this.writing.catch(() => undefined);
    await unlink(this.file).catch(() => undefined);
  }
}

/** The state in one recovery file; null when it is a live session's (not a crash) or not a recovery file. Throws when damaged. */
async function readRecovery(dir: string, id: string): Promise<Recoverable | null> {
  const file = join(dir, `${id}${RECOVERY_SUFFIX}`);
  const document = parseJsonText(await readFile(file, 'utf8'), file) as RecoveryDocument;
  // A live session (this one, or another window's) is not a crash.
  if (document?.format !== RECOVERY_FORMAT || document.pid === process.pid || isProcessAlive(document.pid)) return null;
  return { id, file, projectPath: typeof document.projectPath === 'string' ? document.projectPath : null, savedAt: String(document.savedAt), project: readProject(document.project) };
}

/** States left by sessions that ended without closing cleanly, newest first. Damaged files are skipped. */
export async function listRecoverable(dir: string): Promise<Recoverable[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: Recoverable[] = [];
  for (const name of names.filter((n) => n.endsWith(RECOVERY_SUFFIX))) {
    try {
      const entry = await readRecovery(dir, name.slice(0, -RECOVERY_SUFFIX.length));
      if (entry) found.push(entry);
    } catch {
      // A recovery file that cannot be read offers nothing; it never stops the app from starting.
    }
  }
  return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** One state `listRecoverable` offered, by its id. */
export async function findRecoverable(dir: string, id: string): Promise<Recoverable> {
  const entry = await readRecovery(dir, id).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  });
  if (!entry) throw new UserFacingError('recovery-gone', 'That recovered state is no longer there (it was restored or discarded, perhaps in another window).');
  return entry;
}

/** Once the user has taken (or declined) a recovered state. */
export async function forgetRecoverable(entry: Recoverable): Promise<void> {
  await unlink(entry.file).catch(() => undefined);
}
