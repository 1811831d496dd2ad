/**
 * Calls and events of projects: saving the window's working state as a .layerlab file, opening one (or the state
 * a crashed session left), its data file, and autosave. Spread into `calls` by main/api/contract.ts; handlers live
 * in main/api/handlers/project-handlers.ts.
 *
 * A reopened project's data file is main's to track, in one explicit state (`ProjectDataState`) that main pushes
 * as a `projectData` event whenever it changes; the window renders it and answers with plain calls:
 *   idle ── open a project with a data file ──▶ awaiting-data (found where the project says, or to be located)
 *   awaiting-data ── locateProjectData: the same bytes ──▶ idle (the data file is open)
 *   awaiting-data ── locateProjectData: other bytes ──▶ confirm-changed (the file is read and held)
 *   confirm-changed ── acceptChangedData ──▶ idle;  ── locateProjectData ──▶ as from awaiting-data
 *   any ── another data file opened in the Data step ──▶ idle (the work goes on with that one)
 */
import type { NetworkDesign, TrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { call, id, none } from '../call-spec.ts';
import type { DatasetSummary } from '../contract.ts';
import { v } from '../validate.ts';
import { destination, source, type SavedFiles } from './file-calls.ts';
import type { ModelSummary } from './results-calls.ts';
import { networkDesign, recipe, trainingSettings } from './training-calls.ts';

/**
 * The window's working state, as a project keeps it: every field optional, so a session with no trained model
 * still saves its recipe and design; what is left out falls back to the selected model's. While the project's
 * own data file is awaited, the project keeps its reference and recipe, whatever else the window has open.
 */
const workingState = {
  name: v.string({ min: 1, max: 200 }),
  datasetId: v.optional(id),
  selectedModelId: v.optional(id),
  step: v.optional(v.string({ max: 32 })),
  recipe: v.optional(recipe),
  design: v.optional(networkDesign),
  settings: v.optional(trainingSettings),
  /** Decision thresholds chosen in the Evaluate step (binary models), saved into each model. */
  thresholds: v.optional(v.array(v.object({ modelId: id, threshold: v.number({ min: 0, max: 1 }) }), { max: 1000 })),
};

export const projectCalls = {
  /** The session as a .layerlab project: its dataset reference, recipe, design, settings and every model. */
  saveProject: call(v.object({ destination, ...workingState })).returns<SavedFiles>(),
  /** A .layerlab project: its models join the open ones; its data file is checked (found, moved, missing, changed). */
  openProject: call(v.object({ source })).returns<OpenedProjectSummary>(),
  /** Where the reopened project's data file stands (also pushed as `projectData` whenever it changes). */
  projectData: call(none).returns<ProjectDataState>(),
  /**
   * Reads a file as the awaited project data file, the way the project read it (the user's column types and
   * missing markers): opened when its bytes are the project's; otherwise held, and the state asks the user.
   */
  locateProjectData: call(v.object({ operationId: id, source })).returns<ProjectData>(),
  /** The user takes the held file whose bytes differ from the project's. */
  acceptChangedData: call(none).returns<ProjectData>(),
  /** The window's working state changed (recipe, design, settings, step, a finished run...): autosaved a moment later. */
  updateSession: call(v.object(workingState)).returns<{ readonly kept: boolean }>(),
  /** States left by sessions that ended without closing cleanly (a crash, a kill), newest first. */
  listRecoveries: call(none).returns<RecoverySummary[]>(),
  /** A recovered state, opened like a project; its recovery file goes once this session holds it. */
  openRecovery: call(v.object({ recoveryId: id })).returns<OpenedProjectSummary>(),
  /** The user declined a recovered state: its file is deleted. */
  discardRecovery: call(v.object({ recoveryId: id })).returns<{ readonly discarded: boolean }>(),
} as const;

/** The reopened project's data file, as main tracks it. */
export type ProjectDataState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'awaiting-data';
      /** The data file's name as the project knows it. */
      readonly name: string;
      /** Where it was found (the window opens it from there); null when the user must locate it. */
      readonly found: string | null;
      /** Why it was not found, or how it was (a moved folder); null when there is nothing to say. */
      readonly message: string | null;
      /** The file last tried, when it could not be read as the project says (the window's notice says why). */
      readonly unreadable: string | null;
    }
  | {
      readonly status: 'confirm-changed';
      /** The file read and held, whose bytes differ from the project's. */
      readonly name: string;
      readonly message: string;
    };

export interface OpenedProjectSummary {
  readonly name: string;
  /** Where the project file is; null for one never saved (a recovered state) or an uploaded one. */
  readonly path: string | null;
  readonly models: readonly ModelSummary[];
  readonly selectedModelId: string | null;
  readonly step: string | null;
  readonly recipe: Recipe | null;
  readonly design: NetworkDesign | null;
  readonly settings: TrainingSettings | null;
  readonly dataset:
    | { readonly status: 'ok' | 'moved'; readonly path: string; readonly name: string; readonly message: string | null }
    /** A reloaded window's dataset, still open in main: nothing to read again. */
    | { readonly status: 'open'; readonly summary: DatasetSummary; readonly markers: Readonly<Record<string, readonly string[]>> }
    | { readonly status: 'missing' | 'changed'; readonly path: string | null; readonly name: string; readonly message: string }
    | { readonly status: 'none' };
}

export type ProjectData =
  | {
      readonly status: 'opened';
      readonly summary: DatasetSummary;
      /** Missing markers per column, to apply with `setMissingMarkers` (the Data step's cards show them). */
      readonly markers: Readonly<Record<string, readonly string[]>>;
      /** The project's recipe, which now takes the suggested one's place; null when it saved none. */
      readonly recipe: Recipe | null;
    }
  /** The file is not the one the project used: nothing was opened, it is held (state `confirm-changed`). */
  | { readonly status: 'changed'; readonly name: string; readonly message: string };

export interface RecoverySummary {
  readonly recoveryId: string;
  readonly name: string;
  /** ISO 8601: the last time the session wrote it. */
  readonly savedAt: string;
  /** The data file's name; null when none was open. */
  readonly datasetName: string | null;
  /** Trained models it holds. */
  readonly models: number;
  /** The .layerlab file it was last saved to; null for work never saved. */
  readonly projectPath: string | null;
  /**
   * True for the state this running app's window last reported (the page was reloaded, or its tab closed and
   * opened again): the window takes it back at once; false for a session that ended without closing cleanly.
   */
  readonly live: boolean;
}

/** Events of this area. */
export type ProjectEvent = { readonly type: 'projectData'; readonly state: ProjectDataState };
