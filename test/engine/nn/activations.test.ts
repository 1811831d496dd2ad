import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, erf, getActivation, sigmoid, softplus } from '../../../engine/nn/activations.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { expectGradientsClose, numericGradient, randomArray } from './gradient-check.ts';

const ROWS = 3, WIDTH = 4;

describe('activations', () => {
  for (const name of ACTIVATIONS) {
    it(`${name}: backward matches finite differences of forward`, () => {
      const rng = new Rng(11);
      const act = getActivation(name);
      // Inputs kept away from 0 so the finite difference never straddles a kink (relu, leaky_relu, elu).
      const z = randomArray(ROWS * WIDTH, rng, 3, 0.05);
      const weights = randomArray(ROWS * WIDTH, rng, 1); // L = Σ c·a, so dL/da = c
      const a = new Float32Array(ROWS * WIDTH);
      const loss = (): number => {
        act.forward(z, a, ROWS, WIDTH);
        let s = 0;
        for (let i = 0; i < a.length; i++) s += weights[i]! * a[i]!;
        return s;
      };
      loss();
      const gradZ = new Float32Array(ROWS * WIDTH);
      act.backward(z, a, weights, gradZ, ROWS, WIDTH);
      const numeric = Array.from(z, (_, i) => numericGradient(loss, z, i));
      expectGradientsClose(gradZ, numeric, name);
    });
  }

  // Expected values computed independently with Python's math module (math.erf, math.expm1, math.log1p).
  it('computes known values (Keras formulas)', () => {
    const z = Float32Array.from([-2, -0.5, 0.5, 2]);
    const out = new Float32Array(4);
    const values = (name: string): number[] => {
      getActivation(name).forward(z, out, 1, 4);
      return Array.from(out);
    };
    const close = (got: number[], want: number[]): void => got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 6));
    close(values('relu'), [0, 0, 0.5, 2]);
    close(values('leaky_relu'), [-0.4, -0.1, 0.5, 2]);
    close(values('elu'), [Math.expm1(-2), Math.expm1(-0.5), 0.5, 2]);
    close(values('selu'), [-1.5201665, -0.6917582, 0.5253505, 2.101402]);
    close(values('gelu'), [-0.04550026, -0.15426877, 0.34573123, 1.9544997]);
    close(values('softplus'), [0.12692801, 0.47407698, 0.97407698, 2.12692801]);
    close(values('swish'), [-0.23840584, -0.18877033, 0.31122967, 1.76159416]);
    const soft = values('softmax');
    expect(soft.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    close(soft, [0.01383847, 0.06201971, 0.16858706, 0.75555476]);
  });

  it('stays finite for extreme inputs', () => {
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    const z = Float32Array.from([1000, -1000, 0]);
    const out = new Float32Array(3);
    getActivation('softmax').forward(z, out, 1, 3);
    expect(Array.from(out)).toEqual([1, 0, 0]);
  });

  it('computes erf to float32 precision', () => {
    // Reference values of erf from Abramowitz & Stegun table 7.1.
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 7);
    expect(erf(-2)).toBeCloseTo(-0.9953222650, 7);
  });

  it('rejects an unknown activation with the list of valid ones', () => {
    expect(() => getActivation('rleu')).toThrow(/Unknown activation "rleu".*relu/);
  });
});
