/**
 * Scaling, learned from the training rows (scikit-learn's scalers): standard (mean, population std as
 * StandardScaler's ddof = 0), min-max to [0, 1], robust (median, IQR with numpy's linear quantiles).
 * x' = (x − center) / scale. A zero spread (a constant column) becomes a scale of 1, as scikit-learn does, so
 * the column turns into zeros instead of a division by zero. Empty cells stay empty.
 */
import { UserFacingError } from '../../errors.ts';
import type { Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { mean, median, populationStd, positiveZero, presentValues, quantile, sortedCopy } from '../stats.ts';
import { derivedColumn } from '../derived-columns.ts';
import { plural, quoteList, replaceColumn, requireNumberColumn } from '../table-ops.ts';
import type { StepDefinition, StepOutput } from '../types.ts';
import type { ScaleMethod, ScaleParams } from './params.ts';

export interface ScaledColumn {
  readonly column: string;
  readonly center: number;
  readonly scale: number;
}

export interface ScaleState {
  readonly method: ScaleMethod;
  readonly columns: readonly ScaledColumn[];
}

const PURPOSE = 'Scaling';
const INSTEAD = 'Encode it first, or remove it from the scaling step.';
const METHODS = ['standard', 'min-max', 'robust'] as const;

/** The smallest and largest value, in one pass (sorting a million values just for them took a tenth of a second). */
function range(values: Float64Array): [min: number, max: number] {
  let min = values[0]!, max = min;
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return [min, max];
}

function learn(values: Float64Array, method: ScaleMethod): [center: number, spread: number] {
  if (method === 'standard') {
    const center = mean(values);
    const [min, max] = range(values);
    // A constant column's float mean can miss its value by an ulp; its spread is zero, not 1e-17.
    return [center, min === max ? 0 : populationStd(values, center)];
  }
  if (method === 'min-max') {
    const [min, max] = range(values);
    return [positiveZero(min), max - min];
  }
  const sorted = sortedCopy(values);
  return [median(sorted), quantile(sorted, 0.75) - quantile(sorted, 0.25)];
}

const METHOD_TEXT: Record<ScaleMethod, [verb: string, describe: string]> = {
  standard: ['standardized', 'Standardize (mean 0, standard deviation 1)'],
  'min-max': ['rescaled', 'Rescale to 0–1 (min-max)'],
  robust: ['robust-scaled', 'Scale by median and IQR (robust to outliers)'],
};

export const scale: StepDefinition<ScaleParams, ScaleState> = {
  kind: 'scale',
  beforeSplit: false,
  learns: () => true,
  inputs: (params) => params.columns,

  fit(table: Table, trainRows: Int32Array, params: ScaleParams): ScaleState {
    const columns = params.columns.map((column): ScaledColumn => {
      const values = presentValues(requireNumberColumn(table, column, PURPOSE, INSTEAD), trainRows, 'scaling');
      const [center, spread] = learn(values, params.method);
      if (!Number.isFinite(center) || !Number.isFinite(spread)) {
        throw new UserFacingError(
          'values-too-large',
          `Column "${column}" spans more than a double can measure (its values reach ${values.reduce((m, v) => Math.max(m, Math.abs(v)), 0).toPrecision(3)}), so it cannot be scaled. Express it in larger units (divide it by a power of ten in the file), or add a log transform for it before the scaling step.`,
        );
      }
      return { column, center, scale: spread === 0 ? 1 : spread };
    });
    return { method: params.method, columns };
  },

  transform(table: Table, state: ScaleState): StepOutput {
    let out = table;
    for (const { column, center, scale: spread } of state.columns) {
      const source = requireNumberColumn(out, column, PURPOSE, INSTEAD);
      // Derived, not copied: the matrix computes (x − center) / scale as it is built (derived-columns.ts).
      const derivation = { kind: 'affine', source: source.values, center, scale: spread } as const;
      out = replaceColumn(out, column, [derivedColumn(column, 'numeric', `${source.reason}; ${METHOD_TEXT[state.method][0]}`, derivation)]);
    }
    return { table: out, cellsChanged: 0, note: `${METHOD_TEXT[state.method][0]} ${plural(state.columns.length, 'column')}` };
  },

  describe: (params) => `${METHOD_TEXT[params.method][1]}: ${quoteList(params.columns)}`,

  parseParams(json: unknown, at: string): ScaleParams {
    const r = JsonReader.object(json, at, 'recipe');
    return { columns: r.strings('columns'), method: r.oneOf('method', METHODS) };
  },

  parseState(json: unknown, at: string): ScaleState {
    const r = JsonReader.object(json, at, 'fitted recipe');
    return {
      method: r.oneOf('method', METHODS),
      columns: r.list('columns').map((item, i) => {
        const c = JsonReader.object(item, `${at}.columns[${i}]`, 'fitted recipe');
        return { column: c.string('column'), center: c.number('center'), scale: c.number('scale', 'a number above 0', (n) => n > 0) };
      }),
    };
  },
};
