/**
 * The user's choices for every step kind, as plain JSON. The cleaning screen builds its forms from these and
 * `recipe-json.ts` validates them when a recipe is loaded. What each step learns lives in its own file.
 */

/** Remove columns from the features (IDs, free text, leaks). The target cannot be dropped. */
export interface DropColumnsParams {
  readonly columns: readonly string[];
}

/**
 * Remove rows that repeat an earlier row exactly. Runs on the whole table before the split, so a copy can
 * never sit in training and test at once. `columns` narrows the comparison; by default the whole row counts.
 */
export interface DropDuplicatesParams {
  readonly columns?: readonly string[];
}

/** A row rule: a closed range, a set of values, or an empty cell. Missing cells never match range/equals. */
export type RowRule = 'range' | 'equals' | 'is-missing';

/** Keep or remove the rows matching a rule. Runs on the whole table before the split (it learns nothing). */
export interface FilterRowsParams {
  readonly column: string;
  readonly rule: RowRule;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly (string | number)[];
  readonly action: 'keep' | 'remove';
}

export type ImputeStrategy = 'drop-rows' | 'mean' | 'median' | 'most-frequent' | 'constant';

export interface ImputeParams {
  readonly columns: readonly string[];
  readonly strategy: ImputeStrategy;
  /** The fill for `constant`: a number for number columns, a label (possibly new) for text columns. */
  readonly value?: number | string;
  /** Add `<column> (was missing)` as a 0/1 feature, for columns with empty cells in the training rows. */
  readonly addIndicator?: boolean;
}

export type OutlierMethod = 'iqr' | 'zscore' | 'percentile';

export interface OutlierParams {
  readonly columns: readonly string[];
  readonly method: OutlierMethod;
  /** IQR fence multiplier (Tukey): bounds Q1 − k·IQR and Q3 + k·IQR. Default 1.5. */
  readonly k?: number;
  /** z-score limit: bounds mean ± threshold·std (population std). Default 3. */
  readonly threshold?: number;
  /** Percentile bounds, 0–100. Defaults 1 and 99. */
  readonly lowerPercentile?: number;
  readonly upperPercentile?: number;
  readonly action: 'remove' | 'clip';
}

/** `range`: within [min, max] and finite; `set`: one of `values`; `finite`: not ±Infinity. */
export type ValidityRule = 'range' | 'set' | 'finite';

export interface InvalidValuesParams {
  readonly column: string;
  readonly rule: ValidityRule;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly (string | number)[];
  readonly action: 'missing' | 'drop-row';
}

export type EncodeMethod = 'one-hot' | 'ordinal' | 'binary';

export interface EncodeParams {
  readonly column: string;
  readonly method: EncodeMethod;
  /** One-hot: the most output columns, the "(other)" bucket included (scikit-learn's `max_categories`). */
  readonly maxLevels?: number;
  /** Ordinal: every level, lowest first. */
  readonly order?: readonly string[];
  /** Binary: the level encoded as 1. Default: the natural "yes" of a yes/no-like pair, else the later label. */
  readonly positive?: string;
  /**
   * A level never seen in the training rows. `zeros`: one-hot gives an all-zero row; `error`: preparation
   * fails and prediction rejects the row. Binary and ordinal have no neutral code, so they always do `error`.
   */
  readonly unseen?: 'zeros' | 'error';
}

export type ScaleMethod = 'standard' | 'min-max' | 'robust';

export interface ScaleParams {
  readonly columns: readonly string[];
  readonly method: ScaleMethod;
}

export interface LogTransformParams {
  readonly columns: readonly string[];
}

export type DatePart = 'year' | 'month' | 'day' | 'day-of-week';

/** Replace each number column by its pieces (see piecewise-linear.ts); `pieces` is the most per column. */
export interface PiecewiseLinearParams {
  readonly columns: readonly string[];
  readonly pieces?: number;
}

export interface DatePartsParams {
  readonly column: string;
  readonly parts?: readonly DatePart[];
}

export interface StepParamsByKind {
  'drop-columns': DropColumnsParams;
  'drop-duplicates': DropDuplicatesParams;
  'filter-rows': FilterRowsParams;
  impute: ImputeParams;
  outliers: OutlierParams;
  'invalid-values': InvalidValuesParams;
  encode: EncodeParams;
  scale: ScaleParams;
  'log-transform': LogTransformParams;
  'date-parts': DatePartsParams;
  'piecewise-linear': PiecewiseLinearParams;
}

export type StepKind = keyof StepParamsByKind;

export const STEP_KINDS: readonly StepKind[] = [
  'drop-columns',
  'drop-duplicates',
  'filter-rows',
  'impute',
  'outliers',
  'invalid-values',
  'encode',
  'scale',
  'log-transform',
  'date-parts',
  'piecewise-linear',
];
