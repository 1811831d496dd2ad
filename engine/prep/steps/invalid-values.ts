/**
 * Invalid values: cells outside an allowed range, outside an allowed set, or infinite (an `Infinity` literal
 * in the file) become empty cells — for a later fill step to handle — or remove their row. Learns nothing.
 * At prediction, "drop row" rejects the row naming the rule.
 */
import { UserFacingError } from '../../errors.ts';
import { MISSING_CODE, isMissing, type Column, type Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { categoryColumn, numberColumn, numberLabel, plural, replaceColumn, requireColumn, rowsWhere, showCell, takeRows } from '../table-ops.ts';
import type { Rejection, StepDefinition, StepOutput, TransformMode } from '../types.ts';
import { valueMatcher } from './filter-rows.ts';
import type { InvalidValuesParams } from './params.ts';

export type InvalidValuesState = InvalidValuesParams;

const PURPOSE = 'Checking for invalid values';

export function describeAllowed(params: InvalidValuesParams): string {
  if (params.rule === 'finite') return 'finite numbers';
  if (params.rule === 'set') return (params.values ?? []).map((v) => (typeof v === 'number' ? numberLabel(v) : `"${v}"`)).join(', ');
  if (params.min !== undefined && params.max !== undefined) return `from ${numberLabel(params.min)} to ${numberLabel(params.max)}`;
  return params.min !== undefined ? `at least ${numberLabel(params.min)}` : `at most ${numberLabel(params.max!)}`;
}

function invalidTest(column: Column, params: InvalidValuesParams): (row: number) => boolean {
  if (params.rule === 'set') {
    const allowed = valueMatcher(column, params.values ?? []);
    return (row) => !isMissing(column, row) && !allowed(row);
  }
  if (column.storage !== 'number') {
    throw new UserFacingError('not-numeric', `A ${params.rule === 'range' ? 'range' : 'finite-number'} rule needs numbers, but column "${column.name}" holds text. Use an allowed set of values instead.`);
  }
  const values = column.values;
  if (params.rule === 'finite') return (row) => values[row] === Infinity || values[row] === -Infinity;
  const min = params.min ?? -Infinity;
  const max = params.max ?? Infinity;
  return (row) => {
    const v = values[row]!;
    return !Number.isNaN(v) && !(v >= min && v <= max && Number.isFinite(v));
  };
}

function markMissing(table: Table, column: Column, invalid: (row: number) => boolean): StepOutput {
  let cellsChanged = 0;
  let replaced: Column;
  if (column.storage === 'number') {
    const values = Float64Array.from(column.values);
    for (let row = 0; row < values.length; row++) {
      if (invalid(row)) {
        values[row] = NaN;
        cellsChanged++;
      }
    }
    replaced = numberColumn(column.name, values, column.type, column.reason);
  } else {
    const codes = Int32Array.from(column.codes);
    for (let row = 0; row < codes.length; row++) {
      if (invalid(row)) {
        codes[row] = MISSING_CODE;
        cellsChanged++;
      }
    }
    replaced = categoryColumn(column.name, codes, column.levels, column.type, column.reason);
  }
  return { table: replaceColumn(table, column.name, [replaced]), cellsChanged };
}

function parse(json: unknown, at: string, document: 'recipe' | 'fitted recipe'): InvalidValuesParams {
  const r = JsonReader.object(json, at, document);
  const rule = r.oneOf('rule', ['range', 'set', 'finite'] as const);
  const params: InvalidValuesParams = {
    column: r.string('column'),
    rule,
    action: r.oneOf('action', ['missing', 'drop-row'] as const),
    ...(rule === 'range' && r.has('min') ? { min: r.number('min') } : {}),
    ...(rule === 'range' && r.has('max') ? { max: r.number('max') } : {}),
    ...(rule === 'set' ? { values: r.values('values') } : {}),
  };
  if (rule === 'range' && params.min === undefined && params.max === undefined) r.fail('min', 'a number (a range needs "min", "max" or both)');
  if (rule === 'range' && params.min !== undefined && params.max !== undefined && params.min > params.max) r.fail('max', `at least min (${params.min})`);
  return params;
}

export const invalidValues: StepDefinition<InvalidValuesParams, InvalidValuesState> = {
  kind: 'invalid-values',
  beforeSplit: false,
  describeCells: (n) => `marked ${plural(n, 'cell')} as missing`,
  learns: () => false,
  inputs: (params) => [params.column],

  fit(table: Table, _trainRows: Int32Array, params: InvalidValuesParams): InvalidValuesState {
    invalidTest(requireColumn(table, params.column, PURPOSE), params);
    return { ...params };
  },

  transform(table: Table, state: InvalidValuesState, mode: TransformMode): StepOutput {
    const column = requireColumn(table, state.column, PURPOSE);
    const invalid = invalidTest(column, state);
    if (state.action === 'missing') return markMissing(table, column, invalid);
    const keep = new Uint8Array(table.rowCount);
    const rejected: Rejection[] = [];
    for (let row = 0; row < table.rowCount; row++) {
      if (!invalid(row)) keep[row] = 1;
      else if (mode === 'predict') {
        rejected.push({ row, column: column.name, reason: `"${column.name}" is ${showCell(column, row)}, which is not allowed (allowed: ${describeAllowed(state)}); the recipe drops such rows.` });
      }
    }
    const keptRows = rowsWhere(keep);
    if (keptRows.length === table.rowCount) return { table, cellsChanged: 0 };
    return { table: takeRows(table, keptRows), keptRows, rejected, cellsChanged: 0 };
  },

  describe: (params) =>
    `In "${params.column}", treat values other than ${describeAllowed(params)} as ${params.action === 'missing' ? 'empty cells' : 'a reason to drop the row'}`,
  parseParams: (json, at) => parse(json, at, 'recipe'),
  parseState: (json, at) => parse(json, at, 'fitted recipe'),
};
