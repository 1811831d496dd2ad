/**
 * Central finite differences for the gradient checks. Values are stored as float32, so the step is large
 * enough (1e-3 relative to the value's scale) that rounding of the stored activations (~6e-8 relative) stays far
 * below the difference being measured; truncation error is O(h²). A wrong derivative is off by O(1), so the
 * tolerance below separates right from wrong by orders of magnitude.
 */
import { expect } from 'vitest';
import { Rng } from '../../../engine/nn/rng.ts';

export const STEP = 1e-3;

export function numericGradient(f: () => number, values: Float32Array, i: number, h = STEP): number {
  const original = values[i]!;
  values[i] = original + h;
  const hiStored = values[i]! - original; // the step actually taken after float32 rounding
  const up = f();
  values[i] = original - h;
  const loStored = original - values[i]!;
  const down = f();
  values[i] = original;
  return (up - down) / (hiStored + loStored);
}

export function expectGradientsClose(analytic: ArrayLike<number>, numeric: ArrayLike<number>, label: string): void {
  expect(analytic.length, label).toBe(numeric.length);
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i]!, n = numeric[i]!;
    const tolerance = 2e-3 + 2e-2 * Math.max(Math.abs(a), Math.abs(n));
    if (!(Math.abs(a - n) <= tolerance)) {
      expect.fail(`${label}[${i}]: analytic ${a} vs numeric ${n} (tolerance ${tolerance.toExponential(2)})`);
    }
  }
}

export function randomArray(n: number, rng: Rng, scale = 1, avoidNearZero = 0): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    do v = rng.uniform(-scale, scale);
    while (Math.abs(v) < avoidNearZero);
    out[i] = v;
  }
  return out;
}
