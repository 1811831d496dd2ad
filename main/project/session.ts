/**
 * The project one running app works on, as main knows it: where it was last saved or opened (so a recovered
 * state knows its file), its autosave (the recovery file a crash leaves behind), and the data file of a reopened
 * project until it is open again, as one explicit state (main/api/calls/project-calls.ts draws its transitions).
 * The desktop app has one window and the web host one page at a time, so one session serves the whole process.
 */
import { UserFacingError } from '../../engine/errors.ts';
import type { Recipe } from '../../engine/prep/types.ts';
import type { ProjectDataState } from '../api/calls/project-calls.ts';
import type { LoadedTable } from '../io/load-table.ts';
import type { DatasetOrigin } from '../services/dataset-store.ts';
import { Autosave, findRecoverable, forgetRecoverable, listRecoverable, type Recoverable } from './autosave.ts';
import type { DatasetReference, ProjectFile } from './project-file.ts';

/** A reopened project's data file and recipe, until the data file is open again. */
export interface AwaitedData {
  readonly reference: DatasetReference;
  /** Where it was found; null when the user must locate it. */
  readonly found: string | null;
  /** Why it was not found, or how it was (a moved folder). */
  readonly message: string | null;
  /** The project's recipe, for the Clean step once the data is open. */
  readonly recipe: Recipe | null;
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
  /** Where the project was saved or opened from, when it was reported. */
  readonly projectPath: string | null;
}

type DataState =
  | { readonly status: 'idle' }
  | { readonly status: 'awaiting-data'; readonly awaited: AwaitedData; readonly unreadable: string | null }
  | { readonly status: 'confirm-changed'; readonly awaited: AwaitedData; readonly held: HeldData; readonly message: string };

const IDLE: DataState = { status: 'idle' };

export interface ProjectSessionOptions {
  readonly delayMs?: number;
  /** Told every new state of the project's data file (the services publish it to the windows). */
  readonly onDataState?: (state: ProjectDataState) => void;
}

export class ProjectSession {
  /** Where the project was last saved or opened from; null for one never saved, or saved as a download. */
  private projectPath: string | null = null;
  private data: DataState = IDLE;
  /** The last working state with something in it; a fresh window reporting nothing yet does not replace it. */
  private liveState: LiveState | null = null;
  private readonly autosave: Autosave | null;

  /** `recoveryDir`: where recovery files live (<settings>/recovery); null keeps no recovery file. */
  constructor(
    private readonly recoveryDir: string | null,
    private readonly options: ProjectSessionOptions = {},
  ) {
    this.autosave = recoveryDir ? new Autosave({ dir: recoveryDir, ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}) }) : null;
  }

  /** The recovery file this session writes (so a listing can tell it apart); null without a recovery folder. */
  get recoveryId(): string | null {
    return this.autosave?.id ?? null;
  }

  /** The project's data file as the window sees it. */
  get dataState(): ProjectDataState {
    const { data } = this;
    switch (data.status) {
      case 'idle':
        return data;
      case 'awaiting-data':
        return { status: 'awaiting-data', name: data.awaited.reference.name, found: data.awaited.found, message: data.awaited.message, unreadable: data.unreadable };
      case 'confirm-changed':
        return { status: 'confirm-changed', name: data.held.name, message: data.message };
    }
  }

  /** The data file and recipe the project still waits for; null when nothing is awaited. */
  get awaited(): AwaitedData | null {
    return this.data.status === 'idle' ? null : this.data.awaited;
  }

  /** The working state changed: it reaches the recovery file a moment later. A state with nothing in it is not kept. */
  report(project: ProjectFile, datasetId: string | null = null): void {
    // A window cannot close its dataset: a state without one after a state with one is a fresh window (a reload)
    // reporting before it has taken the work back, and must not replace it.
    if (this.liveState?.project.dataset && !project.dataset) return;
    const empty = !project.dataset && project.runs.length === 0;
    if (!empty) this.liveState = { project, datasetId, at: new Date().toISOString(), projectPath: this.projectPath };
    if (!this.autosave) return;
    if (empty) void this.autosave.discard();
    else this.autosave.update(project, this.projectPath);
  }

  /** The id a window names the live state by (the same namespace as recovered states). */
  get liveId(): string {
    return this.recoveryId ?? 'live-session';
  }

  /** The working state the window last reported (null before any, or once discarded). */
  get live(): LiveState | null {
    return this.liveState;
  }

  /** The user discarded the live state: a reloaded page is no longer offered it. */
  discardLive(): void {
    this.liveState = null;
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

  /** A project or a recovered state was opened: it is now this session's, its data file awaited when it has one. */
  opened(path: string | null, awaited: AwaitedData | null): void {
    this.projectPath = path;
    this.enter(awaited ? { status: 'awaiting-data', awaited, unreadable: null } : IDLE);
  }

  /**
   * A file read for the awaited data has other bytes: held until the user takes it (`takeHeld`) or locates another.
   * Once nothing is awaited (another file was opened meanwhile) there is nothing to hold it for.
   */
  hold(held: HeldData, message: string): void {
    if (this.data.status !== 'idle') this.enter({ status: 'confirm-changed', awaited: this.data.awaited, held, message });
  }

  /** The held file; only while the state asks the user to confirm it. */
  takeHeld(): HeldData {
    if (this.data.status !== 'confirm-changed') throw new UserFacingError('no-changed-data', 'No changed data file is waiting for your word. Locate the data file again.');
    return this.data.held;
  }

  /** The file `name` could not be read as the project says: the user must locate another copy (if the project still waits). */
  unreadable(name: string): void {
    if (this.data.status !== 'idle') this.enter({ status: 'awaiting-data', awaited: { ...this.data.awaited, found: null }, unreadable: name });
  }

  /** The project's data file is open, or the user opened another one to work on: nothing is awaited any more. */
  settled(): void {
    if (this.data.status !== 'idle') this.enter(IDLE);
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

  /** The awaited data file and recipe; a user-facing refusal when no project waits for its data. */
  requireAwaited(): AwaitedData {
    const awaited = this.awaited;
    if (!awaited) throw new UserFacingError('no-project-data', 'No project is waiting for its data file. Open a project first, or open a data file in the Data step.');
    return awaited;
  }

  private enter(state: DataState): void {
    this.data = state;
    this.options.onDataState?.(this.dataState);
  }
}
