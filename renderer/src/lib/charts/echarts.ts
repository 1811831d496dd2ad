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
  readonly series: readonly string[];
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly tooltip: string;
}

/** Chart colours per theme (the same hues as the CSS variables, which a canvas cannot read). */
export const PALETTES: Record<Theme, ChartPalette> = {
  light: { series: ['#3f51d8', '#d9822b', '#2a9d8f', '#c4332b'], text: '#1a1f27', muted: '#5b6573', grid: '#e7eaef', tooltip: '#ffffff' },
  dark: { series: ['#7d8cff', '#f0a35e', '#4fc1b3', '#ff7b72'], text: '#e6e9ee', muted: '#a2abb8', grid: '#2b313c', tooltip: '#222730' },
};

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
