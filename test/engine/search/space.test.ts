import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/nn/rng.ts';
import { portfolio } from '../../../engine/search/portfolio.ts';
import { configAt, pointOf, proposeConfig, randomConfig, type SpaceContext } from '../../../engine/search/space.ts';

const CONTEXT: SpaceContext = { rows: 5000, classification: true, pieces: true, epochs: 100 };

describe('the search space', () => {
  it('reads the portfolio configs back from their positions', () => {
    for (const config of portfolio(CONTEXT)) {
      const back = configAt(pointOf(config, CONTEXT), CONTEXT);
      expect(back.hidden).toEqual(config.hidden);
      expect(back.inputs).toBe(config.inputs);
      expect(back.batchSize).toBe(config.batchSize);
      expect(back.learningRate).toBeCloseTo(config.learningRate, 6);
      expect(back.dropout).toBe(config.dropout);
      expect(back.l2).toBeCloseTo(config.l2, 8);
    }
  });

  it('draws depth 0–4, widths 16–512, learning rates 1e-4–1e-2 and batch sizes a quarter of the rows at most', () => {
    const rng = new Rng(3);
    const configs = Array.from({ length: 400 }, () => randomConfig(rng, { ...CONTEXT, rows: 200 }));
    expect(new Set(configs.map((c) => c.hidden.length))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(configs.every((c) => c.hidden.every((w) => w >= 8 && w <= 512))).toBe(true);
    expect(configs.every((c) => c.learningRate >= 1e-4 && c.learningRate <= 1e-2)).toBe(true);
    expect(configs.every((c) => c.batchSize <= 50)).toBe(true);
    expect(configs.some((c) => c.l2 === 0) && configs.some((c) => c.l2 > 0)).toBe(true);
    expect(configs.every((c) => c.hidden.length > 0 || c.dropout === 0)).toBe(true);
  });

  it('draws dropout in steps of 0.05 from 0 to 0.5, never a rate like 0.0009 from a position near 0', () => {
    const base = pointOf(portfolio(CONTEXT)[0]!, CONTEXT);
    // 0.0018 × 0.5 = 0.0009, which one significant digit kept as it was.
    expect(configAt({ ...base, dropout: 0.0018 }, CONTEXT).dropout).toBe(0);
    expect(configAt({ ...base, dropout: 0.05 }, CONTEXT).dropout).toBe(0.05);
    const rates = Array.from({ length: 1001 }, (_, i) => configAt({ ...base, dropout: i / 1000 }, CONTEXT).dropout);
    expect(new Set(rates)).toEqual(new Set([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]));
  });

  it('proposes configs near the best ones once there are enough, the same for the same seed', () => {
    const rng = new Rng(1);
    const tried = Array.from({ length: 30 }, () => randomConfig(rng, CONTEXT));
    // "Best" = the widest first-layer networks: proposals should lean wide.
    const ranked = [...tried].sort((a, b) => (b.hidden[0] ?? 0) - (a.hidden[0] ?? 0));
    const proposals = Array.from({ length: 20 }, (_, i) => proposeConfig(ranked, new Rng(100 + i), CONTEXT));
    const wide = proposals.filter((c) => (c.hidden[0] ?? 0) >= 256).length;
    expect(wide).toBeGreaterThan(10);
    expect(proposeConfig(ranked, new Rng(7), CONTEXT)).toEqual(proposeConfig(ranked, new Rng(7), CONTEXT));
  });
});
