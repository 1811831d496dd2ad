/**
 * Thins a ROC curve for drawing. A curve over 100k rows can have tens of thousands of corners, far more than
 * a chart's pixels. Both rates never decrease along the curve, so the distance walked, fpr + tpr, runs from 0
 * to 2; a point is kept once the walk has moved at least `step` = 2 / (maxPoints − 2) past the last kept point.
 * Every dropped point lies within `step` (in fpr + tpr) of a kept one, so every point of the original curve is
 * within `step` of the drawn one — 0.004 at 500 points, under a pixel on any screen. Kept points are real
 * points of the curve, thresholds included, so hovering one still reads a true threshold.
 */
import type { RocCurve } from './roc.ts';

export function downsampleCurve(curve: RocCurve, maxPoints = 500): RocCurve {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) throw new RangeError(`maxPoints must be an integer ≥ 3, got ${maxPoints}.`);
  const { fpr, tpr, thresholds } = curve;
  const n = fpr.length;
  if (n <= maxPoints) return curve;
  const step = 2 / (maxPoints - 2);
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
  return {
    fpr: Float64Array.from(kept, (i) => fpr[i]!),
    tpr: Float64Array.from(kept, (i) => tpr[i]!),
    thresholds: Float64Array.from(kept, (i) => thresholds[i]!),
  };
}
