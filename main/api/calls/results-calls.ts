/**
 * Calls and events of the Evaluate and Predict & export steps, over models in the ModelRegistry (finished runs
 * and model files opened from disk): evaluation, predictions (a form's row, a whole file), model, TF.js and Keras
 * exports. Files come in and go out as main/api/calls/file-calls.ts says.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/evaluation-handlers.ts and
 * export-handlers.ts.
 */
import type { ClassificationReport, RegressionReport } from '../../../engine/metrics/index.ts';
import type { InputColumn, SplitSpec } from '../../../engine/prep/types.ts';
import { call, id, none } from '../call-spec.ts';
import type { Task } from '../contract.ts';
import { v } from '../validate.ts';
import { destination, source, type SavedFiles } from './file-calls.ts';

/** Rows per `evaluationRows` request. */
export const MAX_EVALUATION_ROWS = 500;

const split = v.enum(['test', 'validation']);
const threshold = v.optional(v.number({ min: 0, max: 1 }));

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
  /** The model as a Layerlab model file (json), a TF.js Layers folder (tfjs), a Keras script (keras), one ONNX graph, cleaning included (onnx), or a PyTorch DDP training script (pytorch). */
  exportModel: call(v.object({ modelId: id, format: v.enum(['json', 'tfjs', 'keras', 'onnx', 'pytorch']), destination, threshold })).returns<SavedFiles>(),
  /** A model file from disk (checked, never executed) joins the open models. */
  openModelFile: call(v.object({ source })).returns<ModelSummary>(),
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
  /** The split it was trained with (the recipe's), and the rows each part had. */
  readonly split: SplitSpec;
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
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
  /** Rows predicted despite a value the model handled by rule (a category never seen in training). */
  readonly warned: number;
  /** The first few of them, with the 1-based row and why to doubt the prediction. */
  readonly warnings: readonly { readonly row: number; readonly column: string; readonly reason: string }[];
  /** The first rows of the result, as the CSV will hold them. */
  readonly preview: { readonly columns: readonly string[]; readonly rows: readonly (readonly (number | string | null)[])[] };
  /** Classification: predicted rows per class. */
  readonly counts: readonly { readonly label: string; readonly rows: number }[];
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
