import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '../io/datasets.ts';
import { cli } from './cli-fixture.ts';

describe('layerlab inspect --json', () => {
  it('prints one JSON object with rows and a profile per column', async () => {
    const { code, out, err } = await cli('inspect', dataset('titanic.csv'), '--json');
    expect([code, err]).toEqual([0, '']);
    expect(out.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ name: 'titanic.csv', format: 'csv', rows: 891, duplicateRows: 0, warnings: [] });
    expect(report.columns).toHaveLength(12);
    const age = report.columns.find((c: { name: string }) => c.name === 'Age');
    // pandas: titanic.Age.describe() → count 714, mean 29.699118, std 14.526497, 25% 20.125, 50% 28, 75% 38.
    expect(age).toMatchObject({ type: 'numeric', missing: 177, count: 714, distinct: 88, min: 0.42, max: 80, q1: 20.125, median: 28, q3: 38 });
    expect(age.mean).toBeCloseTo(29.699118, 6);
    expect(age.std).toBeCloseTo(14.526497, 6);
    expect(report.columns.find((c: { name: string }) => c.name === 'Embarked')).toMatchObject({
      type: 'categorical',
      missing: 2,
      distinct: 3,
      top: [{ value: 'S', count: 644 }, { value: 'C', count: 168 }, { value: 'Q', count: 77 }],
    });
  });

  it('counts the 240 duplicate rows of the red wine data, as pandas does', async () => {
    const report = JSON.parse((await cli('inspect', dataset('winequality-red.csv'), '--json')).out);
    expect(report).toMatchObject({ rows: 1599, duplicateRows: 240, delimiter: ';' });
  });

  it('loads the sheet asked for', async () => {
    const report = JSON.parse((await cli('inspect', dataset('variants/two_sheets_titanic_iris.xlsx'), '--sheet', 'iris', '--json')).out);
    expect(report).toMatchObject({ format: 'xlsx', sheet: 'iris', sheets: ['titanic', 'iris'], rows: 150 });
    expect(report.columns.map((c: { type: string }) => c.type)).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'categorical']);
  });

  it('passes missing markers, zero-means-missing and types through', async () => {
    const report = JSON.parse((await cli('inspect', dataset('diabetes.csv'), '--zero-missing', 'Insulin,BMI', '--type', 'Pregnancies=categorical', '--json')).out);
    const byName = Object.fromEntries(report.columns.map((c: { name: string }) => [c.name, c]));
    expect(byName.Insulin.missing).toBe(374);
    expect(byName.BMI.missing).toBe(11);
    expect(byName.Pregnancies.type).toBe('categorical');
  });
});

describe('layerlab inspect (text)', () => {
  it('prints the file, the shape, a line per column, the reasons and the warnings', async () => {
    const { code, out } = await cli('inspect', dataset('diabetes130_readmission.csv'));
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('diabetes130_readmission.csv — CSV (UTF-8, comma)');
    expect(lines[1]).toMatch(/^101766 rows × 50 columns, 0 duplicate rows, [\d.]+ MB in memory, sha256 0689e7ec0312…$/);
    expect(lines[3]).toMatch(/^column\s+type\s+missing\s+distinct\s+values$/);
    expect(out).toMatch(/\nweight\s+categorical\s+98569 \(97%\)\s+9\s+/);
    expect(out).toContain('  patient_nbr: named like an identifier ("nbr") and 70% of its values are different → ID-like');
    expect(out).toContain('Warnings:\n  - Column "examide" holds the same value (No) in every row');
  });

  it('fails with one line naming the file and what to do', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'layerlab-inspect-'));
    const empty = path.join(folder, 'empty.csv');
    writeFileSync(empty, '');
    const { code, out, err } = await cli('inspect', empty);
    expect([code, out]).toEqual([2, '']);
    expect(err).toMatch(/^layerlab inspect: empty\.csv is empty: it holds no header and no data\. .*\n$/);
  });

  it('explains its options on a bad --type', async () => {
    const { code, err } = await cli('inspect', dataset('iris.csv'), '--type', 'species=colour');
    expect(code).toBe(2);
    expect(err).toContain('--type takes column=type pairs with a type among numeric, integer, boolean, categorical, datetime, text, id; got "species=colour".');
  });
});
