import { describe, expect, it } from 'vitest';
import { portfolio } from '../../../engine/search/portfolio.ts';
import { CROSS_VALIDATION_MAX_ROWS } from '../../../engine/search/search-data.ts';
import type { SpaceContext } from '../../../engine/search/space.ts';
import { settingsOf } from '../../../engine/search/trial-config.ts';

const SMALL: SpaceContext = { rows: 400, classification: true, pieces: true, epochs: 180 };
const LARGE: SpaceContext = { ...SMALL, rows: CROSS_VALIDATION_MAX_ROWS * 4 };
const isWidePenalized = (c: { hidden: readonly number[]; l2: number; dropout: number }): boolean => c.hidden.join() === '256,256' && c.l2 === 1e-4 && c.dropout === 0;

describe('the portfolio of first configs', () => {
  it('adds a wide L2-penalized network without dropout on small (cross-validated) tables only', () => {
    expect(portfolio(SMALL).filter(isWidePenalized)).toHaveLength(1);
    expect(portfolio(LARGE).some(isWidePenalized)).toBe(false);
    expect(portfolio(SMALL)).toHaveLength(portfolio(LARGE).length + 1);
  });

  it('trains regression networks without dropout and keeps the same shapes as for classes', () => {
    const regression = portfolio({ ...SMALL, classification: false });
    const classes = portfolio(SMALL);
    expect(regression.every((c) => c.dropout === 0)).toBe(true);
    expect(classes.some((c) => c.dropout > 0)).toBe(true);
    expect(regression.filter((c) => !c.fixedEpochs).map((c) => [c.inputs, c.hidden])).toEqual(classes.map((c) => [c.inputs, c.hidden]));
  });

  it('adds a wide network in pieces trained 100 epochs without early stopping for small regression tables only', () => {
    const fixed = portfolio({ ...SMALL, classification: false }).filter((c) => c.fixedEpochs);
    expect(fixed).toHaveLength(1);
    expect(fixed[0]).toMatchObject({ inputs: 'pieces', hidden: [256, 256], epochs: 100, dropout: 0 });
    expect(settingsOf(fixed[0]!, 1).earlyStopping).toBe(false);
    expect(portfolio({ ...SMALL, classification: false, epochs: 40 }).find((c) => c.fixedEpochs)!.epochs).toBe(40);
    for (const context of [SMALL, { ...LARGE, classification: false }, { ...SMALL, classification: false, pieces: false }]) {
      expect(portfolio(context).some((c) => c.fixedEpochs)).toBe(false);
    }
    expect(portfolio(SMALL).every((c) => settingsOf(c, 1).earlyStopping !== false)).toBe(true);
  });
});
