/**
 * Chart options for understanding a model: permutation importance as bars with the spread as whiskers, and
 * what-if curves (this row solid, the average over the test rows dashed, the training range shaded). Registers
 * the ECharts parts they need. Pure: the Chart component draws what these return.
 */
import { CustomChart } from 'echarts/charts';
import { MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import type { ImportanceResult } from '../../../../engine/insight/importance.ts';
import type { WhatIfView } from '../../../../main/api/calls/insight-calls.ts';
import { echarts, lineIn, seriesLook, type ChartOption, type ChartPalette } from '../charts/echarts.ts';

echarts.use([CustomChart, MarkAreaComponent, MarkLineComponent]);

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

interface CustomApi {
  value(dimension: number): number;
  coord(point: [number, number]): [number, number];
  size(span: [number, number]): [number, number];
}

/** The columns a chart shows: the ones the model uses, most important first. */
export function importanceBars(result: ImportanceResult): ImportanceResult['columns'] {
  return result.columns.filter((c) => c.used);
}

export function importanceOption(palette: ChartPalette, result: ImportanceResult): ChartOption {
  const bars = importanceBars(result);
  const metric = result.metric === 'r2' ? 'R²' : 'accuracy';
  const axisStyle = { axisLine: { lineStyle: { color: palette.grid } }, axisLabel: { color: palette.muted } };
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: `Drop in ${metric} when shuffled`, nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } }, ...axisStyle },
    yAxis: { type: 'category', inverse: true, data: bars.map((c) => c.column), ...axisStyle, axisLabel: { color: palette.muted, width: 140, overflow: 'truncate' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    series: [
      { name: 'Importance', type: 'bar', barMaxWidth: 18, itemStyle: { color: palette.series[0] }, data: bars.map((c) => Number(c.importance.toFixed(4))) },
      {
        name: 'Spread (± one standard deviation)',
        type: 'custom',
        itemStyle: { color: palette.text },
        renderItem: (_params: unknown, api: CustomApi) => {
          const [x0, y] = api.coord([api.value(1), api.value(0)]);
          const [x1] = api.coord([api.value(2), api.value(0)]);
          const cap = api.size([0, 1])[1] * 0.18;
          const style = { stroke: palette.text, lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: x0, y1: y, x2: x1, y2: y }, style },
              { type: 'line', shape: { x1: x0, y1: y - cap, x2: x0, y2: y + cap }, style },
              { type: 'line', shape: { x1: x1, y1: y - cap, x2: x1, y2: y + cap }, style },
            ],
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: bars.map((c, i) => [i, Number((c.importance - c.std).toFixed(4)), Number((c.importance + c.std).toFixed(4))]),
        z: 3,
      },
    ],
  };
}

/** What the curve plots per tried value: the chosen class's probability, or the predicted value. */
export function whatIfValues(outputs: WhatIfView['row']['outputs'], output: number): (number | null)[] {
  return outputs.map((o) => (o ? o[output]! : null));
}

export interface WhatIfLook {
  /** Which output to plot: the class index (binary: 1), or 0 for regression. */
  readonly output: number;
  readonly yName: string;
  readonly probability: boolean;
  /** The row's own value of the moved input, marked on the curve. */
  readonly current: number | string | null;
  /** Binary: the decision threshold, drawn across. */
  readonly threshold: number | null;
}

function dateText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function whatIfOption(palette: ChartPalette, view: WhatIfView, look: WhatIfLook): ChartOption {
  const { grid } = view;
  const row = whatIfValues(view.row.outputs, look.output);
  const average = view.average ? whatIfValues(view.average.outputs, look.output) : null;
  const averageName = view.average ? `Average over ${view.average.rows.toLocaleString('en-US')} test rows` : '';
  const yAxis = {
    type: 'value',
    name: look.yName,
    nameTextStyle: { color: palette.muted, align: 'left' },
    // At the plot's left edge, not where x is 0 (ECharts' default for a value axis).
    axisLine: { onZero: false, lineStyle: { color: palette.grid } },
    axisLabel: { color: palette.muted, formatter: (v: number) => (look.probability ? `${Math.round(v * 100)}%` : compact.format(v)) },
    splitLine: { lineStyle: { color: palette.grid } },
    ...(look.probability ? { min: 0, max: 1 } : { scale: true }),
  };
  const threshold = look.threshold !== null ? [{ yAxis: look.threshold, name: `threshold ${look.threshold.toFixed(2)}`, lineStyle: { color: palette.muted, type: 'dotted' }, label: { color: palette.muted, formatter: '{b}', position: 'insideEndTop' } }] : [];
  if (grid.kind === 'category') {
    return {
      grid: { left: 56, right: 16, top: 48, bottom: 48 },
      legend: { top: 0, textStyle: { color: palette.muted } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: grid.values, axisLabel: { color: palette.muted, interval: 0, rotate: grid.values.length > 8 ? 40 : 0 }, axisLine: { lineStyle: { color: palette.grid } } },
      yAxis,
      series: [
        { name: 'This row', type: 'bar', barMaxWidth: 28, itemStyle: { color: palette.series[0] }, data: row, markLine: { symbol: 'none', silent: true, data: threshold } },
        ...(average ? [{ name: averageName, type: 'bar', barMaxWidth: 28, itemStyle: { color: palette.series[1], decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: 0.8, color: palette.background } }, data: average }] : []),
      ],
    };
  }
  const numbers = grid.values as number[];
  const training = grid.training!;
  // The row's label runs along its line, inside the plot: above it, it met the y axis's name when the row sat near the left.
  const marks = [
    ...(typeof look.current === 'number' ? [{ xAxis: look.current, name: 'this row', lineStyle: { color: palette.series[3], type: 'solid' }, label: { color: palette.muted, formatter: '{b}', position: 'insideEndTop' } }] : []),
    ...threshold,
  ];
  return {
    grid: { left: 56, right: 24, top: 48, bottom: 44 },
    legend: { top: 0, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'value',
      name: grid.column,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: palette.muted },
      min: numbers[0],
      max: numbers.at(-1),
      axisLabel: { color: palette.muted, formatter: (v: number) => (grid.kind === 'date' ? dateText(v) : compact.format(v)) },
      axisLine: { lineStyle: { color: palette.grid } },
      splitLine: { show: false },
    },
    yAxis,
    series: [
      {
        name: 'This row',
        ...lineIn(seriesLook(palette, 0), numbers.map((x, i) => [x, row[i]])),
        connectNulls: false,
        markArea: { silent: true, itemStyle: { color: palette.grid, opacity: 0.7 }, label: { color: palette.muted, position: 'insideTopLeft' }, data: [[{ xAxis: training.min, name: 'training range' }, { xAxis: training.max }]] },
        markLine: { symbol: 'none', silent: true, data: marks },
      },
      ...(average ? [{ name: averageName, ...lineIn(seriesLook(palette, 1), numbers.map((x, i) => [x, average[i]])), connectNulls: false }] : []),
    ],
  };
}
