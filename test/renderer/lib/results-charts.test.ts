import { describe, expect, it } from 'vitest';
import { niceAxis, rocPoint } from '../../../renderer/src/lib/results/charts.ts';

describe('Evaluate chart helpers', () => {
  it('rounds scatter axes outwards to a 1-2-5 step so ticks read as round numbers', () => {
    expect(niceAxis(-237_000, 674_573)).toEqual({ min: -400_000, max: 800_000, interval: 200_000 });
    expect(niceAxis(0.12, 0.93)).toEqual({ min: 0, max: 1, interval: 0.2 });
    expect(niceAxis(5, 5)).toEqual({ min: 4, max: 6, interval: 1 });
  });

  it("places the threshold's point on the ROC plane from the confusion matrix", () => {
    expect(rocPoint([[90, 10], [20, 80]])).toEqual({ fpr: 0.1, tpr: 0.8 });
    expect(rocPoint([[0, 0], [20, 80]]), 'no negatives: no false positive rate').toBeNull();
  });
});
