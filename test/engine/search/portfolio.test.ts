import { describe, expect, it } from 'vitest';
import { portfolio } from '../../../engine/search/portfolio.ts';
import { CROSS_VALIDATION_MAX_ROWS } from '../../../engine/search/search-data.ts';
import type { SpaceContext } from '../../../engine/search/space.ts';

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
    expect(regression.map((c) => [c.inputs, c.hidden])).toEqual(classes.map((c) => [c.inputs, c.hidden]));
  });
});
