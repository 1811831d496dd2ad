/**
 * Outliers per number column: bounds learned from the training rows by Tukey's IQR fences
 * (Q1 − k·IQR, Q3 + k·IQR, numpy's linear quantiles), a z-score limit (mean ± t·std, population std) or
 * percentiles; values outside are clipped to the bound or their rows removed. Empty cells are left alone.
 * At prediction, "remove" rejects the row with the bound as the reason rather than predicting far outside
 * what the model saw.
 */
import type { Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { mean, populationStd, positiveZero, presentValues, quantile, sortedCopy } from '../stats.ts';
import { numberColumn, numberLabel, plural, quoteList, replaceColumn, requireNumberColumn, rowsWhere, takeRows } from '../table-ops.ts';
import type { Rejection, StepDefinition, StepOutput, TransformMode } from '../types.ts';
import type { OutlierMethod, OutlierParams } from './params.ts';

export interface OutlierBounds {
  readonly column: string;
  readonly low: number;
  readonly high: number;
}

export interface OutlierState {
  readonly action: 'remove' | 'clip';
  readonly bounds: readonly OutlierBounds[];
}

const PURPOSE = 'Handling outliers';
const INSTEAD = 'Remove it from the outlier step, or encode it as numbers first.';
const METHODS = ['iqr', 'zscore', 'percentile'] as const;

export const DEFAULT_IQR_K = 1.5;
export const DEFAULT_Z_THRESHOLD = 3;
export const DEFAULT_PERCENTILES = [1, 99] as const;

function learnBounds(values: Float64Array, params: OutlierParams): [number, number] {
  if (params.method === 'zscore') {
    const t = params.threshold ?? DEFAULT_Z_THRESHOLD;
    const center = mean(values);
    const spread = populationStd(values, center);
    return [center - t * spread, center + t * spread];
  }
  const sorted = sortedCopy(values);
  if (params.method === 'percentile') {
    return [quantile(sorted, (params.lowerPercentile ?? DEFAULT_PERCENTILES[0]) / 100), quantile(sorted, (params.upperPercentile ?? DEFAULT_PERCENTILES[1]) / 100)];
  }
  const k = params.k ?? DEFAULT_IQR_K;
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return [q1 - k * (q3 - q1), q3 + k * (q3 - q1)];
}

function clip(table: Table, state: OutlierState): StepOutput {
  let out = table;
  let cellsChanged = 0;
  for (const { column, low, high } of state.bounds) {
    const source = requireNumberColumn(out, column, PURPOSE, INSTEAD);
    const values = Float64Array.from(source.values);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < low) values[i] = low;
      else if (v > high) values[i] = high;
      else continue;
      cellsChanged++;
    }
    out = replaceColumn(out, column, [numberColumn(column, values, source.type, source.reason)]);
  }
  return { table: out, cellsChanged };
}

function remove(table: Table, state: OutlierState, mode: TransformMode): StepOutput {
  const columns = state.bounds.map((b) => ({ ...b, values: requireNumberColumn(table, b.column, PURPOSE, INSTEAD).values }));
  const keep = new Uint8Array(table.rowCount).fill(1);
  const rejected: Rejection[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    for (const { column, low, high, values } of columns) {
      const v = values[row]!;
      if (!(v < low || v > high)) continue;
      keep[row] = 0;
      if (mode === 'predict') {
        const side = v < low ? `below ${numberLabel(low)}, the lower` : `above ${numberLabel(high)}, the upper`;
        rejected.push({ row, column, reason: `"${column}" is ${numberLabel(v)}, ${side} outlier bound learned from the training rows; the recipe removes such rows, so the model never saw one.` });
      }
      break;
    }
  }
  const keptRows = rowsWhere(keep);
  if (keptRows.length === table.rowCount) return { table, cellsChanged: 0 };
  return { table: takeRows(table, keptRows), keptRows, rejected, cellsChanged: 0 };
}

const METHOD_TEXT: Record<OutlierMethod, (p: OutlierParams) => string> = {
  iqr: (p) => `outside the IQR fences (k = ${p.k ?? DEFAULT_IQR_K})`,
  zscore: (p) => `more than ${p.threshold ?? DEFAULT_Z_THRESHOLD} standard deviations from the mean`,
  percentile: (p) => `outside the ${p.lowerPercentile ?? DEFAULT_PERCENTILES[0]}th–${p.upperPercentile ?? DEFAULT_PERCENTILES[1]}th percentiles`,
};

function parseParams(json: unknown, at: string): OutlierParams {
  const r = JsonReader.object(json, at, 'recipe');
  const method = r.oneOf('method', METHODS);
  const params: OutlierParams = {
    columns: r.strings('columns'),
    method,
    action: r.oneOf('action', ['remove', 'clip'] as const),
    ...(method === 'iqr' && r.has('k') ? { k: r.number('k', 'a number above 0', (n) => n > 0) } : {}),
    ...(method === 'zscore' && r.has('threshold') ? { threshold: r.number('threshold', 'a number above 0', (n) => n > 0) } : {}),
    ...(method === 'percentile' && r.has('lowerPercentile') ? { lowerPercentile: r.number('lowerPercentile', 'a number from 0 to 100', (n) => n >= 0 && n <= 100) } : {}),
    ...(method === 'percentile' && r.has('upperPercentile') ? { upperPercentile: r.number('upperPercentile', 'a number from 0 to 100', (n) => n >= 0 && n <= 100) } : {}),
  };
  if (method === 'percentile' && (params.lowerPercentile ?? DEFAULT_PERCENTILES[0]) >= (params.upperPercentile ?? DEFAULT_PERCENTILES[1])) {
    r.fail('upperPercentile', 'above lowerPercentile');
  }
  return params;
}

function parseState(json: unknown, at: string): OutlierState {
  const r = JsonReader.object(json, at, 'fitted recipe');
  return {
    action: r.oneOf('action', ['remove', 'clip'] as const),
    bounds: r.list('bounds').map((item, i) => {
      const b = JsonReader.object(item, `${at}.bounds[${i}]`, 'fitted recipe');
      return { column: b.string('column'), low: b.number('low'), high: b.number('high') };
    }),
  };
}

export const outliers: StepDefinition<OutlierParams, OutlierState> = {
  kind: 'outliers',
  beforeSplit: false,
  describeCells: (n) => `clipped ${plural(n, 'cell')}`,
  learns: () => true,
  inputs: (params) => params.columns,

  fit(table: Table, trainRows: Int32Array, params: OutlierParams): OutlierState {
    const bounds = params.columns.map((column): OutlierBounds => {
      const values = presentValues(requireNumberColumn(table, column, PURPOSE, INSTEAD), trainRows, 'outlier detection');
      const [low, high] = learnBounds(values, params);
      return { column, low: positiveZero(low), high: positiveZero(high) };
    });
    return { action: params.action, bounds };
  },

  transform: (table, state, mode) => (state.action === 'clip' ? clip(table, state) : remove(table, state, mode)),

  describe: (params) => `${params.action === 'clip' ? 'Clip values' : 'Remove rows with values'} ${METHOD_TEXT[params.method](params)} in ${quoteList(params.columns)}`,
  parseParams,
  parseState,
};
