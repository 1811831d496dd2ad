/**
 * Small compositions of ONNX operators the step emitters share. Column values are [N, 1] tensors: doubles for
 * numbers (NaN for an empty cell), int64 codes for labels (see columns.ts), booleans for row conditions.
 */
import type { GraphBuilder } from './graph-builder.ts';
import { int } from './onnx-proto.ts';

type G = GraphBuilder;

export const add = (g: G, a: string, b: string, hint?: string): string => g.op('Add', [a, b], {}, { hint });
export const sub = (g: G, a: string, b: string, hint?: string): string => g.op('Sub', [a, b], {}, { hint });
export const mul = (g: G, a: string, b: string, hint?: string): string => g.op('Mul', [a, b], {}, { hint });
export const div = (g: G, a: string, b: string, hint?: string): string => g.op('Div', [a, b], {}, { hint });
export const where = (g: G, condition: string, then: string, otherwise: string, hint?: string): string => g.op('Where', [condition, then, otherwise], {}, { hint });
export const less = (g: G, a: string, b: string): string => g.op('Less', [a, b]);
export const greater = (g: G, a: string, b: string): string => g.op('Greater', [a, b]);
export const equal = (g: G, a: string, b: string): string => g.op('Equal', [a, b]);
export const not = (g: G, a: string): string => g.op('Not', [a]);
export const isNaN = (g: G, x: string): string => g.op('IsNaN', [x]);
export const isInfinite = (g: G, x: string): string => g.op('IsInf', [x]);
export const floor = (g: G, x: string): string => g.op('Floor', [x]);

/** ONNX TensorProto.DataType codes for Cast's `to`. */
const CAST_TO = { float: 1, int64: 7, bool: 9, double: 11 } as const;

export const cast = (g: G, x: string, to: keyof typeof CAST_TO, hint?: string): string => g.op('Cast', [x], { to: int(CAST_TO[to]) }, { hint });

/** True where any of the conditions is; an empty list is an error (no condition, no tensor shape). */
export function anyOf(g: G, conditions: readonly string[]): string {
  if (conditions.length === 0) throw new Error('anyOf: no conditions');
  return conditions.reduce((a, b) => g.op('Or', [a, b]));
}

export const and = (g: G, a: string, b: string): string => g.op('And', [a, b]);

/** a ≥ b and a ≤ b as one operator each (GreaterOrEqual and LessOrEqual are opset 12). */
export const atLeast = (g: G, a: string, b: string): string => g.op('GreaterOrEqual', [a, b]);
export const atMost = (g: G, a: string, b: string): string => g.op('LessOrEqual', [a, b]);

/** x with every NaN (an empty cell) replaced by `fill`. */
export function fillNaN(g: G, x: string, fill: number, hint?: string): string {
  return where(g, isNaN(g, x), g.double(fill), x, hint);
}

/**
 * sign(x)·ln(1 + |x|) with log1p's accuracy: ONNX has no Log1p, and ln(1 + a) loses the low digits of a small
 * a. Goldberg's correction, ln(u)·(a/(u − 1)) with u = 1 + a, is exact to a few ulps (and a itself where u rounds
 * to 1); infinities pass through as log1p leaves them.
 */
export function signedLog1p(g: G, x: string, hint: string): string {
  const a = g.op('Abs', [x]);
  const u = add(g, g.double(1), a);
  const d = sub(g, u, g.double(1));
  const corrected = mul(g, g.op('Log', [u]), div(g, a, d));
  const log1p = where(g, equal(g, d, g.double(0)), a, where(g, isInfinite(g, a), a, corrected));
  return mul(g, g.op('Sign', [x]), log1p, hint);
}

/** Per-row values from a table indexed by label code: `table[code + 2]` (see columns.ts for the codes). */
export function lookup(g: G, codes: string, table: readonly number[], hint: string): string {
  const values = g.constant('double', [table.length], table, `${hint}/table`);
  const index = add(g, codes, g.int64(2));
  return g.op('Gather', [values, index], { axis: int(0) }, { hint });
}

/** Per-row membership of a label code in a set, given as one flag per code (`flags[code + 2]`). */
export function member(g: G, codes: string, flags: readonly boolean[], hint: string): string {
  return cast(g, lookup(g, codes, flags.map(Number), `${hint}/flags`), 'bool', hint);
}
