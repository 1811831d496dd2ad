/**
 * The raw columns a fitted recipe needs to prepare a new row: every column that reaches the features or is
 * read by a step before being dropped, without the target. Ranges and categories come from the training rows;
 * the prediction form shows them and the model file stores them.
 */
import type { Column, Table } from '../table/table.ts';
import { countLabels, sortLabels } from './labels.ts';
import { positiveZero } from './stats.ts';
import { stepDefinition } from './steps/registry.ts';
import { executionOrder } from './run-step.ts';
import type { InputColumn, Recipe } from './types.ts';

function requiredColumns(raw: Table, recipe: Recipe): Set<string> {
  const rawNames = new Set(raw.columns.map((c) => c.name));
  const required = new Set<string>();
  const dropped = new Set<string>();
  for (const step of executionOrder(recipe.steps)) {
    if (step.kind === 'drop-columns') {
      step.params.columns.forEach((c) => dropped.add(c));
      continue;
    }
    if (step.kind === 'drop-duplicates') continue; // does nothing at prediction
    for (const name of stepDefinition(step.kind).inputs(step.params)) {
      if (rawNames.has(name) && !dropped.has(name)) required.add(name);
    }
  }
  for (const name of rawNames) if (!dropped.has(name)) required.add(name);
  required.delete(recipe.target.column);
  return required;
}

/** Columns that some fill step covers, so an empty cell can be handled at prediction. */
function fillableColumns(recipe: Recipe): Set<string> {
  const fillable = new Set<string>();
  for (const step of recipe.steps) {
    if (step.kind === 'impute' && step.params.strategy !== 'drop-rows') step.params.columns.forEach((c) => fillable.add(c));
  }
  return fillable;
}

/** What the training rows say about one raw column: its categories, or its range (none when it has no number). */
export type ColumnInputs = Pick<InputColumn, 'categories' | 'min' | 'max'>;

function columnInputs(column: Column, trainRows: Int32Array): ColumnInputs {
  if (column.storage === 'category') return { categories: sortLabels(countLabels(column, trainRows).keys()) };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < trainRows.length; i++) {
    const v = column.values[trainRows[i]!]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min: positiveZero(min), max: positiveZero(max) } : {};
}

/**
 * `known`: each column's inputs computed before for the same table and training rows (prepare.ts keeps them
 * with its split stage, so an edit of a later step does not read a million rows of every column again).
 */
export function inputSchema(raw: Table, trainRows: Int32Array, recipe: Recipe, known = new Map<Column, ColumnInputs>()): InputColumn[] {
  const required = requiredColumns(raw, recipe);
  const fillable = fillableColumns(recipe);
  return raw.columns
    .filter((c) => required.has(c.name))
    .map((column): InputColumn => {
      let inputs = known.get(column);
      if (!inputs) {
        inputs = columnInputs(column, trainRows);
        known.set(column, inputs);
      }
      return { name: column.name, type: column.type, storage: column.storage, missingAllowed: fillable.has(column.name), ...inputs };
    });
}
