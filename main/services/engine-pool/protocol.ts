/**
 * The one message protocol between main's EnginePool and its engine workers, and the calls a worker answers.
 *
 * Data reaches a worker once and is then named by id: a table (`dataset`, its columns in SharedArrayBuffers,
 * shared-memory.ts) or a model (`model`, its file and held-out predictions) is sent to a worker before the first
 * call that needs it there, again only when it changed. A call carries its own cancel word (shared memory, so
 * a worker deep in synchronous work still sees it) and streams progress until its result or error.
 *
 * A new kind of engine work is one entry in `EngineCalls`, its handler in the worker (worker/*-calls.ts) and its
 * route (EngineSession.route in engine-session.ts): which datasets and models it reads, and whose cache it uses.
 */
import type { ImportanceOptions, ImportanceResult } from '../../../engine/insight/importance.ts';
import type { NetworkPicture } from '../../../engine/insight/network-picture.ts';
import type { WhatIfResult } from '../../../engine/insight/what-if.ts';
import type { ModelFile, ModelFileInput } from '../../../engine/model/model-file.ts';
import type { SplitEvaluation } from '../../../engine/pipeline/train-job.ts';
import type { SuggestTargetOptions, TargetSuggestion } from '../../../engine/prep/target-choice.ts';
import type { InputColumn, Prepared, PreparedPreview, Recipe, Task } from '../../../engine/prep/types.ts';
import type { ColumnProfile } from '../../../engine/table/profile.ts';
import type { Column, ColumnType, Table } from '../../../engine/table/table.ts';
import type { DatasetProfile, RecipePreview, SuggestedRecipe } from '../../api/calls/recipe-calls.ts';
import type { Evaluation, EvaluationRows, EvaluationSplit, FilePrediction } from '../../api/calls/results-calls.ts';
import type { LoadedTable, LoadOptions, LoadProgress } from '../../io/load-table.ts';
import type { DatasetRows, ReportWork, WhatIfWork } from '../insight-work.ts';

/** Progress of a recipe run: the stage about to run (engine/prep/prepare.ts PrepareWatch). */
export interface PrepareProgress {
  readonly stepId: string | null;
  readonly done: number;
  readonly total: number;
}

export interface PredictProgress {
  readonly phase: 'read' | 'predict';
  readonly done: number;
  readonly total: number;
}

/** Where a model's held-out predictions come from, as main knows it (main holds the datasets' summaries). */
export type HeldOutSource =
  /** A run of this session: the predictions it kept. */
  | { readonly kind: 'session' }
  /** A model file whose training data is open: its recipe's seeded split run again on it. */
  | { readonly kind: 'dataset'; readonly datasetId: string; readonly name: string }
  /** None: the report saved in the file is all there is. */
  | { readonly kind: 'none'; readonly notes: readonly string[] };

/** Which evaluated rows: a model, a split, where its held-out rows come from and the table they index. */
export interface HeldOutQuery {
  readonly modelId: string;
  readonly split: EvaluationSplit;
  readonly source: HeldOutSource;
  /** The open dataset the rows index (the run's own, or the one with the same bytes); null when none is open. */
  readonly tableId: string | null;
}

/** A loaded file, its columns in shared memory, with each column's missing cells counted (the Data step's cards). */
export interface SharedLoadedTable extends LoadedTable {
  readonly missing: readonly number[];
}

/** A column the user changed: its type, or the values that mean "missing" (counted from `original`). */
export type ColumnChange = { readonly type: ColumnType } | { readonly markers: readonly string[] };

export interface ChangedColumn {
  /** Null when the change gives the column back unchanged (no markers on a column that had none). */
  readonly column: Column | null;
  readonly profile: ColumnProfile;
  readonly skewness: number | null;
  readonly missing: number;
}

type Call<Args, Result, Progress = never> = { readonly args: Args; readonly result: Result; readonly progress: Progress };

export interface EngineCalls {
  /** Runs every kind of engine work once on a small synthetic table, so the first real file finds the code compiled. */
  warmUp: Call<{ readonly part: number }, { readonly parts: number }>;
  loadTable: Call<{ readonly path: string; readonly options: Omit<LoadOptions, 'onProgress' | 'signal'> }, SharedLoadedTable, LoadProgress>;
  /** `quotedColumns`: the columns the file quoted (the loader's), whose whole-number codes are suggested as categories. */
  profile: Call<{ readonly datasetId: string; readonly quotedColumns: readonly string[] }, Omit<DatasetProfile, 'datasetId'>>;
  suggestTarget: Call<{ readonly datasetId: string; readonly options: SuggestTargetOptions }, TargetSuggestion>;
  suggest: Call<{ readonly datasetId: string; readonly target?: string; readonly task?: Task; readonly positiveLabel?: string; readonly preferredTarget?: string }, SuggestedRecipe>;
  changeColumn: Call<{ readonly column: Column; readonly change: ColumnChange }, ChangedColumn>;
  /** The Clean step's answer, a failing step included (ok: false). */
  recipePreview: Call<{ readonly datasetId: string; readonly recipe: Recipe; readonly rows: number }, RecipePreview, PrepareProgress>;
  preparedPreview: Call<{ readonly datasetId: string; readonly recipe: Recipe; readonly rows: number }, PreparedPreview, PrepareProgress>;
  /** The matrices, in shared memory: a run's worker reads them as they are. */
  prepare: Call<{ readonly datasetId: string; readonly recipe: Recipe }, Prepared, PrepareProgress>;
  saveCleanedCsv: Call<{ readonly datasetId: string; readonly recipe: Recipe; readonly path: string }, { readonly rows: number }, PrepareProgress>;
  evaluation: Call<HeldOutQuery & { readonly threshold: number | null }, Evaluation>;
  evaluationRows: Call<HeldOutQuery & { readonly threshold: number | null; readonly actual: number; readonly predicted: number; readonly start: number; readonly count: number }, EvaluationRows>;
  typicalValues: Call<{ readonly datasetId: string; readonly inputs: readonly InputColumn[] }, Record<string, string>>;
  predictFile: Call<{ readonly path: string; readonly name: string; readonly modelId: string; readonly threshold: number | null; readonly predictionId: string }, FilePrediction, PredictProgress>;
  savePredictions: Call<{ readonly predictionId: string; readonly path: string }, null>;
  buildModelFile: Call<ModelFileInput, ModelFile>;
  /** The insight work (main/services/insight-work.ts): a model and an open dataset's rows by id. */
  importance: Call<{ readonly modelId: string; readonly judged: DatasetRows; readonly options: ImportanceOptions }, ImportanceResult>;
  whatIf: Call<{ readonly modelId: string; readonly work: WhatIfWork }, WhatIfResult>;
  picture: Call<{ readonly modelId: string; readonly activity: DatasetRows | null }, NetworkPicture>;
  saveReport: Call<{ readonly modelId: string; readonly path: string; readonly work: ReportWork }, { readonly bytes: number; readonly notes: readonly string[] }>;
}

export type EngineCallName = keyof EngineCalls;
export type ArgsOf<K extends EngineCallName> = EngineCalls[K]['args'];
export type ResultOf<K extends EngineCallName> = EngineCalls[K]['result'];
export type ProgressOf<K extends EngineCallName> = EngineCalls[K]['progress'];

/** A model as a worker needs it: its file, and a run's held-out predictions (shared memory). */
export interface ModelData {
  readonly file: ModelFile;
  readonly heldOut: { readonly test: SplitEvaluation | null; readonly validation: SplitEvaluation | null } | null;
}

/** main → worker. `session` keeps apart the services of several apps in one process (tests run many). */
export type ToEngineWorker =
  | { readonly type: 'call'; readonly callId: number; readonly session: string; readonly name: EngineCallName; readonly args: unknown; readonly cancel: Int32Array }
  /** A dataset's table, new or changed (a column's type): replaces what the session held under that id. */
  | { readonly type: 'dataset'; readonly session: string; readonly datasetId: string; readonly table: Table }
  | { readonly type: 'model'; readonly session: string; readonly modelId: string; readonly model: ModelData }
  /** Lets go of a dataset, a model or a predicted file (and whatever was computed from it). */
  | { readonly type: 'forget'; readonly session: string; readonly kind: 'dataset' | 'model' | 'predictions'; readonly id: string }
  | { readonly type: 'closeSession'; readonly session: string }
  /** Also flagged in the call's cancel word; the message wakes a worker waiting on a file. */
  | { readonly type: 'cancel'; readonly callId: number };

/** worker → main. */
export type FromEngineWorker =
  | { readonly type: 'progress'; readonly callId: number; readonly progress: unknown }
  | { readonly type: 'result'; readonly callId: number; readonly value: unknown }
  | { readonly type: 'error'; readonly callId: number; readonly error: WorkerError };

/** An error as it crosses: a user-facing one keeps its code and step, anything else is a bug's message. */
export interface WorkerError {
  readonly code: string | null;
  readonly message: string;
  readonly stepId: string | null;
}

/** The cancel word's values. */
export const RUNNING = 0;
export const CANCELLED = 1;
