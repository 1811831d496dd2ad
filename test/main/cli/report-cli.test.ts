/** layerlab report end to end: a model trained by the CLI, its report written to --out, mistakes in one line. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { truthCsv, truthTable } from '../../engine/insight/generated.ts';
import { cli, scratch } from './cli-fixture.ts';

const { dir: tmp } = scratch('report-cli');
const data = join(tmp, 'numbers.csv');
const model = join(tmp, 'numbers.json');

beforeAll(async () => {
  writeFileSync(data, truthCsv(truthTable('regression', 600, 4)));
  const trained = await cli('train', data, '--target', 'target', '--hidden', '8', '--epochs', '10', '--out', model, '--json');
  expect(trained.code, trained.err).toBe(0);
});

describe('layerlab report', () => {
  it('writes one HTML file with every section and says where', async () => {
    const out = join(tmp, 'report.html');
    const { code, out: said, err } = await cli('report', model, data, '--out', out, '--repeats', '2');
    expect(code, err).toBe(0);
    expect(said).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)\\n$`));
    const html = readFileSync(out, 'utf8');
    for (const id of ['data', 'network', 'settings', 'curves', 'evaluation', 'provenance']) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('Training report: target from numbers.csv');
    expect(html).toContain('the 120 test rows of numbers.csv');
  });

  it('--json prints where it went and what was left out', async () => {
    const out = join(tmp, 'other.html');
    const other = join(tmp, 'other.csv');
    writeFileSync(other, truthCsv(truthTable('regression', 50, 9)));
    const { code, out: said } = await cli('report', model, other, '--out', out, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(said)).toMatchObject({ out, notes: [expect.stringMatching(/^other\.csv is not the file the model was trained on/)] });
  });

  it('without --out, or without the data file: one line, exit 2, nothing written', async () => {
    const noOut = await cli('report', model, data);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/^layerlab report: say where to write the report with --out report\.html\./);
    const out = join(tmp, 'never.html');
    const missing = await cli('report', model, join(tmp, 'nope.csv'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});
