/**
 * The target: which task, which classes, and how its values become `y`.
 *
 * Detection, when the user does not choose (they always can):
 * - text: 2 values → binary, more → multi-class;
 * - numbers: 2 values → binary; whole numbers with at most 20 distinct values → multi-class (ratings, grades,
 *   codes); anything else (decimals, or many distinct counts) → regression.
 * A column with a single value, or more than 100 classes, is refused with a message: neither can be learned.
 *
 * Encoding: binary y is 0/1 with `classLabels[1]` the positive class (the natural "yes" of a yes/no-like pair,
 * else the larger number or the later label; the user can pick it). Multi-class y is the class index into
 * `classLabels` (sorted; numbers as numbers). Class labels come from every row with a target, so a class that
 * only occurs in the test rows still has an output. Regression y is standardized with the training rows'
 * mean and population std unless `scale: false`; predictions are converted back.
 */
import { UserFacingError } from '../errors.ts';
import type { LossKind } from '../nn/losses.ts';
import type { Column, Table } from '../table/table.ts';
import { countLabels, labelLookup, orderBinaryLabels, sortLabels } from './labels.ts';
import { mean, populationStd, presentValues } from './stats.ts';
import { formatCount, quoteList, requireColumn } from './table-ops.ts';
import { refuseIdentifier } from './target-checks.ts';
import type { FittedTarget, TargetChoice, Task } from './types.ts';

export const MAX_INTEGER_CLASSES = 20;
export const MAX_CLASSES = 100;

const LOSS: Record<Task, LossKind> = { binary: 'binary_crossentropy', multiclass: 'sparse_categorical_crossentropy', regression: 'mse' };

/** The target before its regression scale is learned (that needs the final training rows). */
export type TargetPlan = Omit<FittedTarget, 'scale'>;

export function requireTargetColumn(table: Table, name: string): Column {
  return requireColumn(table, name, 'The target');
}

/** Rows whose target cell is not empty. */
export function rowsWithTarget(column: Column): Int32Array {
  const n = column.storage === 'number' ? column.values.length : column.codes.length;
  const rows: number[] = [];
  for (let row = 0; row < n; row++) if (column.storage === 'number' ? !Number.isNaN(column.values[row]!) : column.codes[row]! >= 0) rows.push(row);
  return Int32Array.from(rows);
}

/** `counts` null: numbers of more distinct values than any set of classes (a tally that did not list them). */
export function detectTask(column: Column, counts: ReadonlyMap<string, number> | null): Task {
  if (counts === null) return 'regression';
  if (counts.size === 2) return 'binary';
  if (column.storage === 'category') return 'multiclass';
  const wholeNumbers = [...counts.keys()].every((label) => Number.isInteger(Number(label)));
  return wholeNumbers && counts.size <= MAX_INTEGER_CLASSES ? 'multiclass' : 'regression';
}

function refuseInfinite(column: Column): void {
  if (column.storage !== 'number') return;
  const infinite = column.values.reduce((n, v) => n + (v === Infinity || v === -Infinity ? 1 : 0), 0);
  if (infinite > 0) {
    throw new UserFacingError(
      'non-finite-value',
      `The target "${column.name}" has ${formatCount(infinite)} infinite ${infinite === 1 ? 'value' : 'values'} (Infinity). Filter those rows out or fix the file.`,
    );
  }
}

/** Beyond this, a prediction's squared error (the loss, MSE, R²) no longer fits in a double. */
export const LARGEST_REGRESSION_TARGET = 1e150;

function refuseTooLarge(column: Column, rows: Int32Array): void {
  if (column.storage !== 'number') return;
  let largest = 0;
  for (let i = 0; i < rows.length; i++) largest = Math.max(largest, Math.abs(column.values[rows[i]!]!) || 0);
  if (largest > LARGEST_REGRESSION_TARGET) {
    throw new UserFacingError(
      'target-too-large',
      `The target "${column.name}" reaches ${largest.toPrecision(3)}: errors on that scale cannot be squared in double precision (beyond about ${LARGEST_REGRESSION_TARGET.toExponential(0)}), so neither the loss nor R² could be measured. ` +
        'Express it in larger units (divide it by a power of ten in the file), or predict its logarithm, then train again.',
    );
  }
}

function classLabelsFor(column: Column, task: Task, labels: string[], choice: TargetChoice): string[] {
  if (task === 'binary') {
    if (labels.length !== 2) {
      throw new UserFacingError(
        'target-not-binary',
        `The target "${column.name}" has ${labels.length} classes (${quoteList(labels, 4)}), so it cannot be predicted as yes/no. Choose multi-class, or filter the rows to two classes.`,
      );
    }
    const [negative, positive] = orderBinaryLabels(labels[0]!, labels[1]!);
    if (choice.positiveLabel === undefined || choice.positiveLabel === positive) return [negative, positive];
    if (choice.positiveLabel === negative) return [positive, negative];
    throw new UserFacingError('unknown-label', `"${choice.positiveLabel}" is not a class of the target "${column.name}" (classes: ${quoteList(labels)}). Choose one of them as the positive class.`);
  }
  if (labels.length > MAX_CLASSES) {
    const instead = column.storage === 'number' ? 'Predict it as a number (regression) instead' : 'Choose another target column';
    throw new UserFacingError('target-too-many-classes', `The target "${column.name}" has ${formatCount(labels.length)} different values, too many to learn as classes (at most ${MAX_CLASSES}). ${instead}.`);
  }
  return sortLabels(labels);
}

/** Task and classes of the target at `rows` (every row with a target). */
export function planTarget(column: Column, rows: Int32Array, choice: TargetChoice): TargetPlan {
  refuseInfinite(column);
  const counts = countLabels(column, rows);
  if (counts.size === 0) throw new UserFacingError('target-empty', `The target "${column.name}" is empty in every row. Choose a column with values to predict.`);
  if (counts.size === 1) {
    throw new UserFacingError(
      'target-one-class',
      `The target "${column.name}" has a single value ("${[...counts.keys()][0]}") in all ${formatCount(rows.length)} rows, so there is nothing to learn. Choose another target column, or check the filters that removed the other values.`,
    );
  }
  const task = choice.task ?? detectTask(column, counts);
  refuseIdentifier(column);
  if (task === 'regression') {
    if (column.storage === 'category') {
      throw new UserFacingError(
        'target-not-numeric',
        `The target "${column.name}" holds text (${quoteList(sortLabels(counts.keys()), 3)}), which cannot be predicted as a number. Predict it as classes (binary or multi-class), or choose a numeric column.`,
      );
    }
    refuseTooLarge(column, rows);
    return { column: column.name, task, targetWidth: 1, outputWidth: 1, loss: LOSS[task] };
  }
  const classLabels = classLabelsFor(column, task, [...counts.keys()], choice);
  return {
    column: column.name,
    task,
    classLabels,
    ...(task === 'binary' ? { positiveLabel: classLabels[1]! } : {}),
    targetWidth: 1,
    outputWidth: task === 'binary' ? 1 : classLabels.length,
    loss: LOSS[task],
  };
}

function classIndexOf(column: Column, classLabels: readonly string[]): (row: number) => number {
  const index = new Map(classLabels.map((l, i) => [l, i]));
  return labelLookup(column, (label) => index.get(label) ?? -1, -1);
}

/** Class index of every row (−1 for an empty cell). */
export function classIndices(column: Column, classLabels: readonly string[]): Int32Array {
  const lookup = classIndexOf(column, classLabels);
  const n = column.storage === 'number' ? column.values.length : column.codes.length;
  const out = new Int32Array(n);
  for (let row = 0; row < n; row++) out[row] = lookup(row);
  return out;
}

/** The fitted target: the plan plus, for scaled regression, the training rows' mean and std. */
export function fitTarget(plan: TargetPlan, column: Column, trainRows: Int32Array, choice: TargetChoice): FittedTarget {
  if (plan.task !== 'regression' || choice.scale === false || column.storage !== 'number') return plan;
  const values = presentValues(column, trainRows, 'the target scaling');
  const center = mean(values);
  const std = populationStd(values, center);
  return { ...plan, scale: { mean: center, std: std === 0 ? 1 : std } };
}

/** `y` for `rows`: 0/1, a class index, or the (scaled) value. */
export function targetValues(column: Column, rows: Int32Array, target: FittedTarget): Float32Array {
  const y = new Float32Array(rows.length);
  if (target.task !== 'regression') {
    const classOf = classIndexOf(column, target.classLabels!);
    for (let i = 0; i < rows.length; i++) y[i] = classOf(rows[i]!);
    return y;
  }
  if (column.storage !== 'number') throw new Error(`regression target "${column.name}" is not numeric`);
  const { mean: center, std } = target.scale ?? { mean: 0, std: 1 };
  for (let i = 0; i < rows.length; i++) y[i] = (column.values[rows[i]!]! - center) / std;
  return y;
}

export function describeTarget(target: TargetPlan): string {
  if (target.task === 'regression') return `regression on "${target.column}"`;
  const labels = target.classLabels!;
  if (target.task === 'binary') return `binary "${target.column}" (positive class "${labels[1]}")`;
  return `multi-class "${target.column}" (${labels.length} classes: ${quoteList(labels, 5)})`;
}
