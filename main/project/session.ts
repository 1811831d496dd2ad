/**
 * The project one running app works on, as main knows it: where it was last saved or opened (so a recovered
 * state knows its file), its autosave (the recovery file a crash leaves behind), and the data file of a reopened
 * project until it is open again. The desktop app has one window and the web host one page at a time, so one
 * session serves the whole process.
 */
import { UserFacingError } from '../../engine/errors.ts';
import type { LoadedTable } from '../io/load-table.ts';
import type { DatasetOrigin } from '../services/dataset-store.ts';
import { Autosave, findRecoverable, forgetRecoverable, listRecoverable, type Recoverable } from './autosave.ts';
import type { DatasetReference, ProjectFile } from './project-file.ts';

/** A reopened project's data file, until it is open again: where it was found (null: the user must locate it). */
export interface WaitingData {
  readonly reference: DatasetReference;
  readonly path: string | null;
}

/** A located file whose bytes differ from the project's, read and kept until the user takes it or locates another. */
export interface HeldData {
  readonly loaded: LoadedTable;
  readonly origin: DatasetOrigin;
  readonly name: string;
}

/** The working state the window last reported, kept in memory: what a reloaded page (or a reopened tab) gets back. */
export interface LiveState {
  readonly project: ProjectFile;
  /** The dataset it was working on, while main still holds it. */
  readonly datasetId: string | null;
  readonly at: string;
}

export class ProjectSession {
  /** Where the project was last saved or opened from; null for one never saved, or saved as a download. */
  projectPath: string | null = null;
  waiting: WaitingData | null = null;
  held: HeldData | null = null;
  /** The last working state with something in it; a fresh window reporting nothing yet does not replace it. */
  live: LiveState | null = null;
  private readonly autosave: Autosave | null;

  /** `recoveryDir`: where recovery files live (<settings>/recovery); null keeps no recovery file. */
  constructor(
    private readonly recoveryDir: string | null,
    options: { delayMs?: number } = {},
  ) {
    this.autosave = recoveryDir ? new Autosave({ dir: recoveryDir, ...options }) : null;
  }

  /** The recovery file this session writes (so a listing can tell it apart); null without a recovery folder. */
  get recoveryId(): string | null {
    return this.autosave?.id ?? null;
  }

  /** The working state changed: it reaches the recovery file a moment later. A state with nothing in it is not kept. */
  report(project: ProjectFile, datasetId: string | null = null): void {
    // A window cannot close its dataset: a state without one after a state with one is a fresh window (a reload)
    // reporting before it has taken the work back, and must not replace it.
    if (this.live?.project.dataset && !project.dataset) return;
    const empty = !project.dataset && project.runs.length === 0;
    if (!empty) this.live = { project, datasetId, at: new Date().toISOString() };
    if (!this.autosave) return;
    if (empty) void this.autosave.discard();
    else this.autosave.update(project, this.projectPath);
  }

  /** The id a window names the live state by (the same namespace as recovered states). */
  get liveId(): string {
    return this.recoveryId ?? 'live-session';
  }

  /** Writes the reported state now instead of a moment later. */
  async flush(): Promise<void> {
    await this.autosave?.flush();
  }

  /** A save: the file holds the work, nothing to recover until the next change. */
  async saved(path: string | null): Promise<void> {
    if (path) this.projectPath = path;
    await this.autosave?.discard();
  }

  /** A project or a recovered state was opened: it is now this session's. */
  opened(path: string | null, waiting: WaitingData | null): void {
    this.projectPath = path;
    this.waiting = waiting;
    this.held = null;
  }

  list(): Promise<Recoverable[]> {
    return this.recoveryDir ? listRecoverable(this.recoveryDir) : Promise.resolve([]);
  }

  async find(id: string): Promise<Recoverable> {
    if (!this.recoveryDir) throw new UserFacingError('recovery-gone', 'This app keeps no recovered states.');
    return findRecoverable(this.recoveryDir, id);
  }

  /**
   * Takes a recovered state over: written to this session's own recovery file first, then the crashed
   * session's file goes, so there is no moment at which a kill would lose it.
   */
  async adopt(entry: Recoverable): Promise<void> {
    this.autosave?.update(entry.project, this.projectPath);
    await this.autosave?.flush();
    await forgetRecoverable(entry);
  }

  forget(entry: Recoverable): Promise<void> {
    return forgetRecoverable(entry);
  }

  /** A clean close: nothing to recover. */
  async close(): Promise<void> {
    await this.autosave?.discard();
  }
}
