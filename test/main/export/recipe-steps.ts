/**
 * Recipe steps the export tests share: the adult table's recipe, which uses filters, indicators, every encoding,
 * clipping, the log transform, and min-max and robust scaling (the script exports and the ONNX export both
 * check it against the engine).
 */
import type { Table } from '../../../engine/table/table.ts';

/** A categorical column's levels, in the table's order (none for another column). */
export function levelsOf(table: Table, name: string): string[] {
  const column = table.columns.find((c) => c.name === name);
  return column?.storage === 'category' ? [...column.levels] : [];
}

export function adultSteps(table: Table): unknown[] {
  return [
    { id: 'dups', kind: 'drop-duplicates', params: {} },
    { id: 'adults', kind: 'filter-rows', params: { column: 'age', rule: 'range', min: 17, max: 80, action: 'keep' } },
    { id: 'never', kind: 'filter-rows', params: { column: 'workclass', rule: 'equals', values: ['Never-worked', 'Without-pay'], action: 'remove' } },
    { id: 'drop', kind: 'drop-columns', params: { columns: ['fnlwgt', 'education-num'] } },
    { id: 'fill', kind: 'impute', params: { columns: ['workclass', 'occupation', 'native-country'], strategy: 'most-frequent', addIndicator: true } },
    { id: 'country', kind: 'encode', params: { column: 'native-country', method: 'one-hot', maxLevels: 6 } },
    { id: 'sex', kind: 'encode', params: { column: 'sex', method: 'binary' } },
    { id: 'education', kind: 'encode', params: { column: 'education', method: 'ordinal', order: levelsOf(table, 'education') } },
    ...['workclass', 'marital-status', 'occupation', 'relationship', 'race'].map((column) => ({ id: `hot-${column}`, kind: 'encode', params: { column, method: 'one-hot' } })),
    { id: 'gain', kind: 'outliers', params: { columns: ['capital-gain'], method: 'percentile', lowerPercentile: 0, upperPercentile: 99, action: 'clip' } },
    { id: 'log', kind: 'log-transform', params: { columns: ['capital-loss', 'capital-gain'] } },
    { id: 'minmax', kind: 'scale', params: { columns: ['age', 'education'], method: 'min-max' } },
    { id: 'robust', kind: 'scale', params: { columns: ['hours-per-week', 'capital-loss'], method: 'robust' } },
  ];
}
