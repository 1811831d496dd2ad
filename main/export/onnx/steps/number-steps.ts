/** Arithmetic on number columns, in doubles as Layerlab computes it: scaling and the signed log transform. */
import { div, signedLog1p, sub } from '../ops.ts';
import type { StepEmitter } from './context.ts';

/** x' = (x − center) / scale: standard, min-max and robust scaling differ only in what they learned. */
export const scale: StepEmitter<'scale'> = ({ g, columns }, s) => {
  for (const { column, center, scale: spread } of s.columns) {
    const x = columns.number(column);
    columns.set(column, { kind: 'number', tensor: div(g, sub(g, x.tensor, g.double(center)), g.double(spread), `${column}/scaled`), fromFloat: false });
  }
};

export const logTransform: StepEmitter<'log-transform'> = ({ g, columns }, s) => {
  for (const column of s.columns) {
    columns.set(column, { kind: 'number', tensor: signedLog1p(g, columns.number(column).tensor, `${column}/log`), fromFloat: false });
  }
};
