import { describe, expect, it } from 'vitest';
import { MAX_LINE_POINTS, thinLine, type Point } from '../../../renderer/src/lib/charts/thin.ts';

/** A noisy falling loss with a spike: x = 1..n. */
function loss(n: number): Point[] {
  return Array.from({ length: n }, (_, i) => [i + 1, 1 / (i + 1) + 0.01 * Math.sin(i * 1.7) + (i === Math.floor(n / 3) ? 5 : 0)] as const);
}

describe('thinning a long line for a chart', () => {
  it('returns a line short enough as it is', () => {
    const line = loss(MAX_LINE_POINTS);
    expect(thinLine(line)).toBe(line);
  });

  it('keeps at most the maximum of the points, in x order, each one of the line', () => {
    for (const n of [MAX_LINE_POINTS + 1, 2000, 9_999, 10_000, 100_000]) {
      const line = loss(n);
      const thin = thinLine(line);
      expect(thin.length, `${n} points`).toBeLessThanOrEqual(MAX_LINE_POINTS);
      expect(thin.length, `${n} points`).toBeGreaterThan(MAX_LINE_POINTS / 4);
      const inLine = new Set(line);
      expect(thin.every((p) => inLine.has(p))).toBe(true);
      expect(thin.every((p, i) => i === 0 || p[0] > thin[i - 1]![0])).toBe(true);
    }
  });

  it('keeps the first and the newest point, the lowest (the best loss) and the highest (a spike)', () => {
    const line = loss(10_000);
    const thin = thinLine(line, 100);
    expect(thin[0]).toBe(line[0]);
    expect(thin.at(-1)).toBe(line.at(-1));
    const lowest = line.reduce((a, b) => (b[1] < a[1] ? b : a));
    const highest = line.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(thin).toContain(lowest);
    expect(thin).toContain(highest);
    expect(Math.min(...thin.map((p) => p[1]))).toBe(lowest[1]);
  });

  it('keeps the points it chose as the line grows, while the bucket size stays the same', () => {
    const line = loss(5000);
    const before = thinLine(line.slice(0, 4000), 400);
    const after = thinLine(line, 400);
    // Both use buckets of 32 points: the buckets before the last one of the shorter line are the same.
    const settled = before.slice(1, -3);
    expect(after.slice(1, settled.length + 1)).toEqual(settled);
  });
});
