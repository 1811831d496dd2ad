import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { downsampleCurve } from '../../../engine/metrics/downsample.ts';
import { areaUnderCurve, rocCurve, type RocCurve } from '../../../engine/metrics/roc.ts';

/**
 * A real ROC with thousands of corners: UCI Adult (32,561 rows), income > 50K scored by
 * education-num × 100 + age + hours-per-week / 100. scikit-learn 1.2.1 gives it 5694 points and an AUC of
 * 0.7489795207664962.
 */
function adultCurve(): RocCurve {
  const text = readFileSync(new URL('../../../../shared/datasets/adult.csv', import.meta.url), 'utf8');
  const rows = text.split('\n').slice(1).filter((line) => line.trim() !== '').map((line) => line.split(', '));
  const labels = Int32Array.from(rows, (r) => (r[14]!.trim() === '>50K' ? 1 : 0));
  const scores = Float64Array.from(rows, (r) => Number(r[4]) * 100 + Number(r[0]) + Number(r[12]) / 100);
  return rocCurve(labels, scores);
}

/** Euclidean distance from (x, y) to the segment a–b. */
function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

describe('downsampleCurve', () => {
  const full = adultCurve();
  const thin = downsampleCurve(full, 500);

  it('starts from the real curve scikit-learn computes', () => {
    expect(full.fpr.length).toBe(5694);
    expect(areaUnderCurve(full.fpr, full.tpr)).toBeCloseTo(0.7489795207664962, 12);
  });

  it('keeps at most maxPoints points, both ends included', () => {
    expect(thin.fpr.length).toBeLessThanOrEqual(500);
    expect(thin.fpr.length).toBeGreaterThan(490);
    expect([thin.fpr[0], thin.tpr[0], thin.thresholds[0]]).toEqual([0, 0, Infinity]);
    expect([thin.fpr.at(-1), thin.tpr.at(-1)]).toEqual([1, 1]);
  });

  it('keeps only real points of the curve, in order, with their thresholds', () => {
    const index = new Map(Array.from(full.thresholds, (t, i) => [t, i]));
    let previous = -1;
    for (let j = 0; j < thin.fpr.length; j++) {
      const i = index.get(thin.thresholds[j]!)!;
      expect(i).toBeGreaterThan(previous);
      expect([thin.fpr[j], thin.tpr[j]]).toEqual([full.fpr[i], full.tpr[i]]);
      previous = i;
    }
  });

  it('leaves every original point within 2 / (maxPoints − 2) of the drawn curve and the area within 0.001', () => {
    let worst = 0;
    let segment = 0;
    for (let i = 0; i < full.fpr.length; i++) {
      const x = full.fpr[i]!;
      const y = full.tpr[i]!;
      // Both curves are monotone, so the nearest segment never moves backwards as i advances.
      while (segment < thin.fpr.length - 2 && thin.fpr[segment + 1]! + thin.tpr[segment + 1]! < x + y) segment++;
      const d = distanceToSegment(x, y, thin.fpr[segment]!, thin.tpr[segment]!, thin.fpr[segment + 1]!, thin.tpr[segment + 1]!);
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThan(2 / 498);
    expect(Math.abs(areaUnderCurve(thin.fpr, thin.tpr) - areaUnderCurve(full.fpr, full.tpr))).toBeLessThan(0.001);
  });

  it('returns a curve that already fits unchanged, and refuses fewer than 3 points', () => {
    const small = { fpr: new Float64Array([0, 0.5, 1]), tpr: new Float64Array([0, 1, 1]), thresholds: new Float64Array([Infinity, 0.7, 0.2]) };
    expect(downsampleCurve(small, 3)).toBe(small);
    expect(() => downsampleCurve(small, 2)).toThrow(/integer ≥ 3/);
  });
});
