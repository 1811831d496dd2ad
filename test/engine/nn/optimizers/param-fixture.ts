import type { Optimizer, Param } from '../../../../engine/nn/types.ts';
import { expect } from 'vitest';

/** A param holding `values`, with a gradient buffer the tests fill by hand. */
export function param(name: string, values: readonly number[], trainable = true): Param {
  return { name, shape: [values.length], value: Float32Array.from(values), grad: new Float32Array(values.length), trainable };
}

export function setGrad(p: Param, values: readonly number[]): void {
  p.grad.set(values);
}

/** Three gradients for a two-value param starting at [1, −2], used by the worked examples. */
export const GRADS = [
  [0.5, -1],
  [0.25, 2],
  [-1, 0.5],
];

/** Steps `opt` through GRADS and returns the weights after each step. */
export function runWorkedExample(opt: Optimizer): number[][] {
  const w = param('w', [1, -2]);
  return GRADS.map((g) => {
    setGrad(w, g);
    opt.step([w]);
    return Array.from(w.value);
  });
}

export function expectRows(actual: number[][], expected: number[][], digits: number): void {
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, digits)));
}
