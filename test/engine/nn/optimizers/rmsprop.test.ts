import { describe, expect, it } from 'vitest';
import { Rmsprop } from '../../../../engine/nn/optimizers/rmsprop.ts';
import { expectRows, runWorkedExample } from './param-fixture.ts';

describe('Rmsprop', () => {
  it('uses Keras defaults: lr 0.001, ρ 0.9, no momentum, ε 1e-7, not centered', () => {
    const opt = new Rmsprop();
    expect([opt.learningRate, opt.rho, opt.momentum, opt.epsilon, opt.centered]).toEqual([0.001, 0.9, 0, 1e-7, false]);
  });

  it('divides by √(s + ε) with s the running mean of g²', () => {
    // lr 0.1, ρ 0.9. t=1: s = 0.1·g² = [0.025, 0.1]; Δ = 0.1·g/√(s + ε) = [0.316227, −0.316228]; w = [0.683773, −1.683772]
    // t=2: s = 0.9·s + 0.1·g² = [0.02875, 0.49]; Δ = [0.147442, 0.285714]; w = [0.536331, −1.969487]
    // t=3: s = [0.125875, 0.466]; Δ = [−0.281858, 0.073245]; w = [0.818189, −2.042731]
    expectRows(runWorkedExample(new Rmsprop({ learningRate: 0.1 })), [
      [0.683773, -1.683772],
      [0.536331, -1.969487],
      [0.818189, -2.042731],
    ], 5);
  });

  it('centered with momentum divides by √(s − ḡ² + ε) and accumulates the steps', () => {
    // lr 0.1, ρ 0.9, μ 0.5. t=1: s = [0.025, 0.1]; ḡ = 0.1·g = [0.05, −0.1]; s − ḡ² = [0.0225, 0.09]
    //      Δ = [0.333333, −0.333333]; u = Δ; w = [0.666667, −1.666667]
    // t=2: s = [0.02875, 0.49]; ḡ = [0.07, 0.11]; s − ḡ² = [0.02385, 0.4779]; Δ = [0.161881, 0.289309]
    //      u = 0.5·u + Δ = [0.328547, 0.122642]; w = [0.338120, −1.789309]
    // t=3: s = [0.125875, 0.466]; ḡ = [−0.037, 0.149]; s − ḡ² = [0.124506, 0.443799]; Δ = [−0.283403, 0.075055]
    //      u = [−0.119130, 0.136376]; w = [0.457250, −1.925684]
    expectRows(runWorkedExample(new Rmsprop({ learningRate: 0.1, momentum: 0.5, centered: true })), [
      [0.666667, -1.666667],
      [0.33812, -1.789309],
      [0.45725, -1.925684],
    ], 5);
  });
});
