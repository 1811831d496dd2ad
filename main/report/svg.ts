/**
 * Charts for the training report as inline SVG, drawn by our own code: no script, no library, nothing fetched,
 * so the report opens anywhere, offline, and prints. Colours come from CSS classes (`s0`…`s3`, `axis`, `grid`,
 * `pos`, `neg`) that the report's stylesheet sets per theme; series also differ by dash pattern, never by colour
 * alone. Every chart has a title and a description for screen readers.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number for a label: up to 4 significant digits, no "-0". */
export function short(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (Math.abs(value) >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  const rounded = Number(value.toPrecision(4));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** "Nice" axis ticks (1, 2, 5 × 10ⁿ steps) covering [low, high]. */
export function ticks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const FRAME: Frame = { width: 560, height: 260, left: 60, right: 16, top: 16, bottom: 40 };
const DASHES = ['', '6 4', '2 3', '10 3 2 3'];

function scale(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

function open(title: string, description: string, frame: Frame): string {
  return `<svg class="chart" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><desc>${escapeHtml(description)}</desc>`;
}

function axes(frame: Frame, x: { ticks: readonly number[]; at: (v: number) => number; label: string; format?: (v: number) => string }, y: { ticks: readonly number[]; at: (v: number) => number; label: string }): string {
  const { width, height, left, right, top, bottom } = frame;
  const format = x.format ?? short;
  const parts: string[] = [];
  for (const t of y.ticks) parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${y.at(t)}" y2="${y.at(t)}"/><text class="tick" x="${left - 6}" y="${y.at(t)}" text-anchor="end" dominant-baseline="middle">${short(t)}</text>`);
  for (const t of x.ticks) parts.push(`<text class="tick" x="${x.at(t)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(format(t))}</text>`);
  parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}"/><line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}"/>`);
  parts.push(`<text class="label" x="${(left + width - right) / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(x.label)}</text>`);
  parts.push(`<text class="label" transform="translate(14 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(y.label)}</text>`);
  return parts.join('');
}

export interface LineSeries {
  readonly name: string;
  /** y per x; null leaves a gap. */
  readonly points: readonly (readonly [number, number | null])[];
}

function pathOf(points: LineSeries['points'], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const [px, py] of points) {
    if (py === null || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function legend(series: readonly { name: string }[], frame: Frame): string {
  return series
    .map((s, i) => {
      const x = frame.left + 12 + i * 150;
      return `<line class="s${i % 4}" stroke-dasharray="${DASHES[i % 4]}" x1="${x}" x2="${x + 24}" y1="${frame.top + 8}" y2="${frame.top + 8}"/><text class="tick" x="${x + 30}" y="${frame.top + 8}" dominant-baseline="middle">${escapeHtml(s.name)}</text>`;
    })
    .join('');
}

export interface LineChart {
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** A dashed diagonal y = x (ROC's coin toss, predicted = actual). */
  readonly diagonal?: boolean;
  /** A vertical marker, e.g. the best epoch. */
  readonly marker?: { readonly x: number; readonly label: string };
  readonly yRange?: readonly [number, number];
  readonly xRange?: readonly [number, number];
}

export function lineChart(chart: LineChart): string {
  const frame = { ...FRAME, top: FRAME.top + 16 };
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = chart.series.flatMap((s) => s.points.flatMap((p) => (p[1] === null || !Number.isFinite(p[1]) ? [] : [p[1]])));
  const [x0, x1] = chart.xRange ?? [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = chart.yRange ?? [Math.min(0, ...ys), Math.max(...ys, 1e-12)];
  const x = scale([x0, x1], [frame.left, frame.width - frame.right]);
  const y = scale([y0, y1], [frame.height - frame.bottom, frame.top]);
  const parts = [open(chart.title, chart.description, frame), axes(frame, { ticks: ticks(x0, x1), at: x, label: chart.xLabel }, { ticks: ticks(y0, y1, 4), at: y, label: chart.yLabel })];
  if (chart.diagonal) parts.push(`<line class="ref" x1="${x(Math.max(x0, y0))}" y1="${y(Math.max(x0, y0))}" x2="${x(Math.min(x1, y1))}" y2="${y(Math.min(x1, y1))}"/>`);
  if (chart.marker) {
    const at = x(chart.marker.x);
    // Near the right edge the label goes to the marker's left, where there is room.
    const right = at > frame.width * 0.7;
    parts.push(`<line class="ref" x1="${at}" x2="${at}" y1="${frame.top}" y2="${frame.height - frame.bottom}"/><text class="tick" x="${right ? at - 4 : at + 4}" y="${frame.top + 24}" text-anchor="${right ? 'end' : 'start'}">${escapeHtml(chart.marker.label)}</text>`);
  }
  chart.series.forEach((s, i) => parts.push(`<path class="line s${i % 4}" stroke-dasharray="${DASHES[i % 4]}" d="${pathOf(s.points, x, y)}"/>`));
  parts.push(legend(chart.series, frame), '</svg>');
  return parts.join('');
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** ± this around the value, drawn as a whisker. */
  readonly spread?: number;
  readonly note?: string;
}

/** Horizontal bars from 0 (negative values to the left), with whiskers for the spread. */
export function barChart(chart: { readonly title: string; readonly description: string; readonly valueLabel: string; readonly bars: readonly Bar[] }): string {
  const row = 24;
  const labelWidth = Math.min(200, 12 + 7 * Math.max(4, ...chart.bars.map((b) => b.label.length)));
  const frame: Frame = { width: 560, height: FRAME.top + FRAME.bottom + row * chart.bars.length, left: labelWidth, right: 24, top: FRAME.top, bottom: FRAME.bottom };
  const extent = chart.bars.flatMap((b) => [b.value - (b.spread ?? 0), b.value + (b.spread ?? 0)]);
  const lo = Math.min(0, ...extent);
  const hi = Math.max(1e-12, ...extent);
  const x = scale([lo, hi], [frame.left, frame.width - frame.right]);
  const parts = [open(chart.title, chart.description, frame)];
  for (const t of ticks(lo, hi, 5)) parts.push(`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${frame.top}" y2="${frame.height - frame.bottom}"/><text class="tick" x="${x(t)}" y="${frame.height - frame.bottom + 16}" text-anchor="middle">${short(t)}</text>`);
  chart.bars.forEach((b, i) => {
    const mid = frame.top + i * row + row / 2;
    const name = b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label;
    parts.push(`<text class="tick" x="${frame.left - 8}" y="${mid}" text-anchor="end" dominant-baseline="middle">${escapeHtml(name)}</text>`);
    const [a, z] = [x(Math.min(0, b.value)), x(Math.max(0, b.value))];
    parts.push(`<rect class="${b.value >= 0 ? 'bar' : 'bar neg'}" x="${a}" y="${mid - 7}" width="${Math.max(0.5, z - a)}" height="14"><title>${escapeHtml(`${b.label}: ${short(b.value)}${b.spread ? ` ± ${short(b.spread)}` : ''}${b.note ? ` — ${b.note}` : ''}`)}</title></rect>`);
    if (b.spread) {
      const [w0, w1] = [x(b.value - b.spread), x(b.value + b.spread)];
      parts.push(`<path class="whisker" d="M${w0},${mid}H${w1}M${w0},${mid - 4}V${mid + 4}M${w1},${mid - 4}V${mid + 4}"/>`);
    }
  });
  parts.push(`<line class="axis" x1="${x(0)}" x2="${x(0)}" y1="${frame.top}" y2="${frame.height - frame.bottom}"/>`);
  parts.push(`<text class="label" x="${(frame.left + frame.width - frame.right) / 2}" y="${frame.height - 6}" text-anchor="middle">${escapeHtml(chart.valueLabel)}</text></svg>`);
  return parts.join('');
}

/** Points (actual, predicted) with the diagonal where they would all sit if every prediction were exact. */
export function scatterChart(chart: { readonly title: string; readonly description: string; readonly xLabel: string; readonly yLabel: string; readonly points: readonly (readonly [number, number])[] }): string {
  const frame = FRAME;
  const all = chart.points.flat();
  const [lo, hi] = [Math.min(...all), Math.max(...all)];
  const x = scale([lo, hi], [frame.left, frame.width - frame.right]);
  const y = scale([lo, hi], [frame.height - frame.bottom, frame.top]);
  const parts = [open(chart.title, chart.description, frame), axes(frame, { ticks: ticks(lo, hi), at: x, label: chart.xLabel }, { ticks: ticks(lo, hi, 4), at: y, label: chart.yLabel })];
  parts.push(`<line class="ref" x1="${x(lo)}" y1="${y(lo)}" x2="${x(hi)}" y2="${y(hi)}"/>`);
  for (const [a, p] of chart.points) parts.push(`<circle class="dot" cx="${x(a).toFixed(1)}" cy="${y(p).toFixed(1)}" r="2.5"/>`);
  parts.push('</svg>');
  return parts.join('');
}
