/**
 * What a search prepares once, before any trial: the recipe fitted on the non-test rows in each input
 * encoding the search tries (`standard`: the recipe as given; `pieces`: its scaled number columns encoded
 * piecewise-linearly instead), the folds, and the test rows, which only the final evaluation reads.
 */
import { UserFacingError } from '../errors.ts';
import { prepare } from '../prep/prepare.ts';
import { DEFAULT_PIECES } from '../prep/steps/piecewise-linear.ts';
import type { DataSplit, FittedRecipe, Prepared, Recipe, RecipeStep } from '../prep/types.ts';
import type { Table } from '../table/table.ts';
import { checkFoldsPossible, holdout, kFolds, type Fold } from './folds.ts';
import type { SearchData } from './trial.ts';
import type { InputEncoding } from './trial-config.ts';

/** Up to this many non-test rows, trials are cross-validated (5 folds unless chosen); above, one hold-out. */
export const CROSS_VALIDATION_MAX_ROWS = 3000;
export const DEFAULT_FOLDS = 5;
/** The hold-out share of the non-test rows when a trial validates on one split. */
export const HOLDOUT_FRACTION = 0.2;

/** The recipe with its standardized number columns in pieces instead; null when it scales none. */
export function piecesRecipe(recipe: Recipe): Recipe | null {
  let changed = false;
  const steps = recipe.steps.map((step): RecipeStep => {
    if (step.kind !== 'scale' || step.params.method !== 'standard' || step.params.columns.length === 0) return step;
    changed = true;
    return { id: step.id, kind: 'piecewise-linear', params: { columns: step.params.columns, pieces: DEFAULT_PIECES }, why: 'the network search encodes numbers piece by piece in this variant' };
  });
  return changed ? { ...recipe, steps } : null;
}

/** The recipe with every non-test row for training: the search makes its own validation rows. */
export function searchRecipe(recipe: Recipe): Recipe {
  const { test, stratify, seed } = recipe.split;
  return { ...recipe, split: { train: 1 - test, validation: 0, test, stratify, seed } };
}

export interface PreparedSearch {
  readonly encodings: Readonly<Partial<Record<InputEncoding, SearchData>>>;
  /** The test rows in each encoding: read once, by the final evaluation. */
  readonly test: Readonly<Partial<Record<InputEncoding, DataSplit>>>;
  readonly folds: readonly Fold[];
  readonly reports: Prepared['reports'];
}

export interface FoldChoice {
  /** K ≥ 2 folds, 1 for a hold-out, or 'auto' (cross-validation for small tables). */
  readonly folds: number | 'auto';
  readonly seed: number;
}

export function foldCount(choice: FoldChoice['folds'], rows: number): number {
  return choice === 'auto' ? (rows <= CROSS_VALIDATION_MAX_ROWS ? DEFAULT_FOLDS : 1) : choice;
}

function classRows(fitted: FittedRecipe, train: DataSplit): Map<string, number> | undefined {
  const labels = fitted.target.classLabels;
  if (fitted.target.task === 'regression' || !labels) return undefined;
  const counts = new Map(labels.map((l) => [l, 0]));
  for (let i = 0; i < train.rows; i++) counts.set(labels[train.y[i]!]!, counts.get(labels[train.y[i]!]!)! + 1);
  return counts;
}

export function prepareSearch(table: Table, recipe: Recipe, choice: FoldChoice): PreparedSearch {
  const standard = prepare(table, searchRecipe(recipe));
  const { fitted, train } = standard;
  if (train.rows < 2) throw new UserFacingError('too-few-rows', `The search needs at least 2 rows outside the test rows to train and validate on; this table leaves ${train.rows}.`);
  const k = foldCount(choice.folds, train.rows);
  const counts = classRows(fitted, train);
  const classes = counts ? Int32Array.from(train.y) : undefined;
  let folds: Fold[];
  if (k >= 2) {
    // Folds the user chose must be possible for every class. The search's own deal a class rarer than the folds
    // round as many folds as it has rows (as scikit-learn's StratifiedKFold does): refusing would fail a whole
    // search on a table with one rare class (a zoo's 4 amphibians), where the folds' scores are still fair.
    checkFoldsPossible(k, train.rows, choice.folds === 'auto' ? undefined : counts);
    folds = kFolds(train.rows, k, choice.seed, classes);
  } else {
    folds = [holdout(train.rows, HOLDOUT_FRACTION, choice.seed, classes)];
  }
  const encodings: Partial<Record<InputEncoding, SearchData>> = { standard: { fitted, rows: train } };
  const test: Partial<Record<InputEncoding, DataSplit>> = { standard: standard.test };
  const pieces = piecesRecipe(recipe);
  if (pieces) {
    const prepared = prepare(table, searchRecipe(pieces));
    encodings.pieces = { fitted: prepared.fitted, rows: prepared.train };
    test.pieces = prepared.test;
  }
  return { encodings, test, folds, reports: standard.reports };
}
