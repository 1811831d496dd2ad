/**
 * The export commands end to end: train → model.json → export-tfjs / export-keras / export-pytorch / transform / predict, with
 * their files, one-line summaries and one-line mistakes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, datasets, scratch } from './cli-fixture.ts';

const { dir: tmp, file: csvFile } = scratch('export-cli');
const model = join(tmp, 'iris.json');

const csvRows = (path: string): string[][] => Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data;

beforeAll(async () => {
  const trained = await cli('train', join(datasets, 'iris.csv'), '--target', 'species', '--epochs', '30', '--out', model, '--json');
  expect(trained.code, trained.err).toBe(0);
});

describe('export commands', () => {
  it('train --out writes a model file with the TF.js topology, the recipe and provenance', () => {
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file).toMatchObject({ format: 'layerlab-model', version: '1.0', network: { format: 'layers-model' }, provenance: { source: { name: 'iris.csv', rows: 150 } } });
    expect(file.provenance.app.version).toBe(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')).version);
  });

  it('predict --out writes one probability column per class', async () => {
    const out = join(tmp, 'predictions.csv');
    const { code, out: said } = await cli('predict', model, join(datasets, 'iris.csv'), '--out', out);
    expect(code).toBe(0);
    const rows = csvRows(out);
    expect(rows[0]!.slice(5)).toEqual(['predicted_species', 'probability_setosa', 'probability_versicolor', 'probability_virginica', 'prediction_error', 'prediction_warning']);
    // Held-out rows may lie outside the training rows' range: each such row says so, and the summary counts them.
    const warned = rows.slice(1).filter((row) => row[10] !== '').length;
    expect(said).toBe(`predicted 150 of 150 rows → ${out}${warned ? ` (${warned} row${warned === 1 ? ' has' : 's have'} a value unlike any in training; see prediction_warning)` : ''}\n`);
    for (const row of rows.slice(1).filter((r) => r[10] !== '')) expect(row[10]).toMatch(/outside its training range/);
    for (const row of rows.slice(1)) expect(Number(row[6]) + Number(row[7]) + Number(row[8])).toBeCloseTo(1, 5);
  });

  it('export-tfjs writes model.json and weights.bin into a new folder', async () => {
    const dir = join(tmp, 'tfjs', 'iris');
    const { code, out } = await cli('export-tfjs', model, dir, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ model: join(dir, 'model.json'), weights: join(dir, 'weights.bin'), features: 4 });
    const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(manifest.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(manifest.userDefinedMetadata.layerlab.recipe.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
  });

  it('export-keras writes a script that compiles', async () => {
    const script = join(tmp, 'iris_model.py');
    const { code, out } = await cli('export-keras', model, script);
    expect(code).toBe(0);
    expect(out).toBe(`wrote ${script}: run it with "python3 ${script} iris.csv"\n`);
    execFileSync('python3', ['-m', 'py_compile', script]);
  });

  it('export-pytorch writes a script that compiles', async () => {
    const script = join(tmp, 'train_torch.py');
    const { code, out } = await cli('export-pytorch', model, script);
    expect(code).toBe(0);
    expect(out).toBe(`wrote ${script}: run it with "python3 ${script} iris.csv --nproc 2"\n`);
    expect(readFileSync(script, 'utf8')).toContain('DistributedDataParallel(network');
    execFileSync('python3', ['-m', 'py_compile', script]);
  });

  it('transform --out writes the cleaned features and the class index', async () => {
    const out = join(tmp, 'features.csv');
    const { code, out: said } = await cli('transform', model, join(datasets, 'iris.csv'), '--out', out);
    expect(code).toBe(0);
    expect(said).toBe(`wrote 150 of 150 rows × 4 features + "species" → ${out}\n`);
    const rows = csvRows(out);
    expect(rows[0]).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(new Set(rows.slice(1).map((r) => r[4]))).toEqual(new Set(['0', '1', '2']));
    // Standardized: every feature's mean over the rows is near 0.
    for (let j = 0; j < 4; j++) expect(Math.abs(rows.slice(1).reduce((s, r) => s + Number(r[j]), 0) / 150)).toBeLessThan(0.2);
  });

  it('transform without --out prints the CSV and, with --json, a summary on stderr', async () => {
    const noTarget = join(tmp, 'no-target.csv');
    writeFileSync(noTarget, 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6,x,4,1.3\n');
    const { code, out, err } = await cli('transform', model, noTarget, '--json');
    expect(code).toBe(0);
    expect(out.split('\r\n')[0]).toBe('sepal_length,sepal_width,petal_length,petal_width');
    expect(out.split('\r\n')).toHaveLength(3);
    expect(JSON.parse(err)).toEqual({ rows: 2, written: 1, rejected: 1, features: 4, target: null, out: null });
  });

  const mistakes: [string, () => string[], RegExp][] = [
    ['a missing model file', () => ['export-tfjs', join(tmp, 'nope.json'), join(tmp, 'x')], /Model file not found: .*nope\.json\. Train one with "layerlab train \.\.\. --out model\.json"/],
    ['a data file given as the model', () => ['export-keras', join(datasets, 'iris.csv'), join(tmp, 'a.py')], /iris\.csv is not valid JSON/],
    ['a script name without .py', () => ['export-keras', model, join(tmp, 'script.txt')], /the script's name should end in \.py/],
    ['a PyTorch script name without .py', () => ['export-pytorch', model, join(tmp, 'train_torch')], /the script's name should end in \.py/],
    ['a missing folder argument', () => ['export-tfjs', model], /give a model file and a folder/],
    ['a file lacking a column the model needs', () => ['transform', model, csvFile('short.csv', 'sepal_length,petal_width\n1,2\n')], /lack 2 columns the model needs: "sepal_width", "petal_length"/],
    ['an output folder that does not exist', () => ['transform', model, join(datasets, 'iris.csv'), '--out', join(tmp, 'nowhere', 'f.csv')], /Cannot save .*f\.csv: its folder does not exist\. Nothing was changed on disk/],
  ];
  for (const [what, argv, message] of mistakes) {
    it(`explains ${what} on its first line of stderr and exits 2`, async () => {
      const { code, out, err } = await cli(...argv());
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.split('\n')[0]).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('lists the export commands in the help', async () => {
    const { out } = await cli('--help');
    for (const name of ['export-tfjs', 'export-keras', 'export-pytorch', 'transform', 'predict']) expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(existsSync(join(tmp, 'x'))).toBe(false);
  });
});
