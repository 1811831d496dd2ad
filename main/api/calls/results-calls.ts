/**
 * Calls and events of the Evaluate and Predict & export steps, over models in the ModelRegistry (finished runs
 * and model files opened from disk): evaluation, predictions (a form's row, a whole file), model, TF.js and Keras
 * exports, and project files.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/results-handlers.ts.
 *
 * Files go out and come in the same way for every call: a `destination` is a path on the desktop (after its save
 * dialog) or a download from the web host; a `source` is a path or a file the browser uploaded first.
 */
import type { ClassificationReport, RegressionReport } from '../../../engine/metrics/index.ts';
import type { NetworkDesign, TrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import type { InputColumn, Recipe } from '../../../engine/prep/types.ts';
import { call, filePath, id, none } from '../call-spec.ts';
import type { DatasetSummary, Task } from '../contract.ts';
import { v } from '../validate.ts';
import { networkDesign, recipe, trainingSettings } from './training-calls.ts';

/** Rows per `evaluationRows` request. */
export const MAX_EVALUATION_ROWS = 500;

const destination = v.variant('kind', {
  path: { path: filePath },
  /** Web host: the file is written to a private folder and fetched with GET /api/download?id=…. */
  download: {},
});
const source = v.variant('kind', {
  path: { path: filePath },
  upload: { uploadId: id },
});
const split = v.enum(['test', 'validation']);
const threshold = v.optional(v.number({ min: 0, max: 1 }));
const purpose = v.enum(['model', 'project', 'table', 'dataset', 'predictions', 'tfjs', 'keras', 'cleaned', 'onnx']);

/**
 * The window's working state, as a project keeps it: every field optional, so a session with no trained model
 * still saves its recipe and design; what is left out falls back to the selected model's.
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

export type FileDestination = ReturnType<typeof destination.parse>;
export type FileSource = ReturnType<typeof source.parse>;
export type FilePurpose = ReturnType<typeof purpose.parse>;
export type EvaluationSplit = ReturnType<typeof split.parse>;

export const resultsCalls = {
  /** Every trained model open in this session: runs of this session and model files, with headline metrics. */
  listModels: call(none).returns<ModelSummary[]>(),
  /** What the prediction form needs: the input columns with their training ranges and categories. */
  modelDetails: call(v.object({ modelId: id, datasetId: v.optional(id) })).returns<ModelDetails>(),
  /**
   * The model judged on its held-out rows at a decision threshold (binary). A model opened from a file is
   * judged again when `datasetId` is the file it was trained on; otherwise its stored report is shown.
   */
  evaluation: call(v.object({ modelId: id, split, threshold, datasetId: v.optional(id) })).returns<Evaluation>(),
  /** The original rows behind one cell of the confusion matrix. */
  evaluationRows: call(
    v.object({
      modelId: id,
      split,
      threshold,
      datasetId: v.optional(id),
      actual: v.number({ min: 0, max: 10_000, integer: true }),
      predicted: v.number({ min: 0, max: 10_000, integer: true }),
      start: v.number({ min: 0, integer: true }),
      count: v.number({ min: 1, max: MAX_EVALUATION_ROWS, integer: true }),
    }),
  ).returns<EvaluationRows>(),
  /** One row typed into the form → the prediction in the user's words, with warnings about unusual values. */
  predictOne: call(
    v.object({
      modelId: id,
      /** Empty text is a missing value. */
      values: v.array(v.object({ column: v.string({ min: 1, max: 1000 }), value: v.string({ max: 1000 }) }), { max: 5000 }),
      threshold,
    }),
  ).returns<SinglePrediction>(),
  /** Reads a whole file and predicts every row (progress: `predictProgress`; `cancel` stops it); kept in main. */
  predictFile: call(v.object({ operationId: id, modelId: id, source, threshold })).returns<FilePrediction>(),
  /** Writes a file's predictions as CSV: every column of the file, the prediction, probabilities, errors. */
  savePredictions: call(v.object({ predictionId: id, destination })).returns<SavedFiles>(),
  /** The model as a Layerlab model file (json), a TF.js Layers folder (tfjs), a Keras script (keras) or one ONNX graph, cleaning included (onnx). */
  exportModel: call(v.object({ modelId: id, format: v.enum(['json', 'tfjs', 'keras', 'onnx']), destination, threshold })).returns<SavedFiles>(),
  /** A model file from disk (checked, never executed) joins the open models. */
  openModelFile: call(v.object({ source })).returns<ModelSummary>(),
  /** The session as a .layerlab project: its dataset reference, recipe, design, settings and every model. */
  saveProject: call(v.object({ destination, ...workingState })).returns<SavedFiles>(),
  /** A .layerlab project: its models join the open ones; its data file is checked (found, moved, missing, changed). */
  openProject: call(v.object({ source })).returns<OpenedProjectSummary>(),
  /**
   * The data file of the project just opened (or restored), read the way the project read it (the user's column
   * types and missing markers): from where it was found, or from a file the user located. A located file with
   * other bytes is not taken unless `acceptChanged`; without `source`, `acceptChanged` takes the file last refused.
   */
  openProjectData: call(v.object({ operationId: id, source: v.optional(source), acceptChanged: v.optional(v.boolean()) })).returns<ProjectData>(),
  /** The window's working state changed (recipe, design, settings, step, a finished run...): autosaved a moment later. */
  updateSession: call(v.object(workingState)).returns<{ readonly kept: boolean }>(),
  /** States left by sessions that ended without closing cleanly (a crash, a kill), newest first. */
  listRecoveries: call(none).returns<RecoverySummary[]>(),
  /** A recovered state, opened like a project; its recovery file goes once this session holds it. */
  openRecovery: call(v.object({ recoveryId: id })).returns<OpenedProjectSummary>(),
  /** The user declined a recovered state: its file is deleted. */
  discardRecovery: call(v.object({ recoveryId: id })).returns<{ readonly discarded: boolean }>(),
  /** Desktop: the native open dialog for a model, project or table; null when the user closes it. */
  chooseFile: call(v.object({ purpose }), { desktopOnly: true }).returns<{ path: string } | null>(),
  /** Desktop: the native save dialog; null when the user closes it. */
  chooseSaveLocation: call(v.object({ purpose, suggestedName: v.string({ min: 1, max: 255 }) }), { desktopOnly: true }).returns<{ path: string } | null>(),
} as const;

export interface ModelSummary {
  readonly modelId: string;
  readonly label: string;
  readonly origin: 'run' | 'file';
  readonly task: Task;
  readonly target: string;
  /** The data it was trained on (file name) and that file's SHA-256. */
  readonly sourceName: string;
  readonly sourceSha256: string;
  /** "6 → 6 → 1": input features, hidden units, outputs. */
  readonly shape: string;
  readonly parameters: number;
  readonly epochs: number;
  readonly optimizer: string;
  /** Binary: the decision threshold saved with the model. */
  readonly threshold: number | null;
  /** Test-set headline numbers; null where not measured. */
  readonly test: HeadlineMetrics | null;
  /** True when the held-out predictions are in main (a run of this session). */
  readonly heldOutRows: boolean;
}

export interface HeadlineMetrics {
  readonly rows: number;
  readonly accuracy: number | null;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly auc: number | null;
  readonly r2: number | null;
  readonly mae: number | null;
  readonly rmse: number | null;
}

export interface ModelDetails {
  readonly summary: ModelSummary;
  readonly inputs: readonly InputColumn[];
  /** A typical row as text, to start the form from: medians and most frequent values of the training data when it is open. */
  readonly typical: Readonly<Record<string, string>>;
  readonly classLabels: readonly string[] | null;
  readonly positiveLabel: string | null;
}

export type Evaluation =
  | {
      readonly kind: 'classification';
      readonly modelId: string;
      readonly split: EvaluationSplit;
      /** 'session': this run's held-out rows; 'dataset': recomputed from the open dataset; 'stored': the file's report. */
      readonly basis: 'session' | 'dataset' | 'stored';
      readonly report: ClassificationReport;
      readonly notes: readonly string[];
    }
  | {
      readonly kind: 'regression';
      readonly modelId: string;
      readonly split: EvaluationSplit;
      readonly basis: 'session' | 'dataset' | 'stored';
      readonly report: RegressionReport;
      /** Actual and predicted values, every row or an even sample of at most MAX_SCATTER_POINTS. */
      readonly points: { readonly actual: readonly number[]; readonly predicted: readonly number[] } | null;
      readonly notes: readonly string[];
    }
  | { readonly kind: 'none'; readonly modelId: string; readonly split: EvaluationSplit; readonly notes: readonly string[] };

export interface EvaluationRows {
  /** Rows in the cell. */
  readonly total: number;
  readonly start: number;
  readonly columns: readonly string[];
  readonly rows: readonly {
    /** 1-based row of the data file (the header is not counted). */
    readonly row: number;
    readonly values: readonly (number | string | null)[];
    /** Binary: P(positive); multi-class: P(predicted class). */
    readonly probability: number;
  }[];
}

export interface SinglePrediction {
  /** The predicted label, or the value in the target's units; null when the row could not be predicted. */
  readonly prediction: string | null;
  readonly value: number | null;
  /** Classification: every class with its probability, most likely first. */
  readonly probabilities: readonly { readonly label: string; readonly probability: number }[];
  /** Why the row could not be predicted (a required value is empty, ...). */
  readonly error: string | null;
  /** Values outside the training range, categories never seen in training. */
  readonly warnings: readonly { readonly column: string; readonly message: string }[];
}

export interface FilePrediction {
  readonly predictionId: string;
  readonly name: string;
  readonly rows: number;
  readonly predicted: number;
  readonly rejected: number;
  /** The first few reasons a row could not be predicted, with its 1-based row. */
  readonly rejections: readonly { readonly row: number; readonly column: string; readonly reason: string }[];
  /** The first rows of the result, as the CSV will hold them. */
  readonly preview: { readonly columns: readonly string[]; readonly rows: readonly (readonly (number | string | null)[])[] };
  /** Classification: predicted rows per class. */
  readonly counts: readonly { readonly label: string; readonly rows: number }[];
}

export interface SavedFile {
  readonly name: string;
  /** Where it was written on the desktop; null for a download. */
  readonly path: string | null;
  /** Web host: fetch GET /api/download?id=<downloadId>. */
  readonly downloadId: string | null;
  readonly bytes: number;
}

export interface SavedFiles {
  readonly files: readonly SavedFile[];
}

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
    | { readonly status: 'missing' | 'changed'; readonly path: string | null; readonly name: string; readonly message: string }
    | { readonly status: 'none' };
}

export type ProjectData =
  | {
      readonly status: 'opened';
      readonly summary: DatasetSummary;
      /** Missing markers per column, to apply with `setMissingMarkers` (the Data step's cards show them). */
      readonly markers: Readonly<Record<string, readonly string[]>>;
    }
  /** The located file is not the one the project used; nothing was opened. */
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
}

/** Events of this area. */
export type ResultsEvent = {
  readonly type: 'predictProgress';
  readonly operationId: string;
  readonly phase: 'read' | 'predict';
  readonly done: number;
  readonly total: number;
};

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins). */
export const resultsProgressEventTypes: readonly ResultsEvent['type'][] = ['predictProgress'];
