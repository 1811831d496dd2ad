/**
 * Missing values: drop the row, or fill with the training rows' mean, median, most frequent value, or a
 * constant (scikit-learn's SimpleImputer), optionally adding a 0/1 "was missing" feature. As in
 * SimpleImputer, the flag is only added for columns with empty cells in the training rows (elsewhere it would
 * be a constant zero). At prediction, "drop rows" rejects a row with an empty cell instead of dropping it.
 */
import { UserFacingError } from '../../errors.ts';
import { MISSING_CODE, isMissing, type Column, type Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { median, mean, mostFrequentLabel, mostFrequentNumber, positiveZero, presentValues, sortedCopy, noTrainingValues } from '../stats.ts';
import { asNumberColumn, categoryColumn, numberColumn, numberLabel, plural, quoteList, replaceColumn, requireColumn, rowsWhere, takeRows } from '../table-ops.ts';
import type { Rejection, StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { ImputeParams, ImputeStrategy } from './params.ts';

export interface ImputedColumn {
  readonly column: string;
  /** Absent for `drop-rows`. */
  readonly fill?: number | string;
  readonly indicator: boolean;
}

export interface ImputeState {
  readonly strategy: ImputeStrategy;
  readonly columns: readonly ImputedColumn[];
}

const PURPOSE = 'Filling missing values';
const STRATEGIES = ['drop-rows', 'mean', 'median', 'most-frequent', 'constant'] as const;

export function indicatorName(column: string): string {
  return `${column} (was missing)`;
}

function learnFill(column: Column, trainRows: Int32Array, params: ImputeParams): number | string {
  const { strategy } = params;
  if (strategy === 'constant') {
    const value = params.value!;
    if (column.storage === 'category') return typeof value === 'number' ? numberLabel(value) : value;
    if (typeof value !== 'number') {
      throw new UserFacingError('not-numeric', `Column "${column.name}" holds numbers, so its fill constant must be a number, not "${value}".`);
    }
    return positiveZero(value);
  }
  if (strategy === 'most-frequent') {
    if (column.storage === 'number') return mostFrequentNumber(sortedCopy(presentValues(column, trainRows, 'the most frequent value')));
    return mostFrequentLabel(column, trainRows) ?? noTrainingValues(column.name, trainRows.length, 'the most frequent value');
  }
  const numbers = asNumberColumn(column, `Filling with the ${strategy}`, 'Fill it with the most frequent value or a constant instead.');
  const values = presentValues(numbers, trainRows, `the ${strategy}`);
  return strategy === 'mean' ? mean(values) : median(sortedCopy(values));
}

function hasMissing(column: Column, rows: Int32Array): boolean {
  for (let i = 0; i < rows.length; i++) if (isMissing(column, rows[i]!)) return true;
  return false;
}

/** The filled column, its "was missing" flag if wanted, and how many cells were filled. */
function fillColumn(column: Column, spec: ImputedColumn): { columns: Column[]; filled: number } {
  const rows = column.storage === 'number' ? column.values.length : column.codes.length;
  const flags = spec.indicator ? new Float64Array(rows) : null;
  let count = 0;
  let filled: Column;
  if (column.storage === 'number') {
    const values = Float64Array.from(column.values);
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i]!)) {
        values[i] = spec.fill as number;
        if (flags) flags[i] = 1;
        count++;
      }
    }
    filled = numberColumn(column.name, values, column.type, column.reason);
  } else {
    const label = String(spec.fill);
    let code = column.levels.indexOf(label);
    const levels = code >= 0 ? column.levels : [...column.levels, label];
    if (code < 0) code = levels.length - 1;
    const codes = Int32Array.from(column.codes);
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === MISSING_CODE) {
        codes[i] = code;
        if (flags) flags[i] = 1;
        count++;
      }
    }
    filled = categoryColumn(column.name, codes, levels, column.type, column.reason);
  }
  const columns = [filled];
  if (flags) columns.push(numberColumn(indicatorName(column.name), flags, 'boolean', `1 where "${column.name}" was empty`));
  return { columns, filled: count };
}

function dropRows(table: Table, state: ImputeState, mode: TransformMode): StepOutput {
  const columns = state.columns.map((c) => requireColumn(table, c.column, PURPOSE));
  const keep = new Uint8Array(table.rowCount).fill(1);
  const rejected: Rejection[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const empty = columns.find((c) => isMissing(c, row));
    if (!empty) continue;
    keep[row] = 0;
    if (mode === 'predict') {
      rejected.push({ row, column: empty.name, reason: `"${empty.name}" is empty, and the recipe drops rows with an empty "${empty.name}" instead of filling it in.` });
    }
  }
  const keptRows = rowsWhere(keep);
  if (keptRows.length === table.rowCount) return { table, cellsChanged: 0 };
  return { table: takeRows(table, keptRows), keptRows, rejected, cellsChanged: 0 };
}

function parseParams(json: unknown, at: string): ImputeParams {
  const r = JsonReader.object(json, at, 'recipe');
  const strategy = r.oneOf('strategy', STRATEGIES);
  const addIndicator = r.optionalBoolean('addIndicator');
  if (strategy === 'drop-rows' && addIndicator) r.fail('addIndicator', 'false with "drop-rows" (the rows are removed, nothing is left to flag)');
  return {
    columns: r.strings('columns'),
    strategy,
    ...(strategy === 'constant' ? { value: r.cellValue('value') } : {}),
    ...(addIndicator !== undefined ? { addIndicator } : {}),
  };
}

function parseState(json: unknown, at: string): ImputeState {
  const r = JsonReader.object(json, at, 'fitted recipe');
  const strategy = r.oneOf('strategy', STRATEGIES);
  const columns = r.list('columns').map((item, i) => {
    const c = JsonReader.object(item, `${at}.columns[${i}]`, 'fitted recipe');
    return { column: c.string('column'), indicator: c.boolean('indicator'), ...(strategy === 'drop-rows' ? {} : { fill: c.cellValue('fill') }) };
  });
  return { strategy, columns };
}

const STRATEGY_TEXT: Record<ImputeStrategy, string> = {
  'drop-rows': 'Drop rows with an empty cell in',
  mean: 'Fill empty cells with the mean in',
  median: 'Fill empty cells with the median in',
  'most-frequent': 'Fill empty cells with the most frequent value in',
  constant: 'Fill empty cells with a constant in',
};

export const impute: StepDefinition<ImputeParams, ImputeState> = {
  kind: 'impute',
  beforeSplit: false,
  describeCells: (n) => `imputed ${plural(n, 'cell')}`,
  learns: (params) => params.strategy === 'mean' || params.strategy === 'median' || params.strategy === 'most-frequent' || params.addIndicator === true,
  inputs: (params) => params.columns,

  fit(table: Table, trainRows: Int32Array, params: ImputeParams): ImputeState {
    const columns = params.columns.map((name): ImputedColumn => {
      const column = requireColumn(table, name, PURPOSE);
      if (params.strategy === 'drop-rows') return { column: name, indicator: false };
      const indicator = params.addIndicator === true && hasMissing(column, trainRows);
      return { column: name, fill: learnFill(column, trainRows, params), indicator };
    });
    return { strategy: params.strategy, columns };
  },

  transform(table: Table, state: ImputeState, mode: TransformMode): StepOutput {
    if (state.strategy === 'drop-rows') return dropRows(table, state, mode);
    let out = table;
    let cellsChanged = 0;
    for (const spec of state.columns) {
      const { columns, filled } = fillColumn(requireColumn(out, spec.column, PURPOSE), spec);
      out = replaceColumn(out, spec.column, columns);
      cellsChanged += filled;
    }
    return { table: out, cellsChanged };
  },

  describe(params: ImputeParams): string {
    const constant = params.strategy === 'constant' && params.value !== undefined ? ` (${typeof params.value === 'number' ? numberLabel(params.value) : `"${params.value}"`})` : '';
    const flag = params.addIndicator ? ', and flag which cells were empty' : '';
    return `${STRATEGY_TEXT[params.strategy].replace('a constant', `a constant${constant}`)} ${quoteList(params.columns)}${flag}`;
  },

  parseParams,
  parseState,
};
