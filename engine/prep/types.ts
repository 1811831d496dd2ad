/**
 * The cleaning recipe's contracts. A recipe is the user's choices (plain JSON); a fitted recipe adds what each
 * step learned from the training rows (plain JSON too), so the same matrix can be rebuilt from the same file
 * and any new row can be prepared exactly as the training rows were.
 */
import type { LossKind } from '../nn/losses.ts';
import type { ColumnType, Table } from '../table/table.ts';
import type { StepKind, StepParamsByKind } from './steps/params.ts';

/** What a recipe's target asks the network to do; the one list recipes, model files and the contract share. */
export const TASKS = ['binary', 'multiclass', 'regression'] as const;
export type Task = (typeof TASKS)[number];

export interface TargetChoice {
  readonly column: string;
  /** Overrides the detected task. */
  readonly task?: Task;
  /** Binary only: the class predicted as "1". */
  readonly positiveLabel?: string;
  /** Regression only: standardize the target for training (default true); predictions are converted back. */
  readonly scale?: boolean;
}

export interface SplitSpec {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  /** Keep class proportions in every split (classification only; ignored for regression). */
  readonly stratify: boolean;
  readonly seed: number;
}

export type RecipeStep = {
  [K in StepKind]: {
    readonly id: string;
    readonly kind: K;
    readonly params: StepParamsByKind[K];
    /** One line for the UI: why the suggestion proposes this step. */
    readonly why?: string;
  };
}[StepKind];

export interface Recipe {
  readonly version: 1;
  readonly target: TargetChoice;
  readonly split: SplitSpec;
  readonly steps: readonly RecipeStep[];
}

/**
 * `prepare`: building the training, validation and test matrices; rows a step removes are removed.
 * `predict`: new rows; nothing is removed silently, a row a step would remove comes back rejected with a reason.
 */
export type TransformMode = 'prepare' | 'predict';

/** A row that cannot be prepared for prediction. `row` counts from 0 in the table handed in. */
export interface Rejection {
  readonly row: number;
  readonly column: string;
  readonly reason: string;
}

/** What one step's transform produced. Rows are positions in the table it was given. */
export interface StepOutput {
  readonly table: Table;
  /** The rows kept, ascending; absent when every row is kept. */
  readonly keptRows?: Int32Array;
  /** Predict mode: one entry per row not kept. */
  readonly rejected?: readonly Rejection[];
  /**
   * Predict mode: rows kept, but with a value the step handled by a rule the user should hear of (a category
   * never seen in training, encoded as all zeros): the prediction is made, and the row says why to doubt it.
   */
  readonly notes?: readonly Rejection[];
  /** Cells the step rewrote (imputed, clipped, marked missing); 0 for steps that reshape columns. */
  readonly cellsChanged: number;
  /** What the step did when no count says it: "standardized 6 columns". */
  readonly note?: string;
}

/** One step kind: its own file implements this, `steps/registry.ts` lists them. */
export interface StepDefinition<P, S> {
  readonly kind: StepKind;
  /** Runs on the whole table before the split (it learns nothing and only removes rows). */
  readonly beforeSplit: boolean;
  /** `cellsChanged` in a report's words: "imputed 31 cells" (default "changed 31 cells"). */
  describeCells?(count: number): string;
  /** Whether fit computes anything from the training rows (the report then says how many). */
  learns(params: P): boolean;
  /** The columns the step reads, as named when it runs. */
  inputs(params: P): readonly string[];
  fit(table: Table, trainRows: Int32Array, params: P): S;
  transform(table: Table, state: S, mode: TransformMode): StepOutput;
  describe(params: P): string;
  parseParams(json: unknown, at: string): P;
  parseState(json: unknown, at: string): S;
}

export interface FittedStep {
  readonly id: string;
  readonly kind: StepKind;
  readonly state: unknown;
}

export interface FittedTarget {
  readonly column: string;
  readonly task: Task;
  /** Classification: labels in class-index order; binary `classLabels[1]` is the positive class. */
  readonly classLabels?: readonly string[];
  readonly positiveLabel?: string;
  /** Width of `y` rows: always 1 (0/1, a class index, or a value). */
  readonly targetWidth: 1;
  /** Width of the network's output: 1 for binary and regression, K for multi-class. */
  readonly outputWidth: number;
  readonly loss: LossKind;
  /** Regression with scaling: y = (value − mean) / std, learned on the training rows. */
  readonly scale?: { readonly mean: number; readonly std: number };
}

/** A raw column the fitted recipe needs at prediction time. */
export interface InputColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly storage: 'number' | 'category';
  /** Text columns: the labels seen in the training rows, sorted. */
  readonly categories?: readonly string[];
  /** Number columns: the training rows' range. */
  readonly min?: number;
  readonly max?: number;
  /** Whether an empty cell can be handled (a fill step covers the column). */
  readonly missingAllowed: boolean;
}

export interface FittedRecipe {
  readonly format: 'layerlab-fitted-recipe';
  readonly version: 1;
  readonly recipe: Recipe;
  readonly steps: readonly FittedStep[];
  /** Output column names, in matrix order: `Geography=France`, `Age`, `Age (was missing)`. */
  readonly features: readonly string[];
  readonly target: FittedTarget;
  readonly inputSchema: readonly InputColumn[];
}

export interface DataSplit {
  /** rows × features, row-major. */
  readonly x: Float32Array;
  /** rows × targetWidth. */
  readonly y: Float32Array;
  readonly rows: number;
  /** The source row (in the table given to `prepare`) of each output row. */
  readonly rowIndex: Int32Array;
}

export interface RowsBySplit {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export interface StepReport {
  /** A step id, or `target` / `split` for the two stages that are not steps. */
  readonly stepId: string;
  readonly kind: StepKind | 'target' | 'split';
  /** "removed 14 rows, imputed 31 cells, learned from 8,000 training rows". */
  readonly summary: string;
  readonly rowsRemoved: number;
  /** Rows removed per split; all zero for steps that run before the split. */
  readonly rowsRemovedBySplit: RowsBySplit;
  readonly cellsChanged: number;
  /** Training rows the step learned from; 0 when it learns nothing. */
  readonly learnedFromRows: number;
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  /** What the user should know before training on this (a suspicious target, a split with no test rows). */
  readonly warnings?: readonly string[];
}

export interface Prepared {
  readonly fitted: FittedRecipe;
  readonly train: DataSplit;
  readonly validation: DataSplit;
  readonly test: DataSplit;
  readonly reports: readonly StepReport[];
}

/** `preparePreview`: `prepare` without the matrices, and the first prepared rows in file order. */
export interface PreparedPreview {
  readonly fitted: FittedRecipe;
  readonly reports: readonly StepReport[];
  readonly rows: RowsBySplit;
  /** `rowIndex` is in file order; `split[i]` is 0 (training), 1 (validation) or 2 (test). */
  readonly first: DataSplit & { readonly split: Uint8Array };
}
