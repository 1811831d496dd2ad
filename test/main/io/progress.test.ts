import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTable, type LoadProgress } from '../../../main/io/load-table.ts';
import { dataset } from './datasets.ts';

const big = dataset('diabetes130_readmission.csv');
const quoted = dataset('international_football_results.csv');

describe('loading progress', () => {
  it.each([big, quoted])('reports bytes and rows as %s streams, ending at its size and row count', async (file) => {
    const seen: LoadProgress[] = [];
    const { table, source } = await loadTable(file, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((p, i) => i === 0 || (p.bytes >= seen[i - 1]!.bytes && p.rows >= seen[i - 1]!.rows))).toBe(true);
    expect(seen.at(-1)!.bytes).toBe(source.bytes);
    expect(seen.every((p) => p.totalBytes === source.bytes)).toBe(true);
    expect(seen.at(-1)!.rows).toBeGreaterThan(table.rowCount * 0.95);
  });
});

describe('cancelling a load', () => {
  it.each([big, quoted])('stops %s with a "cancelled" error when the signal fires mid-way', async (file) => {
    const controller = new AbortController();
    const load = loadTable(file, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes > 1 << 20) controller.abort();
      },
    });
    await expect(load).rejects.toMatchObject({ code: 'cancelled', message: `Loading ${file.split('/').pop()} was cancelled.` });
  });

  it('does not start when the signal has already fired', async () => {
    await expect(loadTable(big, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('the source file', () => {
  it('is never modified, and its sha256 is that of its bytes', async () => {
    for (const name of ['titanic.csv', 'variants/churn_first500.xlsx', 'variants/football_results_latin1.csv']) {
      const file = dataset(name);
      const before = statSync(file);
      const { source } = await loadTable(file);
      const after = statSync(file);
      expect(after.mtimeMs).toBe(before.mtimeMs);
      expect(after.size).toBe(before.size);
      expect(source.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  });
});
