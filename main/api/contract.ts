/**
 * Every call a window makes to main and every event main pushes to a window, in one place.
 *
 * A call is one entry here (its payload validator and response type) plus one handler (main/api/handlers.ts).
 * The Electron preload and the web client are generated from `calls`, so a new entry shows up in the
 * renderer's `api` object, typed, with nothing else to edit. Both transports run the same validation
 * (main/api/handle.ts) before a handler sees the payload.
 */
import type { Task } from '../../engine/prep/types.ts';
import { COLUMN_TYPES, type ColumnType } from '../../engine/table/table.ts';
import type { StepId } from './steps.ts';
import { call, id, none, readPath, type CallSpec } from './call-spec.ts';
import { fileCalls } from './calls/file-calls.ts';
import { projectCalls, type ProjectEvent } from './calls/project-calls.ts';
import { insightCalls } from './calls/insight-calls.ts';
import { resultsCalls, resultsProgressEventTypes, type ResultsEvent } from './calls/results-calls.ts';
import { trainingCalls, trainingProgressEventTypes, type TrainingEvent } from './calls/training-calls.ts';
import { qualityCalls } from './calls/quality-calls.ts';
import { validationCalls, type CrossValidationEvent } from './calls/validation-calls.ts';
import { searchCalls, searchProgressEventTypes, type SearchEvent } from './calls/search-calls.ts';
import { recipeCalls, recipeProgressEventTypes, type RecipeEvent } from './calls/recipe-calls.ts';
import { runCalls } from './calls/run-calls.ts';
import { v } from './validate.ts';

export type { CallSpec };

export { COLUMN_TYPES };
export type { ColumnType, Task };
export { TABLE_EXTENSIONS } from './calls/file-calls.ts';

/** Rows per `datasetRows` request: a screenful many times over, small enough to answer at once. */
export const MAX_ROWS_PER_REQUEST = 2000;

export const calls = {
  appInfo: call(none).returns<AppInfo>(),
  listSamples: call(none).returns<SampleInfo[]>(),
  listRecentFiles: call(none).returns<RecentFile[]>(),
  /** Loads a file into main and keeps it there; the window reads its rows with `datasetRows`. */
  openDataset: call(
    v.object({
      /** Chosen by the window so that it can `cancel` the load and match `loadProgress` events. */
      operationId: id,
      source: v.variant('kind', {
        path: { path: readPath },
        sample: { sampleId: id },
        /** Bytes the browser posted to the web host's upload endpoint first. */
        upload: { uploadId: id },
      }),
      /** A workbook's sheet to read (the sheet picker); the first visible sheet when absent. Text files ignore it. */
      sheet: v.optional(v.string({ min: 1, max: 255 })),
    }),
  ).returns<DatasetSummary>(),
  datasetRows: call(
    v.object({
      datasetId: id,
      start: v.number({ min: 0, integer: true }),
      count: v.number({ min: 1, max: MAX_ROWS_PER_REQUEST, integer: true }),
    }),
  ).returns<DatasetRows>(),
  /** Asks a long operation to stop; false when it had already finished (or never existed). */
  cancel: call(v.object({ operationId: id })).returns<{ cancelled: boolean }>(),
  /** Clean step: the recipe (main/api/calls/recipe-calls.ts). */
  ...recipeCalls,
  /** Build and Train steps (main/api/calls/training-calls.ts). */
  ...trainingCalls,
  /** Train step's network search (main/api/calls/search-calls.ts). */
  ...searchCalls,
  /** Train step's K-fold cross-validation (main/api/calls/validation-calls.ts). */
  ...validationCalls,
  /** Evaluate and Predict & export steps (main/api/calls/results-calls.ts). */
  ...resultsCalls,
  /** Evaluate: the baselines beside the network (main/api/calls/quality-calls.ts). */
  ...qualityCalls,
  /** Projects, their data file, autosave and recovery (main/api/calls/project-calls.ts). */
  ...projectCalls,
  /** The desktop's open and save dialogs (main/api/calls/file-calls.ts). */
  ...fileCalls,
  /** Renaming and deleting runs and models (main/api/calls/run-calls.ts). */
  ...runCalls,
  /** Understanding a model: importance, what-if, the network's weights, the report (main/api/calls/insight-calls.ts). */
  ...insightCalls,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type RequestOf<K extends CallName> = Calls[K] extends CallSpec<infer Q, unknown> ? Q : never;
export type ResponseOf<K extends CallName> = Calls[K] extends CallSpec<unknown, infer R> ? R : never;
export type DesktopOnlyCall = { [K in CallName]: Calls[K] extends CallSpec<unknown, unknown, true> ? K : never }[CallName];
export const callNames = Object.keys(calls) as CallName[];

/** Events main pushes; progress events carry the `operationId` the window chose. */
export type AppEvent =
  | { readonly type: 'loadProgress'; readonly operationId: string; readonly bytes: number; readonly totalBytes: number; readonly rows: number }
  | { readonly type: 'command'; readonly command: AppCommand }
  | { readonly type: 'recentFilesChanged'; readonly files: readonly RecentFile[] }
  | RecipeEvent
  | TrainingEvent
  | SearchEvent
  | CrossValidationEvent
  | ResultsEvent
  | ProjectEvent;

/** Events that may arrive many times a second: delivered at most 30 times a second per operation, latest wins. */
export const progressEventTypes: ReadonlySet<AppEvent['type']> = new Set(['loadProgress', ...recipeProgressEventTypes, ...trainingProgressEventTypes, ...searchProgressEventTypes, ...resultsProgressEventTypes]);

/** What a menu item or a keyboard shortcut asks the window to do. */
export type AppCommand =
  | { readonly kind: 'open-file' }
  | { readonly kind: 'open-path'; readonly path: string }
  | { readonly kind: 'open-sample'; readonly sampleId: string }
  | { readonly kind: 'go-to-step'; readonly step: StepId }
  | { readonly kind: 'toggle-theme' }
  | { readonly kind: 'show-shortcuts' }
  | { readonly kind: 'open-project' }
  | { readonly kind: 'save-project' }
  | { readonly kind: 'export-model' }
  /** The Clean step's recipe history; in a text field, the field's own undo. */
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' };

/** The renderer's view of main: one method per call, plus the event stream. Same type on both transports. */
export type LayerlabApi = {
  readonly [K in CallName]: (...request: {} extends RequestOf<K> ? [request?: RequestOf<K>] : [request: RequestOf<K>]) => Promise<ResponseOf<K>>;
} & {
  /** Delivers every event until the returned function is called. */
  subscribe(listener: (event: AppEvent) => void): () => void;
};

/**
 * What the desktop preload exposes as `window.layerlab`: one method per call, answering with the Envelope
 * (Electron's context bridge keeps an Error's message but drops its code, so errors cross as data), the event
 * stream, and the disk path of a dropped file.
 */
export type DesktopBridge = {
  readonly [K in CallName]: (request: RequestOf<K>) => Promise<Envelope<ResponseOf<K>>>;
} & {
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** '' when the file has no path on disk (dragged out of another app's memory). */
  pathForFile(file: File): string;
};

/** How a failed call reaches the window: user-facing errors keep their code and message. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorBody };

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly transport: 'electron' | 'web';
  /** `process.platform` of the machine main runs on. */
  readonly os: string;
  readonly versions: { readonly node: string; readonly electron: string | null; readonly chrome: string | null };
}

export interface SampleInfo {
  readonly id: string;
  readonly title: string;
  readonly fileName: string;
  readonly description: string;
  readonly task: Task;
  readonly target: string;
  readonly rows: number;
  readonly columns: number;
  readonly bytes: number;
  readonly credit: string;
}

export interface RecentFile {
  readonly path: string;
  readonly name: string;
  /** ISO 8601. */
  readonly openedAt: string;
}

export interface ColumnSummary {
  readonly name: string;
  readonly type: ColumnType;
  /** Why this type was inferred, in the user's words. */
  readonly reason: string;
  readonly missing: number;
  /** Distinct values for category-stored columns, null for numbers. */
  readonly levels: number | null;
}

export interface DatasetSummary {
  readonly datasetId: string;
  readonly name: string;
  /** Where it came from: a path on disk, a bundled sample or a file the browser uploaded. */
  readonly origin: 'path' | 'sample' | 'upload';
  /** Set only for `origin: 'path'`. */
  readonly path: string | null;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheet: string | null;
  readonly sheets: readonly string[];
  readonly bytes: number;
  readonly sha256: string;
  readonly rowCount: number;
  readonly columns: readonly ColumnSummary[];
  readonly warnings: readonly string[];
}

/** Rows `start … start + count - 1` column by column: `columns[c][i]` is row `start + i`; null is a missing cell. */
export interface DatasetRows {
  readonly start: number;
  readonly columns: ReadonlyArray<ReadonlyArray<number | string | null>>;
}
