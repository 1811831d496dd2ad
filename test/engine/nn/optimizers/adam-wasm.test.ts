import { describe, expect, it } from 'vitest';
import { adamUpdateJs } from '../../../../engine/nn/optimizers/adam.ts';
import { adamUpdateWasm } from '../../../../engine/nn/optimizers/adam-wasm.ts';
import { Rng } from '../../../../engine/nn/rng.ts';

/** Values across the ranges Adam meets: ordinary, tiny, zero, negative zero, huge. */
function values(n: number, rng: Rng, scale: number): Float32Array {
  const special = [0, -0, 1e-30, -1e-30, 3e4, -3e4, 1e-7];
  return Float32Array.from({ length: n }, (_, i) => (i % 97 < special.length ? special[i % 97]! : (rng.next() * 2 - 1) * scale));
}

describe("Adam's update on the WASM kernels", () => {
  it('is bit-identical to the JavaScript loop, step after step, odd lengths included', () => {
    const rng = new Rng(3);
    for (const n of [1, 2, 3, 257, 1001, 8256]) {
      const w = values(n, rng, 0.5), m = new Float32Array(n), v = new Float32Array(n);
      const [wj, mj, vj] = [w.slice(), m.slice(), v.slice()];
      for (let step = 1; step <= 5; step++) {
        const g = values(n, rng, 0.01 * step);
        const alpha = (0.001 * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step);
        expect(adamUpdateWasm(w, g, m, v, 0.1, 0.001, alpha, 1e-7)).toBe(true);
        adamUpdateJs(wj, g, mj, vj, 0.1, 0.001, alpha, 1e-7);
        expect(Array.from(w)).toEqual(Array.from(wj));
        expect(Array.from(m)).toEqual(Array.from(mj));
        expect(Array.from(v)).toEqual(Array.from(vj));
      }
    }
  });
});
