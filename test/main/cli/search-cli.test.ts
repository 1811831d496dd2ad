import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, datasets, scratch } from './cli-fixture.ts';

const { dir: tmp, file: csv } = scratch('search-cli');

describe('layerlab search', () => {
  it('prints the issue\'s JSON object, and saves a model that predict reads', async () => {
    const model = join(tmp, 'iris-search.json');
    const { code, out, err } = await cli('search', join(datasets, 'iris.csv'), '--target', 'species', '--trials', '2', '--folds', '2', '--out', model, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ task: 'multiclass', target: 'species', rows: 150, features: expect.any(Number), seconds: expect.any(Number), trials: 2 });
    expect(Object.keys(summary.best)).toEqual(expect.arrayContaining(['hidden', 'activation', 'dropout', 'l2', 'learningRate', 'batchSize', 'epochs']));
    expect(summary.validation).toEqual({ mean: expect.any(Number), std: expect.any(Number) });
    expect(summary.metrics.accuracy).toBeGreaterThan(0.8);
    expect(summary.metrics.confusionMatrix).toHaveLength(3);
    expect(Object.keys(summary.baselines)).toEqual(['majorityClass', 'linear']);
    expect(summary.baselines.majorityClass.accuracy).toBeLessThan(0.5);
    expect(summary.leaderboard).toHaveLength(2);
    expect(summary.leaderboard[0]).toMatchObject({ rank: 1, config: expect.any(Object), validation: { mean: expect.any(Number), std: expect.any(Number) }, seconds: expect.any(Number) });
    const predicted = await cli('predict', model, join(datasets, 'iris.csv'), '--out', join(tmp, 'iris-predictions.csv'));
    expect(predicted.code).toBe(0);
    expect(predicted.out).toMatch(/predicted 150 of 150 rows/);
  }, 180_000);

  const rareClassCsv = () => csv('rare-class.csv', `x,y\n${Array.from({ length: 24 }, (_, i) => `${(i * 3.7).toFixed(1)},${i % 8 === 0 ? 'rare' : 'common'}`).join('\n')}\n`);

  it('searches a table with a class rarer than the 5 folds it chooses itself: the rare rows are dealt round the folds', async () => {
    // The same table is refused below when --folds 5 is asked for (a user mistake); the search's own choice must not fail it.
    const { code, out, err } = await cli('search', rareClassCsv(), '--target', 'y', '--trials', '1', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ task: 'binary', rows: 24, trials: 1 });
    expect(summary.leaderboard).toHaveLength(1);
  }, 60_000);

  const userMistakes: [string, () => string[], RegExp][] = [
    ['a budget of 0', () => ['search', join(datasets, 'iris.csv'), '--target', 'species', '--budget-seconds', '0'], /--budget-seconds must be a number of seconds above 0 \(e\.g\. 60\), got "0"/],
    ['a target with one class', () => ['search', csv('one-class.csv', 'a,b,y\n1,2,yes\n3,4,yes\n5,6,yes\n7,8,yes\n'), '--target', 'y', '--trials', '1'], /target "y" has a single value/],
    [
      'a table too small for the folds',
      () => ['search', rareClassCsv(), '--target', 'y', '--folds', '5', '--trials', '1'],
      /5-fold cross-validation needs at least 5 rows of each class outside the test rows, but "rare" has \d\. Use --folds \d or fewer/,
    ],
    ['no limit of trials nor time left out by a bad number', () => ['search', join(datasets, 'iris.csv'), '--target', 'species', '--trials', 'many'], /--trials must be a whole number ≥ 1, got "many"/],
  ];
  for (const [what, argv, message] of userMistakes) {
    it(`explains ${what} in one line on stderr and exits 2`, async () => {
      const { code, out, err } = await cli(...argv());
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    }, 60_000);
  }
});
