import { describe, expect, it } from 'vitest';
import type { FittedTarget } from '../../../engine/prep/types.ts';
import { selectEnsemble } from '../../../engine/search/ensemble-selection.ts';

const REGRESSION: FittedTarget = { column: 'y', task: 'regression', targetWidth: 1, outputWidth: 1, loss: 'mse' };
const y = Float32Array.from([0, 0, 1, 1]);

describe('greedy ensemble selection', () => {
  it('adds the candidate whose average lowers the out-of-fold loss most, and stops when none does', () => {
    // best errs +0.5 on the first two rows; "opposite" errs −0.5 there (their mean is exact); "same" repeats best's error.
    const best = { id: 1, outOfFold: Float32Array.from([0.5, 0.5, 1, 1]) };
    const same = { id: 2, outOfFold: Float32Array.from([0.5, 0.5, 1, 1]) };
    const opposite = { id: 3, outOfFold: Float32Array.from([-0.5, -0.5, 1, 1]) };
    const worse = { id: 4, outOfFold: Float32Array.from([2, 2, 2, 2]) };
    const selected = selectEnsemble(REGRESSION, y, [best, same, opposite, worse], 3);
    // mse best = (0.25 + 0.25) / 4 = 0.125; with opposite: 0; nothing lowers 0 further.
    expect(selected.ids).toEqual([1, 3]);
    expect(selected.score.loss).toBe(0);
    expect(selectEnsemble(REGRESSION, y, [best, same, opposite, worse], 1).ids).toEqual([1]);
  });

  it('judges only the rows every candidate predicted out of fold (a hold-out leaves the others NaN)', () => {
    const a = { id: 1, outOfFold: Float32Array.from([NaN, 0, 1, NaN]) };
    const b = { id: 2, outOfFold: Float32Array.from([NaN, 0.2, 0.8, NaN]) };
    const selected = selectEnsemble(REGRESSION, y, [a, b], 2);
    expect(selected.ids).toEqual([1]);
    expect(selected.score.loss).toBe(0);
  });
});
