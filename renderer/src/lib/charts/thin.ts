/**
 * Fewer points for a long line, same look. A canvas line chart draws (and ECharts builds an element for) every
 * point of every series on each redraw, so a 10,000-epoch run redrawn four times a second kept the window's
 * thread busy all the time; a chart a few hundred pixels wide shows no more than a few hundred points anyway.
 */

export type Point = readonly [number, number];

/** Points per line at most: about one per pixel of a half-width chart (its plot is some 350 to 450 pixels wide). */
export const MAX_LINE_POINTS = 400;

/**
 * At most `max` of `points` (in x order), chosen so the line keeps its shape: the first and the newest point
 * exactly, and from each bucket of the points between them its lowest and highest, so the best value (a loss's
 * minimum, an accuracy's maximum) and every spike stay on the chart. Buckets have a power-of-two size aligned to
 * the start, so the points chosen do not shift as more arrive (the line does not shimmer while a run trains).
 * Lines short enough come back as they are.
 */
export function thinLine<P extends Point>(points: readonly P[], max = MAX_LINE_POINTS): readonly P[] {
  if (points.length <= max || points.length < 3) return points;
  const last = points.length - 1;
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  let size = 1;
  while (Math.ceil((last - 1) / size) > buckets) size *= 2;
  const kept: P[] = [points[0]!];
  for (let start = 1; start < last; start += size) {
    const end = Math.min(start + size, last);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i]![1] < points[low]![1]) low = i;
      if (points[i]![1] > points[high]![1]) high = i;
    }
    if (low === high) kept.push(points[low]!);
    else kept.push(points[Math.min(low, high)]!, points[Math.max(low, high)]!);
  }
  kept.push(points[last]!);
  return kept;
}
