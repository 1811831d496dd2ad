/**
 * Charts of one column's profile: a histogram for numbers (with an outlier step's bounds drawn on it), the most
 * frequent values for categories. Options only; Chart.svelte draws them.
 */
import { MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import type { ColumnProfile } from '../../../../engine/table/profile.ts';
import { readableNumber } from '../format.ts';
import { echarts, type ChartOption, type ChartPalette } from './echarts.ts';

echarts.use([MarkLineComponent, MarkAreaComponent]);

/** Row counts are exact. */
const rows = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A statistic as a person reads it: 4 significant digits, dates as days. */
export function statText(value: number | undefined, type: ColumnProfile['type']): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (type === 'datetime') return new Date(value).toISOString().slice(0, 10);
  return readableNumber(value, { maximumSignificantDigits: 4 });
}

export interface Bounds {
  readonly low: number;
  readonly high: number;
}

/** Whether a profile has something to chart. */
export function hasChart(profile: ColumnProfile): boolean {
  return (profile.top?.length ?? 0) > 0 || (profile.histogram?.counts.length ?? 0) > 0;
}

/** Histogram bars over their value ranges; `bounds` are drawn as lines with the outside shaded. */
export function histogramOption(profile: ColumnProfile, palette: ChartPalette, bounds?: Bounds): ChartOption {
  const histogram = profile.histogram!;
  const { edges, counts } = histogram;
  const label = (v: number) => statText(v, profile.type);
  const data = counts.map((count, i) => ({ value: [(edges[i]! + edges[i + 1]!) / 2, count], range: `${label(edges[i]!)} – ${label(edges[i + 1]!)}` }));
  const low = Math.min(edges[0]!, bounds?.low ?? Infinity);
  const high = Math.max(edges.at(-1)!, bounds?.high ?? -Infinity);
  const width = (edges[1]! - edges[0]!) || 1;
  const danger = palette.series[3]!;
  return {
    // Bars sliding to a new axis after the bounds arrive read as a different distribution: no animation.
    animation: false,
    // Room above the bars for the bounds' labels.
    grid: { left: 4, right: 4, top: bounds ? 20 : 8, bottom: 4, containLabel: true },
    xAxis: {
      type: 'value',
      min: low - width / 2,
      max: high + width / 2,
      axisLabel: { color: palette.muted, fontSize: 10, formatter: label, hideOverlap: true },
      splitLine: { show: false },
      axisLine: { lineStyle: { color: palette.grid } },
    },
    // Rows per bar: whole numbers only.
    yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: palette.muted, fontSize: 10, formatter: (v: number) => rows.format(v) }, splitLine: { lineStyle: { color: palette.grid } } },
    tooltip: { trigger: 'item', formatter: (p: { data: { range: string; value: [number, number] } }) => `${p.data.range}: ${rows.format(p.data.value[1])} rows` },
    series: [
      {
        type: 'bar',
        data,
        barWidth: '96%',
        barCategoryGap: 0,
        itemStyle: { color: palette.series[0], borderRadius: [2, 2, 0, 0] },
        ...(bounds
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: danger, type: 'dashed', width: 1.5 },
                label: { color: danger, fontSize: 10, formatter: (p: { value: number }) => label(p.value) },
                data: [{ xAxis: bounds.low }, { xAxis: bounds.high }],
              },
              markArea: {
                silent: true,
                itemStyle: { color: danger, opacity: 0.08 },
                data: [
                  [{ xAxis: low - width / 2 }, { xAxis: bounds.low }],
                  [{ xAxis: bounds.high }, { xAxis: high + width / 2 }],
                ],
              },
            }
          : {}),
      },
    ],
  };
}

/** The most frequent values as horizontal bars, most frequent on top. */
export function topValuesOption(profile: ColumnProfile, palette: ChartPalette, shown = 6): ChartOption {
  const top = (profile.top ?? []).slice(0, shown).reverse();
  return {
    grid: { left: 4, right: 40, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: top.map((t) => t.value),
      axisLabel: { color: palette.text, fontSize: 11, width: 90, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.grid } },
    },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${rows.format(p.value)} rows` },
    series: [
      {
        type: 'bar',
        data: top.map((t) => t.count),
        barMaxWidth: 12,
        itemStyle: { color: palette.series[2], borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: palette.muted, fontSize: 10, formatter: (p: { value: number }) => rows.format(p.value) },
      },
    ],
  };
}
