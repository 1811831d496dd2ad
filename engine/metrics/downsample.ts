/**
 * Thins a ROC curve for drawing. A curve over 100k rows can have tens of thousands of corners, far more than
 * a chart's pixels. Both rates never decrease along the curve, so the distance walked, fpr + tpr, runs from 0
 * to 2; a point is kept once the walk has moved at least `step` past the last kept point. Every dropped point
 * then lies within `step` (in fpr + tpr) of a kept one, so the whole original curve is within `step` of the
 * drawn one. `step` = 2 / (maxPoints − 2) always fits the budget (0.004 at 500 points, under a pixel on any
 * screen); a bisection finds the smallest step that still fits, since long vertical or horizontal runs leave
 * budget unused. Kept points are real points of the curve, so hovering one still reads a true threshold.
 */
import type { RocCurve } from './roc.ts';

const BISECTION_ROUNDS = 20;

function keptIndices(fpr: Float64Array, tpr: Float64Array, step: number): number[] {
  const n = fpr.length;
  const kept = [0];
  let lastWalk = fpr[0]! + tpr[0]!;
  for (let i = 1; i < n - 1; i++) {
    const walk = fpr[i]! + tpr[i]!;
    if (walk - lastWalk >= step) {
      kept.push(i);
      lastWalk = walk;
    }
  }
  kept.push(n - 1);
  return kept;
}

export function downsampleCurve(curve: RocCurve, maxPoints = 500): RocCurve {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) throw new RangeError(`maxPoints must be an integer ≥ 3, got ${maxPoints}.`);
  const { fpr, tpr, thresholds } = curve;
  if (fpr.length <= maxPoints) return curve;
  let fits = 2 / (maxPoints - 2);
  let kept = keptIndices(fpr, tpr, fits);
  let tooFine = 0;
  for (let round = 0; round < BISECTION_ROUNDS; round++) {
    const step = (tooFine + fits) / 2;
    const candidate = keptIndices(fpr, tpr, step);
    if (candidate.length <= maxPoints) {
      fits = step;
      kept = candidate;
    } else {
      tooFine = step;
    }
  }
  return {
    fpr: Float64Array.from(kept, (i) => fpr[i]!),
    tpr: Float64Array.from(kept, (i) => tpr[i]!),
    thresholds: Float64Array.from(kept, (i) => thresholds[i]!),
  };
}
