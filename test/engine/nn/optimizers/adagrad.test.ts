import { describe, expect, it } from 'vitest';
import { Adagrad } from '../../../../engine/nn/optimizers/adagrad.ts';
import { expectRows, param, runWorkedExample } from './param-fixture.ts';

describe('Adagrad', () => {
  it('uses Keras defaults: lr 0.001, initial accumulator 0.1, ε 1e-7', () => {
    const opt = new Adagrad();
    expect([opt.learningRate, opt.epsilon]).toEqual([0.001, 1e-7]);
    const w = param('w', [0]);
    opt.step([w]);
    expect(opt.getState().slots['w']).toEqual({ accumulator: [Math.fround(0.1)] });
  });

  it('divides by √(a + ε) with a the sum of g² since the start', () => {
    // lr 0.1. t=1: a = 0.1 + g² = [0.35, 1.1]; w = [1 − 0.05/√0.35, −2 + 0.1/√1.1] = [0.915485, −1.904654]
    // t=2: a = [0.4125, 5.1]; w = [0.876560, −1.993215]
    // t=3: a = [1.4125, 5.35]; w = [0.960700, −2.014832]
    expectRows(runWorkedExample(new Adagrad({ learningRate: 0.1 })), [
      [0.915485, -1.904654],
      [0.87656, -1.993215],
      [0.9607, -2.014832],
    ], 5);
  });
});
