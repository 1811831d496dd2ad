/** Steps that rewrite cells with values learned from the training rows: missing-value fills and outlier bounds. */
import { indicatorName } from '../../../../engine/prep/steps/impute.ts';
import { codeOf, MISSING } from '../columns.ts';
import { reasons } from '../messages.ts';
import { cast, equal, greater, isNaN, less, where } from '../ops.ts';
import { bound, missing, type StepEmitter } from './context.ts';

export const impute: StepEmitter<'impute'> = ({ g, columns, rejections }, s) => {
  if (s.strategy === 'drop-rows') {
    for (const { column } of s.columns) rejections.add(missing(g, columns.get(column)), reasons.emptyDropped(column));
    return;
  }
  for (const spec of s.columns) {
    const column = columns.get(spec.column);
    const empty = missing(g, column);
    const hint = `${spec.column}/filled`;
    const filled =
      column.kind === 'number'
        ? { ...column, tensor: where(g, isNaN(g, column.tensor), g.double(Number(spec.fill)), column.tensor, hint) }
        : { ...column, tensor: where(g, equal(g, column.tensor, g.int64(MISSING)), g.int64(codeOf(column.vocabulary, String(spec.fill))), column.tensor, hint) };
    const flag = spec.indicator ? [{ name: indicatorName(spec.column), value: { kind: 'number' as const, tensor: cast(g, empty, 'double', indicatorName(spec.column)), fromFloat: false } }] : [];
    columns.replace(spec.column, [{ name: spec.column, value: filled }, ...flag]);
  }
};

export const outliers: StepEmitter<'outliers'> = ({ g, columns, rejections }, s) => {
  for (const { column, low, high } of s.bounds) {
    const x = columns.number(column);
    const below = less(g, x.tensor, bound(g, x, low));
    const above = greater(g, x.tensor, bound(g, x, high));
    if (s.action === 'remove') {
      rejections.add(below, reasons.belowBound(column, low));
      rejections.add(above, reasons.aboveBound(column, high));
    } else {
      columns.set(column, { ...x, tensor: where(g, below, g.double(low), where(g, above, g.double(high), x.tensor), `${column}/clipped`) });
    }
  }
};
