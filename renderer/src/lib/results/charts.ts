/**
 * Chart options for the Evaluate step, built from the theme's palette: the ROC curve with the current
 * threshold's point, predicted against actual values, and residuals. Registers the scatter chart it needs.
 */
import { ScatterChart } from 'echarts/charts';
import type { RocReport } from '../../../../engine/metrics/index.ts';
import { echarts, lineIn, seriesLook, type ChartOption, type ChartPalette } from '../charts/echarts.ts';

echarts.use([ScatterChart]);

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

function axis(palette: ChartPalette, name: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: 28,
    nameTextStyle: { color: palette.muted },
    axisLabel: { color: palette.muted, formatter: (value: number) => compact.format(value) },
    axisLine: { lineStyle: { color: palette.grid } },
    splitLine: { lineStyle: { color: palette.grid } },
    ...extra,
  };
}

/** Where a binary confusion matrix (`[true][predicted]`) sits on the ROC plane: (FPR, TPR) at its threshold. */
export function rocPoint(matrix: readonly (readonly number[])[]): { fpr: number; tpr: number } | null {
  const [[tn = 0, fp = 0] = [], [fn = 0, tp = 0] = []] = matrix;
  if (tn + fp === 0 || tp + fn === 0) return null;
  return { fpr: fp / (fp + tn), tpr: tp / (tp + fn) };
}

/** Scatter points are faded for overplotting, no further than 3:1 on the chart's background (WCAG 1.4.11). */
export const POINT_OPACITY = 0.8;

/** Above this many curves the legend would cover the plot: one class is picked at a time instead. */
export const MAX_LEGEND_CURVES = 4;

/**
 * The ROC plane: one curve per class (one for binary), each told apart by its dash pattern and markers as well as
 * its colour, the chance line, and the threshold's point. `focus` draws one class's curve in its look with its AUC
 * in the legend and the others faint behind it, as context; without a focus every curve has its legend entry (for
 * a few classes only: more would cover the plot).
 */
export function rocOption(palette: ChartPalette, curves: readonly RocReport[], point: { fpr: number; tpr: number } | null, focus: number | null = null): ChartOption {
  const name = (roc: RocReport) => (curves.length === 1 ? `ROC (AUC ${roc.auc?.toFixed(3) ?? '–'})` : `${roc.label} (AUC ${roc.auc?.toFixed(3) ?? '–'})`);
  const focused = focus === null ? null : (curves.find((c) => c.classIndex === focus) ?? null);
  const legend = [...(focused ? [focused] : curves).map(name), 'Chance', ...(point ? ['Threshold'] : [])];
  return {
    // One legend row holds about three entries; more wrap, and the plot starts below them.
    grid: { left: 48, right: 16, top: legend.length > 3 ? 52 : 28, bottom: 44 },
    legend: { top: 0, data: legend, textStyle: { color: palette.muted } },
    xAxis: axis(palette, 'False positive rate', { min: 0, max: 1 }),
    yAxis: axis(palette, 'True positive rate', { min: 0, max: 1, nameGap: 36 }),
    tooltip: { trigger: 'axis' },
    series: [
      ...curves.map((roc, c) => {
        const points = roc.fpr.map((x, i) => [x, roc.tpr[i]]);
        if (focused !== null && roc !== focused) {
          return { name: name(roc), type: 'line', data: points, symbol: 'none', silent: true, z: 1, lineStyle: { width: 1, color: palette.muted, opacity: 0.3 }, itemStyle: { color: palette.muted }, tooltip: { show: false } };
        }
        return { name: name(roc), z: 3, ...lineIn(seriesLook(palette, c), points, focused ? 2.5 : 2) };
      }),
      { name: 'Chance', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: palette.muted, width: 1 }, itemStyle: { color: palette.muted }, data: [[0, 0], [1, 1]] },
      // A ringed dot, unlike any curve's markers.
      ...(point ? [{ name: 'Threshold', type: 'scatter', symbolSize: 13, itemStyle: { color: palette.series[3], borderColor: palette.text, borderWidth: 2 }, data: [[point.fpr, point.tpr]] }] : []),
    ],
  };
}

function range(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** Axis bounds rounded outwards to a 1-2-5 step of about a fifth of the range, and that step as the tick interval. */
export function niceAxis(low: number, high: number): { min: number; max: number; interval: number } {
  if (!(high > low)) return { min: low - 1, max: high + 1, interval: 1 };
  const rough = (high - low) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const interval = [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
  return { min: Math.floor(low / interval) * interval, max: Math.ceil(high / interval) * interval, interval };
}

export function actualVsPredictedOption(palette: ChartPalette, actual: readonly number[], predicted: readonly number[]): ChartOption {
  const bounds = niceAxis(...range([...actual, ...predicted]));
  const [low, high] = [bounds.min, bounds.max];
  return {
    grid: { left: 64, right: 16, top: 16, bottom: 44 },
    xAxis: axis(palette, 'Actual', bounds),
    yAxis: axis(palette, 'Predicted', { ...bounds, nameGap: 44 }),
    tooltip: { trigger: 'item' },
    series: [
      { name: 'Rows', type: 'scatter', symbolSize: 4, large: true, itemStyle: { color: palette.series[0], opacity: POINT_OPACITY }, data: actual.map((a, i) => [a, predicted[i]]) },
      { name: 'Perfect', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: palette.muted, width: 1 }, itemStyle: { color: palette.muted }, data: [[low, low], [high, high]] },
    ],
  };
}

export function residualsOption(palette: ChartPalette, actual: readonly number[], predicted: readonly number[]): ChartOption {
  const [low, high] = range(predicted);
  return {
    grid: { left: 64, right: 16, top: 16, bottom: 44 },
    xAxis: axis(palette, 'Predicted', { scale: true }),
    yAxis: axis(palette, 'Actual − predicted', { scale: true, nameGap: 44 }),
    tooltip: { trigger: 'item' },
    series: [
      { name: 'Residual', type: 'scatter', symbolSize: 4, large: true, itemStyle: { color: palette.series[1], opacity: POINT_OPACITY }, data: predicted.map((p, i) => [p, actual[i]! - p]) },
      { name: 'Zero', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: palette.muted, width: 1 }, itemStyle: { color: palette.muted }, data: [[low, 0], [high, 0]] },
    ],
  };
}
