/**
 * Which non-test rows validate which trial: K folds for cross-validation, or one hold-out. Stratified for
 * classes (each class is shuffled on its own and dealt round the folds, so every fold keeps the class
 * proportions within one row), seeded, and never touching the test rows: the rows here are positions in the
 * non-test matrix. A table too small for K folds is refused with how many rows each class needs.
 */
import { UserFacingError } from '../errors.ts';
import { Rng } from '../nn/rng.ts';

export interface Fold {
  /** Positions (ascending) in the non-test rows that train. */
  readonly train: Int32Array;
  /** Positions (ascending) that validate: early stopping and the trial's score. */
  readonly validation: Int32Array;
}

/** Fewest rows a fold validates on: below this, a fold's score is noise. */
export const MIN_VALIDATION_ROWS = 2;

function groups(rows: number, classes: Int32Array | undefined): number[][] {
  if (!classes) return [Array.from({ length: rows }, (_, i) => i)];
  const byClass: number[][] = [];
  for (let row = 0; row < rows; row++) (byClass[classes[row]!] ??= []).push(row);
  return byClass.filter((g) => g !== undefined && g.length > 0);
}

/**
 * K folds over `rows` positions; `classes` (a class index per row) stratifies. Fold f validates on its share
 * and trains on the rest. Deals continue round the folds from class to class, so fold sizes differ by at most one.
 */
export function kFolds(rows: number, k: number, seed: number, classes?: Int32Array): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`kFolds needs k ≥ 2, got ${k}`);
  const rng = new Rng(seed);
  const assigned = new Int32Array(rows);
  let next = 0;
  for (const group of groups(rows, classes)) {
    rng.shuffle(group);
    for (const row of group) {
      assigned[row] = next;
      next = (next + 1) % k;
    }
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const validation: number[] = [];
    for (let row = 0; row < rows; row++) (assigned[row] === f ? validation : train).push(row);
    return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
  });
}

/** One fold: `fraction` of the rows (stratified) validate, the rest train. */
export function holdout(rows: number, fraction: number, seed: number, classes?: Int32Array): Fold {
  const rng = new Rng(seed);
  const validation: number[] = [];
  for (const group of groups(rows, classes)) {
    rng.shuffle(group);
    validation.push(...group.slice(0, Math.max(group.length > 1 ? 1 : 0, Math.round(group.length * fraction))));
  }
  const isValidation = new Uint8Array(rows);
  for (const row of validation) isValidation[row] = 1;
  const train: number[] = [];
  for (let row = 0; row < rows; row++) if (!isValidation[row]) train.push(row);
  return { train: Int32Array.from(train), validation: Int32Array.from(validation).sort() };
}

/**
 * Refuses K folds the rows cannot fill: too few rows overall, or (classification) a class with fewer rows than
 * folds, which would leave folds that never see it. `classRows` counts the non-test rows per class label.
 */
export function checkFoldsPossible(k: number, rows: number, classRows?: ReadonlyMap<string, number>): void {
  if (rows < k * MIN_VALIDATION_ROWS) {
    throw new UserFacingError(
      'too-few-rows-for-folds',
      `${k}-fold cross-validation needs at least ${k * MIN_VALIDATION_ROWS} rows outside the test rows, and this table has ${rows}. Use fewer folds (--folds ${Math.max(2, Math.floor(rows / MIN_VALIDATION_ROWS))} or less), or a larger table.`,
    );
  }
  if (!classRows) return;
  const short = [...classRows].filter(([, n]) => n < k);
  if (short.length === 0) return;
  const list = short
    .slice(0, 4)
    .map(([label, n]) => `"${label}" has ${n}`)
    .join(', ');
  const fewest = Math.min(...short.map(([, n]) => n));
  throw new UserFacingError(
    'too-few-rows-for-folds',
    `${k}-fold cross-validation needs at least ${k} rows of each class outside the test rows, but ${list}${short.length > 4 ? ` (and ${short.length - 4} more classes)` : ''}. Use --folds ${Math.max(2, fewest)} or fewer, or leave out the rare classes with a row filter.`,
  );
}
