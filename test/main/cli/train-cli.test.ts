import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli, datasets, repo, scratch } from './cli-fixture.ts';

const { dir: tmp, file: csv } = scratch('cli');

describe('layerlab train', () => {
  it('prints exactly one JSON object with the public fields on --json', async () => {
    const { code, out, err } = await cli('train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', '30', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ task: 'multiclass', target: 'species', rows: 150, features: 4, epochs: expect.any(Number), seconds: expect.any(Number) });
    expect(summary.metrics.accuracy).toBeGreaterThan(0.8);
    expect(summary.metrics.confusionMatrix).toHaveLength(3);
    expect(summary).toMatchObject({ samplesPerSecond: expect.any(Number), threads: 1, kernels: expect.stringMatching(/^(relaxed-simd|simd|typescript)$/), warmUpSeconds: expect.any(Number) });
    expect(summary.samplesPerSecond).toBeGreaterThan(0);
  });

  it('without --hidden, widens the network for many classes and keeps 32-16 for a table of few classes', async () => {
    // 16 number columns and 26 classes: about 2 × (16 + 26) units → a 128-64 network, not 26 classes behind 16 units.
    const rows = Array.from({ length: 260 }, (_, i) => [...Array.from({ length: 16 }, (_, j) => ((i * 7 + j * 13) % 17) / 4), String.fromCharCode(65 + (i % 26))].join(','));
    const letters = csv('letters.csv', `${[...Array.from({ length: 16 }, (_, j) => `x${j}`), 'letter'].join(',')}\n${rows.join('\n')}\n`);
    const wide = await cli('train', letters, '--target', 'letter', '--epochs', '1', '--json');
    expect(wide.code).toBe(0);
    expect(JSON.parse(wide.out).parameters).toBe(16 * 128 + 128 + 128 * 64 + 64 + 64 * 26 + 26);
    const narrow = await cli('train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', '1', '--json');
    expect(JSON.parse(narrow.out).parameters).toBe(4 * 32 + 32 + 32 * 16 + 16 + 16 * 3 + 3);
  });

  it('trains the same weights on one thread (--threads 1) as on two: large batches are split the same way', async () => {
    const train = async (threads: string): Promise<string> => {
      const model = join(tmp, `churn-${threads}.json`);
      // 512-256 on 7,000 rows, 6 epochs: 35 GFLOP, a run long enough to split its batches and offer a helper.
      const args = ['--target', 'Exited', '--hidden', '512,256', '--batch-size', '256', '--epochs', '6', '--patience', '0', '--threads', threads, '--out', model];
      expect((await cli('train', join(datasets, 'Churn_Modelling.csv'), ...args)).code).toBe(0);
      return (JSON.parse(readFileSync(model, 'utf8')) as { network: { weightData: string } }).network.weightData;
    };
    const one = await train('1');
    expect(one.length).toBeGreaterThan(10_000);
    expect(await train('2')).toBe(one);
  });

  it('prints a readable summary with the confusion matrix, and saves a model that predict reads', async () => {
    const model = join(tmp, 'titanic.json');
    const { code, out } = await cli('train', join(datasets, 'titanic.csv'), '--target', 'Survived', '--hidden', '8', '--out', model);
    expect(code).toBe(0);
    expect(out).toMatch(/target "Survived" \(binary: 0 \/ 1\)/);
    expect(out).toMatch(/confusion matrix \(rows: actual, columns: predicted\)/);
    expect(out).toMatch(/test \([\d,]+ rows\): accuracy 0\.\d+/);
    const predictions = join(tmp, 'predictions.csv');
    const predicted = await cli('predict', model, join(datasets, 'titanic.csv'), '--out', predictions);
    expect(predicted.code).toBe(0);
    expect(predicted.out).toMatch(/predicted 891 of 891 rows/);
  });

  it('--folds K adds each metric\'s mean ± spread over K folds, and --json always has the baselines', async () => {
    const { code, out } = await cli('train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', '30', '--folds', '4', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary.crossValidation.folds).toBe(4);
    expect(summary.crossValidation.rows).toBe(summary.split.train + summary.split.validation);
    const accuracy = summary.crossValidation.metrics.accuracy;
    expect(accuracy.values).toHaveLength(4);
    expect(accuracy.mean).toBeCloseTo(accuracy.values.reduce((a: number, b: number) => a + b, 0) / 4, 3);
    expect(accuracy.std).toBeGreaterThanOrEqual(0);
    expect(Object.keys(summary.crossValidation.metrics)).toEqual(['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'auc', 'logLoss']);
    expect(summary.baselines.majorityClass.accuracy).toBeCloseTo(1 / 3, 1);
    expect(summary.baselines.linear.accuracy).toBeGreaterThan(0.6);
    const text = await cli('train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', '30', '--folds', '3');
    expect(text.out).toMatch(/3-fold cross-validation on 1\d\d non-test rows \(mean ± spread\): accuracy 0\.\d{3} ± 0\.\d{3}/);
    expect(text.out).toMatch(/baselines on the same test rows: majority class accuracy 0\.\d{3} · linear model accuracy/);
  });

  it('reports regression with R²', async () => {
    const { out } = await cli('train', join(datasets, 'winequality-red.csv'), '--target', 'quality', '--task', 'regression', '--epochs', '20', '--json');
    const summary = JSON.parse(out);
    expect(summary.task).toBe('regression');
    expect(summary.metrics).toHaveProperty('r2');
    expect(summary.metrics).not.toHaveProperty('confusionMatrix');
  });

  const userMistakes: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['train', join(tmp, 'nope.csv'), '--target', 'y'], /nope\.csv/],
    ['an unknown target column', () => ['train', join(datasets, 'iris.csv'), '--target', 'Species'], /no column "Species" \(did you mean "species"\?\)/],
    ['a target with one class', () => ['train', csv('one-class.csv', 'a,b,y\n1,2,yes\n3,4,yes\n5,6,yes\n7,8,yes\n'), '--target', 'y'], /target "y" has a single value/],
    ['no usable feature', () => ['train', csv('no-features.csv', 'id,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n11,a\n12,b\n13,a\n14,b\n15,a\n16,b\n17,a\n18,b\n19,a\n20,b\n21,a\n'), '--target', 'y'], /Every column besides the target would be dropped/],
    ['a missing --target', () => ['train', join(datasets, 'iris.csv')], /--target is required/],
    ['an unknown flag', () => ['train', join(datasets, 'iris.csv'), '--target', 'species', '--epoch', '3'], /Unknown option '--epoch'/],
    ['a bad number', () => ['train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', 'ten'], /--epochs must be a whole number ≥ 1, got "ten"/],
    ['a thread count other than 1 or 2', () => ['train', join(datasets, 'iris.csv'), '--target', 'species', '--threads', '4'], /--threads must be 1 or 2, got "4"/],
    ['too few rows of a class for the folds', () => ['train', join(datasets, 'iris.csv'), '--target', 'species', '--folds', '45'], /45-fold cross-validation needs at least 45 rows of each class outside the test rows, but "setosa" has \d+/],
  ];
  for (const [what, argv, message] of userMistakes) {
    it(`explains ${what} in one line on stderr and exits non-zero`, async () => {
      const { code, out, err } = await cli(...argv());
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('runs as `npx layerlab` from the repository root', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repo, 'bin/layerlab.mjs'), 'train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', '5', '--json'], { cwd: repo });
    expect(JSON.parse(stdout).task).toBe('multiclass');
    const failed = await promisify(execFile)(process.execPath, [join(repo, 'bin/layerlab.mjs'), 'train', 'missing.csv', '--target', 'y'], { cwd: repo }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });
});
