/**
 * Small plots drawn as SVG paths: an activation function over a range of weighted sums (the engine's own
 * functions, so the plot is what the network computes), and a histogram's bars. Pure geometry.
 */
import { getActivation, type ActivationName } from '../../../../engine/nn/activations.ts';

export interface Box {
  readonly width: number;
  readonly height: number;
  /** Inner margin on every side. */
  readonly pad: number;
}

/** Points (z, a(z)) of `name` at `n` sums across [zMin, zMax]; null for softmax, which is not one neuron's function. */
export function activationPoints(name: ActivationName, zMin: number, zMax: number, n = 81): [number, number][] | null {
  if (name === 'softmax') return null;
  const z = Float32Array.from({ length: n }, (_, i) => zMin + ((zMax - zMin) * i) / (n - 1));
  const a = new Float32Array(n);
  // One row of n values: elementwise functions ignore the layout.
  getActivation(name).forward(z, a, 1, n);
  return Array.from(z, (v, i) => [v, a[i]!]);
}

export interface Plot {
  /** The curve as an SVG path. */
  readonly path: string;
  /** Where the axes' zeros are drawn, when inside the box. */
  readonly zeroX: number | null;
  readonly zeroY: number | null;
  readonly yMin: number;
  readonly yMax: number;
}

export function plotPoints(points: readonly (readonly [number, number])[], box: Box, yRange?: readonly [number, number]): Plot {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = yRange ?? [Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 1, y1 + 1];
  const x = (v: number) => box.pad + ((v - x0) / (x1 - x0 || 1)) * (box.width - 2 * box.pad);
  const y = (v: number) => box.height - box.pad - ((v - y0) / (y1 - y0)) * (box.height - 2 * box.pad);
  const path = points.map(([px, py], i) => `${i ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join('');
  return { path, zeroX: x0 <= 0 && x1 >= 0 ? x(0) : null, zeroY: y0 <= 0 && y1 >= 0 ? y(0) : null, yMin: y0, yMax: y1 };
}

/** Histogram bars filling the box's width, heights relative to the largest count. */
export function histogramBars(counts: readonly number[], box: Box): { x: number; y: number; width: number; height: number }[] {
  const most = Math.max(1, ...counts);
  const width = (box.width - 2 * box.pad) / counts.length;
  return counts.map((c, i) => {
    const height = (c / most) * (box.height - 2 * box.pad);
    return { x: box.pad + i * width, y: box.height - box.pad - height, width: Math.max(0.5, width - 1), height };
  });
}
