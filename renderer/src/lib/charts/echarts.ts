/**
 * ECharts, tree-shaken: only the chart types and components registered here are bundled. A step that needs
 * another chart type registers it in its own module with `echarts.use`.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Theme } from '../state/theme.svelte.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;

export interface ChartPalette {
  /** Series colours, each at 3:1 or more on `background` (WCAG 1.4.11); the fourth is the "danger" red. */
  readonly series: readonly string[];
  readonly text: string;
  /** Axis labels, legends, reference lines: 4.5:1 on `background`. */
  readonly muted: string;
  readonly grid: string;
  readonly tooltip: string;
  /** What every chart is drawn on: the card surface (--surface). */
  readonly background: string;
}

/** Chart colours per theme (the CSS variables' values, which a canvas cannot read; a test keeps them equal). */
export const PALETTES: Record<Theme, ChartPalette> = {
  light: {
    series: ['#3f51d8', '#c2610c', '#18847a', '#c4332b', '#8a4fd0', '#2f7d2a', '#b83a8f', '#8d6e3f'],
    text: '#1a1f27',
    muted: '#5b6573',
    grid: '#e7eaef',
    tooltip: '#ffffff',
    background: '#ffffff',
  },
  dark: {
    series: ['#7d8cff', '#f0a35e', '#4fc1b3', '#ff7b72', '#c49bff', '#8fd16a', '#ff8fc8', '#d8b26a'],
    text: '#e6e9ee',
    muted: '#a2abb8',
    grid: '#2b313c',
    tooltip: '#222730',
    background: '#1b1f26',
  },
};

/** Line patterns and marker shapes, cycled with coprime lengths: 21 series differ in one or the other. */
const DASHES: readonly ('solid' | number[])[] = ['solid', [7, 4], [2, 3]];
const SYMBOLS = ['circle', 'triangle', 'rect', 'diamond', 'emptyCircle', 'emptyTriangle', 'emptyRect'] as const;

export interface SeriesLook {
  readonly color: string;
  readonly dash: 'solid' | number[];
  readonly symbol: (typeof SYMBOLS)[number];
}

/** The i-th line of a chart: a colour, and a dash pattern and marker so that it is told apart without colour too. */
export function seriesLook(palette: ChartPalette, i: number): SeriesLook {
  return { color: palette.series[i % palette.series.length]!, dash: DASHES[i % DASHES.length]!, symbol: SYMBOLS[i % SYMBOLS.length]! };
}

/** About `count` markers spread along a line of `length` points (all of them when the line is short). */
export function sparseMarkers(length: number, size = 6, count = 8): (value: unknown, params: { dataIndex: number }) => number {
  const every = Math.max(1, Math.ceil(length / count));
  return (_value, { dataIndex }) => (dataIndex % every === 0 || dataIndex === length - 1 ? size : 0);
}

/** A line series drawn in `look`: its colour, dash pattern and sparse markers (also shown in the legend). */
export function lineIn(look: SeriesLook, points: readonly unknown[], width = 2): Record<string, unknown> {
  return {
    type: 'line',
    data: points,
    symbol: look.symbol,
    symbolSize: sparseMarkers(points.length),
    lineStyle: { width, type: look.dash, color: look.color },
    itemStyle: { color: look.color },
  };
}

/**
 * A chart's option with what every chart shares: transparent background, the theme's text and series colours,
 * and tooltips drawn on the canvas. ECharts' HTML tooltips set inline style attributes, which the CSP blocks, so
 * `renderMode: 'richText'` holds whatever tooltip settings the chart brings.
 */
export function themedOption(palette: ChartPalette, option: ChartOption): ChartOption {
  const tooltip = (option.tooltip ?? {}) as Record<string, unknown>;
  return {
    backgroundColor: 'transparent',
    color: [...palette.series],
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: palette.text },
    animationDuration: 300,
    ...option,
    tooltip: { backgroundColor: palette.tooltip, borderColor: palette.grid, textStyle: { color: palette.text }, ...tooltip, renderMode: 'richText' },
  };
}
