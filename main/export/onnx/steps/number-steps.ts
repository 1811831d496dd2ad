/** Arithmetic on number columns, in doubles as Layerlab computes it: scaling, the signed log transform, pieces. */
import { pieceName } from '../../../../engine/prep/steps/piecewise-linear.ts';
import { div, greater, less, signedLog1p, sub, where } from '../ops.ts';
import type { StepEmitter } from './context.ts';

/** x' = (x − center) / scale: standard, min-max and robust scaling differ only in what they learned. */
export const scale: StepEmitter<'scale'> = ({ g, columns }, s) => {
  for (const { column, center, scale: spread } of s.columns) {
    const x = columns.number(column);
    columns.set(column, { kind: 'number', tensor: div(g, sub(g, x.tensor, g.double(center)), g.double(spread), `${column}/scaled`), fromFloat: false });
  }
};

/**
 * Each column replaced in place by its pieces: (x − b_{t−1}) / (b_t − b_{t−1}), at most 1 below the last piece,
 * at least 0 above the first. Clipped with comparisons, which are false for NaN, so an empty cell stays empty.
 */
export const piecewiseLinear: StepEmitter<'piecewise-linear'> = ({ g, columns }, s) => {
  for (const { column, edges } of s.columns) {
    const x = columns.number(column).tensor;
    const last = edges.length - 1;
    const pieces = Array.from({ length: last }, (_, i) => {
      const t = i + 1;
      const name = pieceName(column, t);
      let v = div(g, sub(g, x, g.double(edges[t - 1]!)), g.double(edges[t]! - edges[t - 1]!));
      if (t < last) v = where(g, greater(g, v, g.double(1)), g.double(1), v);
      if (t > 1) v = where(g, less(g, v, g.double(0)), g.double(0), v);
      return { name, value: { kind: 'number' as const, tensor: g.op('Identity', [v], {}, { hint: name }), fromFloat: false } };
    });
    columns.replace(column, pieces);
  }
};

export const logTransform: StepEmitter<'log-transform'> = ({ g, columns }, s) => {
  for (const column of s.columns) {
    columns.set(column, { kind: 'number', tensor: signedLog1p(g, columns.number(column).tensor, `${column}/log`), fromFloat: false });
  }
};
