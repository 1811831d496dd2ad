/** Every step kind, by name. A new kind is one file plus one line here and in `params.ts`. */
import type { StepDefinition } from '../types.ts';
import { dateParts, type DatePartsState } from './date-parts.ts';
import { dropColumns, type DropColumnsState } from './drop-columns.ts';
import { dropDuplicates, type DropDuplicatesState } from './drop-duplicates.ts';
import { encode, type EncodeState } from './encode.ts';
import { filterRows, type FilterRowsState } from './filter-rows.ts';
import { impute, type ImputeState } from './impute.ts';
import { invalidValues, type InvalidValuesState } from './invalid-values.ts';
import { logTransform, type LogTransformState } from './log-transform.ts';
import type { StepKind, StepParamsByKind } from './params.ts';
import { outliers, type OutlierState } from './outliers.ts';
import { piecewiseLinear, type PiecewiseLinearState } from './piecewise-linear.ts';
import { scale, type ScaleState } from './scale.ts';

export interface StepStateByKind {
  'drop-columns': DropColumnsState;
  'drop-duplicates': DropDuplicatesState;
  'filter-rows': FilterRowsState;
  impute: ImputeState;
  outliers: OutlierState;
  'invalid-values': InvalidValuesState;
  encode: EncodeState;
  scale: ScaleState;
  'log-transform': LogTransformState;
  'date-parts': DatePartsState;
  'piecewise-linear': PiecewiseLinearState;
}

const DEFINITIONS: { readonly [K in StepKind]: StepDefinition<StepParamsByKind[K], StepStateByKind[K]> } = {
  'drop-columns': dropColumns,
  'drop-duplicates': dropDuplicates,
  'filter-rows': filterRows,
  impute,
  outliers,
  'invalid-values': invalidValues,
  encode,
  scale,
  'log-transform': logTransform,
  'date-parts': dateParts,
  'piecewise-linear': piecewiseLinear,
};

/**
 * The definition of a kind with its types erased: the runner hands each step back the params it was parsed
 * with and the state its own `fit` returned, which the per-kind types cannot express across a list.
 */
export function stepDefinition(kind: StepKind): StepDefinition<unknown, unknown> {
  return DEFINITIONS[kind] as unknown as StepDefinition<unknown, unknown>;
}
