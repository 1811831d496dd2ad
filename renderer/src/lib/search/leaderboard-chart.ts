/**
 * The live leaderboard's chart: each finished trial's validation score at the time it finished (points), and
 * the best score so far (a step line). Pure: the Chart component draws what this returns.
 */
import type { SearchSummary } from '../../../../main/api/calls/search-calls.ts';
import { seriesLook, type ChartOption, type ChartPalette } from '../charts/echarts.ts';

/** Accuracy as a percentage, R² as it is. */
export function scoreText(metric: SearchSummary['metric'], value: number): string {
  return metric === 'accuracy' ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

/** [seconds, best score so far] after each trial, in the order trials finished, and on to now (or the search's end). */
export function bestSoFar(search: SearchSummary): [number, number][] {
  let best = -Infinity;
  const steps = search.trials.map((t): [number, number] => {
    best = Math.max(best, t.mean);
    return [t.at, best];
  });
  // Flat on to now: the best so far holds until a trial beats it.
  const now = search.elapsedSeconds;
  return steps.length > 0 && now > steps.at(-1)![0] ? [...steps, [now, best]] : steps;
}

export function leaderboardOption(palette: ChartPalette, search: SearchSummary): ChartOption {
  const axisLine = { lineStyle: { color: palette.grid } };
  const metric = search.metric === 'r2' ? 'R²' : 'accuracy';
  const trials = seriesLook(palette, 0);
  const best = seriesLook(palette, 1);
  const scale = search.metric === 'accuracy' ? 100 : 1;
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { top: 0, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: 'seconds', nameLocation: 'middle', nameGap: 26, min: 0, max: Math.max(search.budgetSeconds, Math.ceil(search.elapsedSeconds)), axisLine, splitLine: { show: false }, axisLabel: { color: palette.muted } },
    yAxis: { type: 'value', scale: true, name: search.metric === 'accuracy' ? 'accuracy %' : 'R²', axisLine, splitLine: { lineStyle: { color: palette.grid } }, axisLabel: { color: palette.muted } },
    series: [
      {
        name: `Trial (validation ${metric})`,
        type: 'scatter',
        symbol: trials.symbol,
        symbolSize: 8,
        itemStyle: { color: trials.color },
        data: search.trials.map((t) => ({ value: [t.at, t.mean * scale], name: `Trial ${t.trial}: ${t.description}` })),
        tooltip: { formatter: (p: { name: string; value: [number, number] }) => `${p.name}<br>${scoreText(search.metric, p.value[1] / scale)} at ${Math.round(p.value[0])} s` },
      },
      { name: 'Best so far', type: 'line', step: 'end', symbol: 'none', lineStyle: { color: best.color, width: 2, type: best.dash }, itemStyle: { color: best.color }, data: bestSoFar(search).map(([x, y]) => [x, y * scale]), tooltip: { show: false } },
    ],
  };
}
