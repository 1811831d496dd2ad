/** The leaderboard chart's data: each trial where and when it finished, and the best so far as a step line to now. */
import { describe, expect, it } from 'vitest';
import type { SearchSummary, SearchTrialPoint } from '../../../../main/api/calls/search-calls.ts';
import { PALETTES } from '../../../../renderer/src/lib/charts/echarts.ts';
import { bestSoFar, leaderboardOption, scoreText } from '../../../../renderer/src/lib/search/leaderboard-chart.ts';

const point = (trial: number, mean: number, at: number): SearchTrialPoint => ({ trial, description: `net ${trial}`, inputs: 'standard', mean, std: 0.01, at, seconds: 2, epochs: 10, runId: null });

function search(trials: SearchTrialPoint[], elapsedSeconds: number): SearchSummary {
  return { searchId: 's1', datasetId: 'd1', status: 'running', budgetSeconds: 60, elapsedSeconds, metric: 'accuracy', validation: null, trials, best: null, endReason: null, error: null };
}

describe('the leaderboard chart', () => {
  it('draws the best score so far after each trial, held flat until now', () => {
    const s = search([point(2, 0.8, 5), point(1, 0.9, 7), point(3, 0.85, 12)], 20);
    expect(bestSoFar(s)).toEqual([
      [5, 0.8],
      [7, 0.9],
      [12, 0.9],
      [20, 0.9],
    ]);
    expect(bestSoFar(search([], 3))).toEqual([]);
  });

  it('plots accuracy as a percentage on an axis as long as the budget, each point named by its trial', () => {
    const option = leaderboardOption(PALETTES.light, search([point(1, 0.9, 7)], 10)) as { xAxis: { max: number }; series: { data: unknown[] }[] };
    expect(option.xAxis.max).toBe(60);
    expect(option.series[0]!.data).toEqual([{ value: [7, 90], name: 'Trial 1: net 1' }]);
    expect(scoreText('accuracy', 0.9123)).toBe('91.2%');
    expect(scoreText('r2', 0.9123)).toBe('0.912');
  });
});
