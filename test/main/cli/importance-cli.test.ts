/** layerlab importance end to end: a model trained by the CLI on a table whose truth is known, its JSON and text, its mistakes. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { truthCsv, truthTable } from '../../engine/insight/generated.ts';
import { cli, scratch } from './cli-fixture.ts';

const { dir: tmp } = scratch('importance-cli');
const data = join(tmp, 'truth.csv');
const other = join(tmp, 'fresh.csv');
const model = join(tmp, 'truth.json');

beforeAll(async () => {
  writeFileSync(data, truthCsv(truthTable('binary', 1500, 1)));
  writeFileSync(other, truthCsv(truthTable('binary', 400, 2)));
  const trained = await cli('train', data, '--target', 'target', '--hidden', '16', '--epochs', '30', '--learning-rate', '0.01', '--out', model, '--json');
  expect(trained.code, trained.err).toBe(0);
});

describe('layerlab importance', () => {
  it('--json: {metric, baseline, columns: [{column, importance, std}]} most important first, on the test rows of the training file', async () => {
    const { code, out, err } = await cli('importance', model, data, '--repeats', '3', '--seed', '7', '--json');
    expect(code, err).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ metric: 'accuracy', repeats: 3, seed: 7, basis: 'test', rows: 300 });
    expect(result.baseline).toBeGreaterThan(0.85);
    expect(result.columns.slice(0, 2).map((c: { column: string }) => c.column).sort()).toEqual(['color', 'signal']);
    const importances = result.columns.map((c: { importance: number }) => c.importance);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    for (const column of result.columns) expect(Object.keys(column)).toEqual(expect.arrayContaining(['column', 'importance', 'std']));
    expect(result.columns.find((c: { column: string }) => c.column === 'id')).toMatchObject({ importance: 0, std: 0, used: false, note: expect.stringContaining('drops it') });
  });

  it('judges another file on every row, and prints a ranked table with the spread', async () => {
    const { code, out } = await cli('importance', model, other, '--repeats', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/^Permutation importance on all 400 rows of fresh\.csv: accuracy 0\.\d{3} as they are; 2 shuffles per column, seed 42\./);
    expect(out).toMatch(/\n {2}(signal|color) +0\.\d{3} ± 0\.\d{3} +█+\n/);
    expect(out).toMatch(/\n {2}id +0 +Not used: the cleaning recipe drops it/);
  });

  it.each([
    [['--repeats', '0'], /^layerlab importance: --repeats must be a whole number from 1 to 100, got "0"\.\n$/],
    [['--seed', 'x'], /^layerlab importance: --seed must be a whole number, got "x"\.\n$/],
  ])('refuses %j in one line, exit 2', async (flags, message) => {
    const { code, err } = await cli('importance', model, data, ...flags);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('a file without the target, a missing file or a missing argument: one line, exit 2', async () => {
    const noTarget = join(tmp, 'no-target.csv');
    writeFileSync(noTarget, 'id,signal,color,noise,shade\n1,0.5,red,0.1,a\n2,-1,blue,0.3,b\n');
    const missing = await cli('importance', model, noTarget);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^layerlab importance: The rows have no "target" column.*\n$/);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const gone = await cli('importance', join(tmp, 'nope.json'), data);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/^layerlab importance: Model file not found/);
    const usage = await cli('importance', model);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^layerlab importance: give a model file and a data file that holds the target\.\nusage: layerlab importance/);
  });
});
