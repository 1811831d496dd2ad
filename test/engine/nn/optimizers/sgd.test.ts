import { describe, expect, it } from 'vitest';
import { Sgd } from '../../../../engine/nn/optimizers/sgd.ts';
import { expectRows, param, runWorkedExample, setGrad } from './param-fixture.ts';

describe('Sgd', () => {
  it('uses Keras defaults: learning rate 0.01, no momentum, no Nesterov', () => {
    const opt = new Sgd();
    expect([opt.learningRate, opt.momentum, opt.nesterov]).toEqual([0.01, 0, false]);
  });

  it('plain SGD steps w ← w − lr·g', () => {
    // lr 0.1: w1 = [1 − 0.05, −2 + 0.1] = [0.95, −1.9]; w2 = [0.95 − 0.025, −1.9 − 0.2] = [0.925, −2.1];
    // w3 = [0.925 + 0.1, −2.1 − 0.05] = [1.025, −2.15]
    expectRows(runWorkedExample(new Sgd({ learningRate: 0.1 })), [
      [0.95, -1.9],
      [0.925, -2.1],
      [1.025, -2.15],
    ], 6);
  });

  it('momentum keeps a velocity v ← μ·v − lr·g and steps w ← w + v', () => {
    // μ 0.9, lr 0.1. v1 = −0.1·g1 = [−0.05, 0.1];          w1 = [0.95, −1.9]
    // v2 = 0.9·v1 − 0.1·g2 = [−0.045 − 0.025, 0.09 − 0.2] = [−0.07, −0.11];  w2 = [0.88, −2.01]
    // v3 = 0.9·v2 − 0.1·g3 = [−0.063 + 0.1, −0.099 − 0.05] = [0.037, −0.149]; w3 = [0.917, −2.159]
    expectRows(runWorkedExample(new Sgd({ learningRate: 0.1, momentum: 0.9 })), [
      [0.95, -1.9],
      [0.88, -2.01],
      [0.917, -2.159],
    ], 6);
  });

  it('Nesterov steps w ← w + μ·v − lr·g with the updated velocity', () => {
    // Same velocities as above. w1 = w0 + 0.9·[−0.05, 0.1] − 0.1·[0.5, −1] = [0.905, −1.81]
    // w2 = w1 + 0.9·[−0.07, −0.11] − 0.1·[0.25, 2] = [0.905 − 0.063 − 0.025, −1.81 − 0.099 − 0.2] = [0.817, −2.109]
    // w3 = w2 + 0.9·[0.037, −0.149] − 0.1·[−1, 0.5] = [0.817 + 0.0333 + 0.1, −2.109 − 0.1341 − 0.05] = [0.9503, −2.2931]
    expectRows(runWorkedExample(new Sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })), [
      [0.905, -1.81],
      [0.817, -2.109],
      [0.9503, -2.2931],
    ], 6);
  });

  it('keeps the velocity earned at the old rate when the learning rate drops (Keras, not TF.js, semantics)', () => {
    // Step 1 at lr 0.1, g = 1: v = −0.1, w = −0.1. Step 2 at lr 0.01, g = 1: v = 0.9·(−0.1) − 0.01 = −0.1, w = −0.2.
    // TF.js' accumulator form would give w = −0.1 − 0.01·(0.9·1 + 1) = −0.119.
    const opt = new Sgd({ learningRate: 0.1, momentum: 0.9 });
    const w = param('w', [0]);
    setGrad(w, [1]);
    opt.step([w]);
    opt.learningRate = 0.01;
    opt.step([w]);
    expect(w.value[0]).toBeCloseTo(-0.2, 7);
  });

  it('never touches a non-trainable param and keeps no state for it', () => {
    const opt = new Sgd({ learningRate: 0.1, momentum: 0.9 });
    const stats = param('batch_normalization/moving_mean', [3, 4], false);
    setGrad(stats, [1, 1]);
    opt.step([stats]);
    expect(Array.from(stats.value)).toEqual([3, 4]);
    expect(opt.getState().slots).toEqual({});
    expect(opt.iterations).toBe(1);
  });
});
