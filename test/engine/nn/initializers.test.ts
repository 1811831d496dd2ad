import { describe, expect, it } from 'vitest';
import { initialize, INITIALIZERS } from '../../../engine/nn/initializers.ts';
import { Rng } from '../../../engine/nn/rng.ts';

function stats(values: Float32Array): { mean: number; std: number; maxAbs: number } {
  let s = 0, s2 = 0, maxAbs = 0;
  for (const v of values) { s += v; s2 += v * v; maxAbs = Math.max(maxAbs, Math.abs(v)); }
  const mean = s / values.length;
  return { mean, std: Math.sqrt(s2 / values.length - mean * mean), maxAbs };
}

describe('initializers', () => {
  const fanIn = 200, fanOut = 300;
  const draw = (name: (typeof INITIALIZERS)[number]): Float32Array => {
    const out = new Float32Array(fanIn * fanOut);
    initialize(name, out, fanIn, fanOut, new Rng(1));
    return out;
  };

  // Keras' variance-scaling targets: each scheme's weights have variance scale/n (n = fan_in or the mean of both fans).
  const cases = [
    ['glorot_uniform', Math.sqrt(2 / (fanIn + fanOut)), Math.sqrt(6 / (fanIn + fanOut))],
    ['he_uniform', Math.sqrt(2 / fanIn), Math.sqrt(6 / fanIn)],
    ['glorot_normal', Math.sqrt(2 / (fanIn + fanOut)), 2 * Math.sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978],
    ['he_normal', Math.sqrt(2 / fanIn), 2 * Math.sqrt(2 / fanIn) / 0.87962566103423978],
    ['lecun_normal', Math.sqrt(1 / fanIn), 2 * Math.sqrt(1 / fanIn) / 0.87962566103423978],
  ] as const;
  for (const [name, std, bound] of cases) {
    it(`${name}: zero mean, std ${std.toFixed(4)}, all values within ${bound.toFixed(4)}`, () => {
      const s = stats(draw(name));
      expect(Math.abs(s.mean)).toBeLessThan(std / 50);
      expect(s.std / std).toBeGreaterThan(0.98);
      expect(s.std / std).toBeLessThan(1.02);
      expect(s.maxAbs).toBeLessThanOrEqual(bound * (1 + 1e-6));
    });
  }

  it('zeros and ones are constant', () => {
    expect(draw('zeros').every((v) => v === 0)).toBe(true);
    expect(draw('ones').every((v) => v === 1)).toBe(true);
  });
});
