import { describe, expect, it } from 'vitest';
import { clipGradients } from '../../../engine/nn/clip.ts';
import { Sgd } from '../../../engine/nn/optimizers/sgd.ts';
import { param, setGrad } from './optimizers/param-fixture.ts';

function twoParams(): ReturnType<typeof param>[] {
  const kernel = param('dense/kernel', [0, 0]);
  const bias = param('dense/bias', [0, 0]);
  setGrad(kernel, [3, 4]); // norm 5
  setGrad(bias, [0.3, 0.4]); // norm 0.5
  return [kernel, bias];
}

const values = (p: ReturnType<typeof param>): number[] => Array.from(p.grad);

describe('clipGradients', () => {
  it('clipnorm rescales each gradient on its own to norm ≤ clipnorm (Keras clipnorm)', () => {
    const [kernel, bias] = twoParams();
    clipGradients([kernel!, bias!], { clipnorm: 1 });
    // [3, 4]·1/5 = [0.6, 0.8]; the bias' norm 0.5 is under the limit and stays.
    expect(values(kernel!)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(values(bias!)).toEqual([Math.fround(0.3), Math.fround(0.4)]);
  });

  it('globalClipnorm rescales all gradients by one factor so that their joint norm is the limit', () => {
    const [kernel, bias] = twoParams();
    clipGradients([kernel!, bias!], { globalClipnorm: 1 });
    // joint norm √(25 + 0.25) = 5.024938; every value is divided by it.
    const k = 1 / Math.sqrt(25.25);
    const got = [...values(kernel!), ...values(bias!)];
    [3 * k, 4 * k, 0.3 * k, 0.4 * k].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 7));
  });

  it('globalClipnorm leaves gradients alone when their joint norm is under the limit', () => {
    const [kernel, bias] = twoParams();
    clipGradients([kernel!, bias!], { globalClipnorm: 6 });
    expect(values(kernel!)).toEqual([3, 4]);
  });

  it('globalClipnorm turns every gradient into NaN when the joint norm is not finite, as Keras does', () => {
    const [kernel, bias] = twoParams();
    kernel!.grad[0] = Infinity;
    clipGradients([kernel!, bias!], { globalClipnorm: 1 });
    expect([...values(kernel!), ...values(bias!)].every(Number.isNaN)).toBe(true);
  });

  it('clipvalue clamps every component to [−clipvalue, clipvalue]', () => {
    const p = param('w', [0, 0, 0]);
    setGrad(p, [3, -4, 0.25]);
    clipGradients([p], { clipvalue: 0.5 });
    expect(values(p)).toEqual([0.5, -0.5, 0.25]);
  });

  it('ignores non-trainable params, also when computing the global norm', () => {
    const [kernel] = twoParams();
    const stats = param('batch_normalization/moving_mean', [0, 0], false);
    setGrad(stats, [100, 100]);
    clipGradients([kernel!, stats], { globalClipnorm: 10 });
    expect(values(kernel!)).toEqual([3, 4]);
    expect(values(stats)).toEqual([100, 100]);
  });

  it('is applied by the optimizer before its update', () => {
    const w = param('w', [0, 0]);
    setGrad(w, [3, 4]);
    new Sgd({ learningRate: 1, globalClipnorm: 1 }).step([w]);
    expect(Array.from(w.value)).toEqual([Math.fround(-0.6), Math.fround(-0.8)]);
  });
});
