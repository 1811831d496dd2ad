import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDelimitedText, type TextReadOptions } from '../../../main/io/read-text.ts';
import { dataset, datasets, tableDifference } from './datasets.ts';

/** Files with quoted fields in their first megabyte go to papaparse from the start. */
const QUOTED = new Set(['titanic.csv', 'winequality-red.csv', 'international_football_results.csv']);
const plainCsvs = readdirSync(datasets).filter((f) => /\.csv$/.test(f) && !f.includes('IDs_mapping'));

function options(file: string, encoding: TextReadOptions['encoding'] = 'utf-8'): TextReadOptions {
  const path = dataset(file);
  return { path, file, encoding, totalBytes: statSync(path).size, table: {} };
}

describe('the byte lane and the papaparse lane', () => {
  it.each([...plainCsvs, 'variants/titanic.tsv', 'variants/housing_semicolon_decimal_comma.csv'])('read %s into identical tables', async (file) => {
    const fast = await readDelimitedText(options(file));
    const papa = await readDelimitedText({ ...options(file), lane: 'papaparse' });
    expect(tableDifference(fast.built.table, papa.built.table)).toBeNull();
    expect(fast.built.table.columns.map((c) => c.reason)).toEqual(papa.built.table.columns.map((c) => c.reason));
    expect(fast.built.warnings).toEqual(papa.built.warnings);
    expect(fast.sha256).toBe(papa.sha256);
    expect([fast.lane, papa.lane]).toEqual([QUOTED.has(file) ? 'papaparse' : 'bytes', 'papaparse']);
  });

  it('agree on the Windows-1252 file', async () => {
    const fast = await readDelimitedText(options('variants/football_results_latin1.csv', 'windows-1252'));
    const papa = await readDelimitedText({ ...options('variants/football_results_latin1.csv', 'windows-1252'), lane: 'papaparse' });
    expect(tableDifference(fast.built.table, papa.built.table)).toBeNull();
  });
});
