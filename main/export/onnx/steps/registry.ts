/**
 * Every recipe step kind, mapped to its ONNX emitter or refused by name. The type lists every kind, so a new
 * kind does not compile until it is mapped here (one emitter, usually a few lines) or refused with the reason a
 * user reads; docs/model-format.md lists the refused kinds.
 */
import type { StepKind } from '../../../../engine/prep/steps/params.ts';
import type { Refusal, StepEmitter } from './context.ts';
import { dateParts } from './date-parts-step.ts';
import { encode } from './encode-step.ts';
import { impute, outliers } from './fill-steps.ts';
import { logTransform, piecewiseLinear, scale } from './number-steps.ts';
import { dropColumns, dropDuplicates, filterRows, invalidValues } from './row-steps.ts';

export const STEP_EMITTERS: { readonly [K in StepKind]: StepEmitter<K> | Refusal } = {
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

/** The step kinds the export refuses, with why: listed in the docs, and empty while every kind maps. */
export function refusedStepKinds(): { kind: StepKind; why: string }[] {
  return Object.entries(STEP_EMITTERS).flatMap(([kind, entry]) => ('refused' in entry ? [{ kind: kind as StepKind, why: entry.refused }] : []));
}
