/**
 * The charts meet WCAG 2.1 AA on the canvas too, where axe cannot look: series at 3:1 on the chart's background
 * (faded ones included), axis labels and legends at 4.5:1, the palettes equal to the theme's colours, and lines
 * told apart by their dash pattern or markers as well as by colour (19 ROC curves included).
 */
import { describe, expect, it } from 'vitest';
import type { RocReport } from '../../../engine/metrics/index.ts';
import { PALETTES, seriesLook, sparseMarkers } from '../../../renderer/src/lib/charts/echarts.ts';
import { POINT_OPACITY, rocOption } from '../../../renderer/src/lib/results/charts.ts';
import { BATCH_OPACITY, lossOption, metricOption, type CurveRun } from '../../../renderer/src/lib/training/curves.ts';
import { color, contrast, over, themeTokens } from '../styles/wcag.ts';

type Line = { name: string; type: string; symbol?: string; lineStyle?: { type?: unknown; color?: string }; itemStyle?: { color?: string } };

/** What tells a line apart besides its colour. */
const shape = (line: Line) => JSON.stringify([line.lineStyle?.type ?? 'solid', line.symbol ?? 'none']);

function run(label: string): CurveRun {
  const epochs = Array.from({ length: 30 }, (_, i) => ({ epoch: i + 1, epochs: 30, logs: { loss: 1 / (i + 1), val_loss: 1.2 / (i + 1), accuracy: 0.8, val_accuracy: 0.78 }, learningRate: 0.001, epochSeconds: 1, bestEpoch: 1, samplesPerSecond: 1, elapsedSeconds: i, etaSeconds: 1 }));
  return { label, epochs, batchLoss: [[0.5, 2], [30, 0.03]], bestEpoch: 20, plannedEpochs: 30 };
}

describe.each(['light', 'dark'] as const)('the %s chart palette', (theme) => {
  const palette = PALETTES[theme];

  it("is the theme's own colours (the canvas cannot read CSS variables)", () => {
    const tokens = themeTokens(theme);
    expect({ text: palette.text, muted: palette.muted, grid: palette.grid, background: palette.background }).toEqual({
      text: color(tokens, '--text'),
      muted: color(tokens, '--text-muted'),
      grid: color(tokens, '--surface-3'),
      background: color(tokens, '--surface'),
    });
  });

  it('draws every series colour at 3:1 and labels at 4.5:1 on the chart background', () => {
    const weak = palette.series.filter((c) => contrast(c, palette.background) < 3);
    expect(weak).toEqual([]);
    expect(palette.series.length).toBeGreaterThanOrEqual(8);
    expect(contrast(palette.muted, palette.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(palette.text, palette.tooltip)).toBeGreaterThanOrEqual(4.5);
  });

  it('fades the per-batch loss and scatter points no further than 3:1', () => {
    expect(contrast(over(palette.muted, BATCH_OPACITY, palette.background), palette.background)).toBeGreaterThanOrEqual(3);
    for (const series of palette.series.slice(0, 2)) expect(contrast(over(series, POINT_OPACITY, palette.background), palette.background)).toBeGreaterThanOrEqual(3);
  });
});

describe('lines told apart without colour', () => {
  it('gives 21 consecutive series different dash patterns or markers', () => {
    const looks = Array.from({ length: 21 }, (_, i) => seriesLook(PALETTES.light, i)).map((l) => JSON.stringify([l.dash, l.symbol]));
    expect(new Set(looks).size).toBe(21);
  });

  it('draws training and validation loss, and a compared run, each in its own dash and marker', () => {
    const option = lossOption(PALETTES.light, run('Run 1'), [run('Run 2')]) as { series: Line[] };
    const [, training, validation, compared] = option.series;
    expect(new Set([training, validation, compared].map((l) => shape(l!))).size).toBe(3);
    const metric = metricOption(PALETTES.dark, run('Run 1'), { key: 'accuracy', label: 'accuracy' }) as { series: Line[] };
    expect(shape(metric.series[0]!)).not.toBe(shape(metric.series[1]!));
  });

  it('draws 19 one-vs-rest ROC curves each in a different dash and marker, in colours at 3:1', () => {
    const curves: RocReport[] = Array.from({ length: 19 }, (_, c) => ({ classIndex: c, label: `class ${c}`, fpr: [0, 0.5, 1], tpr: [0, 0.8, 1], thresholds: [null, 0.5, 0], auc: 0.8 }));
    const option = rocOption(PALETTES.dark, curves, null) as { series: Line[] };
    const lines = option.series.filter((s) => s.name.startsWith('class'));
    expect(lines).toHaveLength(19);
    expect(new Set(lines.map(shape)).size).toBe(19);
    expect(lines.filter((l) => contrast(l.lineStyle!.color!, PALETTES.dark.background) < 3)).toEqual([]);
  });

  it('puts about eight markers on a long line, at its ends included, and one on every point of a short one', () => {
    const long = sparseMarkers(400);
    const marked = Array.from({ length: 400 }, (_, i) => long(null, { dataIndex: i })).filter((size) => size > 0);
    expect(marked.length).toBeGreaterThanOrEqual(8);
    expect(marked.length).toBeLessThanOrEqual(9);
    expect(long(null, { dataIndex: 399 })).toBeGreaterThan(0);
    const short = sparseMarkers(5);
    expect([0, 1, 2, 3, 4].every((i) => short(null, { dataIndex: i }) > 0)).toBe(true);
  });
});
