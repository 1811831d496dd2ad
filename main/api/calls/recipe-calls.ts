/**
 * Calls and events of the Data step's column cards and the Clean step: profiling the columns, changing a
 * column's type, suggesting, previewing and exporting the cleaning recipe of a dataset.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/recipe-handlers.ts.
 */
import { isUserFacingError } from '../../../engine/errors.ts';
import { recipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import type { TargetSuggestion } from '../../../engine/prep/target-choice.ts';
import { TASKS, type Recipe, type StepReport, type Task } from '../../../engine/prep/types.ts';
import type { ColumnProfile } from '../../../engine/table/profile.ts';
import type { TypeSuggestion } from '../../../engine/table/code-columns.ts';
import { COLUMN_TYPES } from '../../../engine/table/table.ts';
import { call, id } from '../call-spec.ts';
import type { DatasetSummary } from '../contract.ts';
import { destination, type SavedFiles } from './file-calls.ts';
import { v, ValidationError, type Validator } from '../validate.ts';

/** More steps than anyone writes by hand; keeps a hostile payload from making main parse forever. */
export const MAX_RECIPE_STEPS = 500;
/** Missing markers per column. */
export const MAX_MARKERS = 20;
/** Columns one bulk type change may name (wider than any table a person edits by hand). */
export const MAX_BULK_COLUMNS = 5000;
/** Cleaned rows a preview shows. */
export const MAX_PREVIEW_ROWS = 200;

const columnName = v.string({ min: 1, max: 1000 });

/** A recipe as the engine reads it from a file: every field checked, the message naming the field. */
const recipe: Validator<Recipe> = {
  describe: 'a cleaning recipe',
  parse(value, path = '') {
    const steps = (value as { steps?: unknown } | null)?.steps;
    if (Array.isArray(steps) && steps.length > MAX_RECIPE_STEPS) throw new ValidationError(`${path ? `${path}.` : ''}steps`, `at most ${MAX_RECIPE_STEPS} steps`);
    try {
      return recipeFromJSON(value);
    } catch (error) {
      if (isUserFacingError(error)) throw new ValidationError(path, `a cleaning recipe (${error.message})`);
      throw error;
    }
  },
};

/** The name the cleaned dataset of `datasetName` is offered under: `titanic.csv` → `titanic-cleaned.csv`. */
export function cleanedFileName(datasetName: string): string {
  return `${datasetName.replace(/\.[^.]+$/, '')}-cleaned.csv`;
}

export const recipeCalls = {
  /** Statistics, histograms and most frequent values of every column (Data step's column cards). */
  profileDataset: call(v.object({ datasetId: id })).returns<DatasetProfile>(),
  /** The user's type for a column; the dataset in main changes, every later call sees the new column. */
  setColumnType: call(v.object({ datasetId: id, column: columnName, type: v.enum(COLUMN_TYPES) })).returns<ColumnTypeChanged>(),
  /** The user's types for several columns at once: all are changed, or none (the first refusal says why). */
  setColumnTypes: call(
    v.object({ datasetId: id, changes: v.array(v.object({ column: columnName, type: v.enum(COLUMN_TYPES) }), { max: MAX_BULK_COLUMNS }) }),
  ).returns<ColumnTypesChanged>(),
  /**
   * Values that mean "missing" in one column (`0`, `-999`, `unknown`), read as empty cells from now on; an
   * empty list gives the column back as it was loaded.
   */
  setMissingMarkers: call(
    v.object({ datasetId: id, column: columnName, markers: v.array(v.string({ min: 1, max: 100 }), { max: MAX_MARKERS }) }),
  ).returns<ColumnTypeChanged>(),
  /** Which column to predict: the most likely one with its reason, the alternatives, and the columns that should not be. */
  suggestTarget: call(v.object({ datasetId: id })).returns<TargetSuggestion>(),
  /**
   * A first recipe for predicting `target` (task detected unless given); without `target`, for the column the
   * engine chooses (a sample's documented target, else the best-ranked column it accepts: engine/prep/target-choice.ts).
   */
  suggestRecipe: call(
    v.object({ datasetId: id, target: v.optional(columnName), task: v.optional(v.enum(TASKS)), positiveLabel: v.optional(v.string({ max: 1000 })) }),
  ).returns<SuggestedRecipe>(),
  /**
   * Runs the recipe on the dataset: what each step did, rows and features after, the first cleaned rows. A newer
   * preview of the same dataset cancels this one (it then fails with `superseded`); with an `operationId`, each
   * step is reported as it starts (`previewProgress`) and `cancel` stops it.
   */
  previewRecipe: call(
    v.object({ datasetId: id, recipe, rows: v.optional(v.number({ min: 0, max: MAX_PREVIEW_ROWS, integer: true })), operationId: v.optional(id) }),
  ).returns<RecipePreview>(),
  /**
   * The cleaned dataset as CSV, written to a path the desktop's save dialog gave (`chooseSaveLocation`) or, in
   * the web host, to a download (GET /api/download?id=…), like every other export.
   */
  saveCleanedCsv: call(v.object({ datasetId: id, recipe, destination })).returns<SavedCleanedCsv>(),
} as const;

export type { TargetCandidate, TargetSuggestion } from '../../../engine/prep/target-choice.ts';
export type { TypeSuggestion } from '../../../engine/table/code-columns.ts';

export interface DatasetProfile {
  readonly datasetId: string;
  readonly rows: number;
  /** Rows identical to an earlier row in every column. */
  readonly duplicateRows: number;
  readonly columns: readonly ColumnProfile[];
  /** Number columns but dates, by name: the skewness of their values (0 symmetric, > 1 a long right tail). */
  readonly skewness: Readonly<Record<string, number>>;
  /** Types the Data step suggests, with why (quoted whole-number codes as categories). */
  readonly typeSuggestions: readonly TypeSuggestion[];
}

export interface ColumnTypesChanged {
  readonly summary: DatasetSummary;
  /** Each changed column as it is now, in the order asked. */
  readonly columns: readonly Omit<ColumnTypeChanged, 'summary'>[];
}

export interface ColumnTypeChanged {
  readonly summary: DatasetSummary;
  readonly profile: ColumnProfile;
  /** The column's skewness now, when it is a number column but not dates. */
  readonly skewness: number | null;
}

export interface SuggestedRecipe {
  readonly recipe: Recipe;
  /** What the target's values suggest, whatever task was asked for. */
  readonly detectedTask: Task;
  /** The target's classes (classification), as the engine orders them; empty for regression. */
  readonly classLabels: readonly string[];
}

/** One entry per report, in the order the recipe runs: whole-table steps, target, split, the rest. */
export interface PreviewStage {
  readonly report: StepReport;
  readonly rowsAfter: number;
  readonly columnsAfter: number;
}

export interface PreviewRows {
  /** Data row numbers of the source file, from 1. */
  readonly dataRows: readonly number[];
  readonly split: readonly ('train' | 'validation' | 'test')[];
  /** rows × features. */
  readonly x: readonly (readonly number[])[];
  /** The target as the network learns it: 0/1, a class index or the (scaled) value. */
  readonly y: readonly number[];
}

export type RecipePreview =
  | {
      readonly ok: true;
      readonly rowsBefore: number;
      readonly columnsBefore: number;
      readonly stages: readonly PreviewStage[];
      readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
      readonly features: readonly string[];
      readonly task: Task;
      readonly classLabels: readonly string[];
      /** What each step learned from the training rows, by step id (bounds of an outlier step, …). */
      readonly states: Readonly<Record<string, unknown>>;
      readonly preview: PreviewRows;
    }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      /** The step the message is about, when it is about one. */
      readonly stepId: string | null;
    };

export interface SavedCleanedCsv extends SavedFiles {
  /** Rows written (the recipe may remove some). */
  readonly rows: number;
}

/**
 * Events of this area: a recipe preview's progress, as each stage starts (the whole-table steps, target and split
 * are the stage `split`; then each other step by id), `done` of `total` stages finished.
 */
export type RecipeEvent = {
  readonly type: 'previewProgress';
  readonly operationId: string;
  readonly datasetId: string;
  readonly stepId: string | null;
  readonly done: number;
  readonly total: number;
};

/** This area's events that may arrive many times a second (throttled by the event hub, latest wins). */
export const recipeProgressEventTypes: readonly RecipeEvent['type'][] = ['previewProgress'];
