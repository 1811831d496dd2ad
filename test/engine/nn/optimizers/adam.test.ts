import { describe, expect, it } from 'vitest';
import { Adam } from '../../../../engine/nn/optimizers/adam.ts';
import { AdamW } from '../../../../engine/nn/optimizers/adamw.ts';
import { param, setGrad } from './param-fixture.ts';

describe('Adam', () => {
  it('uses Keras defaults: lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7, no AMSGrad, no weight decay', () => {
    const opt = new Adam();
    expect([opt.learningRate, opt.beta1, opt.beta2, opt.epsilon, opt.amsgrad, opt.weightDecay]).toEqual([0.001, 0.9, 0.999, 1e-7, false, 0]);
  });

  it('minimizes Σw² from [2, 4] as worked out by hand (TF.js adam_optimizer_test setup)', () => {
    const opt = new Adam({ learningRate: 0.1, beta1: 0.8, beta2: 0.9 });
    const w = param('x', [2, 4]);
    const step = (): number[] => {
      setGrad(w, [2 * w.value[0]!, 2 * w.value[1]!]);
      opt.step([w]);
      return Array.from(w.value);
    };
    // t=1: g = [4, 8]; m = 0.2·g = [0.8, 1.6]; v = 0.1·g² = [1.6, 6.4]; m̂ = [4, 8]; v̂ = [16, 64]
    //      α = 0.1·√(1 − 0.9)/(1 − 0.8) = 0.158113883; w = w − α·m/(√v + ε) = [1.9, 3.9]
    const w1 = step();
    expect(w1[0]).toBeCloseTo(1.9, 6);
    expect(w1[1]).toBeCloseTo(3.9, 6);
    // t=2: g = [3.8, 7.8]; m = 0.8·m + 0.2·g = [1.4, 2.84]; v = 0.9·v + 0.1·g² = [2.884, 11.844]
    //      m̂ = m/0.36 = [3.888889, 7.888889]; v̂ = v/0.19 = [15.178947, 62.336842]; α = 0.121080526
    //      w = [1.9 − 0.0998170, 3.9 − 0.0999179] = [1.800183, 3.800082]
    const w2 = step();
    expect(w2[0]).toBeCloseTo(1.800183, 5);
    expect(w2[1]).toBeCloseTo(3.800082, 5);
    // t=3: g = [3.600366, 7.600164]; m = [1.840073, 3.792033]; v = [3.891863, 16.435850]
    //      m̂ = [3.770642, 7.770559]; v̂ = [14.361120, 60.648891]; α = 0.106675533; w = [1.700683, 3.700303]
    const w3 = step();
    expect(w3[0]).toBeCloseTo(1.700683, 5);
    expect(w3[1]).toBeCloseTo(3.700303, 5);
    expect(opt.iterations).toBe(3);
  });

  it('adds epsilon to √v and scales it with the step (Keras\' ε-hat), not to √v̂ as TF.js does', () => {
    // ε = 0.1, lr 0.1, g = 0.5: m = 0.05, v = 0.00025, α = 0.1·√0.001/0.1 = 0.0316228
    // Keras: w = −α·m/(√v + ε) = −0.00158114/(0.0158114 + 0.1) = −0.0136527
    // TF.js: w = −lr·m̂/(√v̂ + ε) = −0.1·0.5/(0.5 + 0.1) = −0.0833333
    const opt = new Adam({ learningRate: 0.1, epsilon: 0.1 });
    const w = param('w', [0]);
    setGrad(w, [0.5]);
    opt.step([w]);
    expect(w.value[0]).toBeCloseTo(-0.0136527, 6);
  });

  it('AMSGrad steps with the running maximum of v', () => {
    // β₂ 0.5 so that v falls: t=1 g=1: m = 0.1, v = 0.5, v̂max = 0.5, α = 0.1·√0.5/0.1 = 0.707107, w = 1 − 0.1·0.707107/0.707107 = 0.9
    // t=2 g=0.1: m = 0.09 + 0.01 = 0.1, v = 0.25 + 0.005 = 0.255, v̂max = max(0.5, 0.255) = 0.5
    //      α = 0.1·√0.75/0.19 = 0.455803; w = 0.9 − 0.455803·0.1/√0.5 = 0.835540 (plain Adam: 0.9 − 0.0455803/√0.255 = 0.809738)
    const run = (amsgrad: boolean): number => {
      const opt = new Adam({ learningRate: 0.1, beta2: 0.5, amsgrad });
      const w = param('w', [1]);
      for (const g of [1, 0.1]) {
        setGrad(w, [g]);
        opt.step([w]);
      }
      return w.value[0]!;
    };
    expect(run(true)).toBeCloseTo(0.83554, 5);
    expect(run(false)).toBeCloseTo(0.809738, 5);
  });
});

describe('AdamW', () => {
  it('defaults to Keras\' weight decay 0.004 on top of Adam\'s defaults', () => {
    const opt = new AdamW();
    expect([opt.kind, opt.weightDecay, opt.learningRate, opt.epsilon]).toEqual(['adamw', 0.004, 0.001, 1e-7]);
  });

  it('decays the weights by w·weightDecay·lr before the Adam step', () => {
    // wd 0.1, lr 0.1, w = 2, g = 0.5. t=1: decay w = 2 − 2·0.01 = 1.98; Adam step α·m/(√v + ε) = 0.0316228·0.05/0.0158115 = 0.0999994
    //      w = 1.8800006. t=2: decay w = 1.8800006·0.99 = 1.8612006; m = 0.095, v = 0.00049975, α = 0.0235317
    //      step = 0.0235317·0.095/(0.0223551 + 1e-7) = 0.0999995; w = 1.7612011
    const opt = new AdamW({ learningRate: 0.1, weightDecay: 0.1 });
    const w = param('w', [2]);
    setGrad(w, [0.5]);
    opt.step([w]);
    expect(w.value[0]).toBeCloseTo(1.8800006, 6);
    setGrad(w, [0.5]);
    opt.step([w]);
    expect(w.value[0]).toBeCloseTo(1.7612011, 6);
  });

  it('does not decay non-trainable params', () => {
    const opt = new AdamW({ weightDecay: 0.5, learningRate: 0.5 });
    const stats = param('batch_normalization/moving_variance', [1, 2], false);
    opt.step([stats]);
    expect(Array.from(stats.value)).toEqual([1, 2]);
  });
});
