import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readDelimitedText } from '../../../main/io/read-text.ts';
import { WARM_UP_PREFIX, warmUpLoader, warmUpText } from '../../../main/io/warm-up.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

describe('the loader warm-up', () => {
  it('goes through the paths a real file takes: the byte lane, numbers, labels, markers, dates, yes/no', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'layerlab-warm-test-'));
    try {
      const file = path.join(dir, 'warm.csv');
      const text = warmUpText();
      await writeFile(file, text);
      const read = await readDelimitedText({ path: file, file: 'warm.csv', encoding: 'utf-8', totalBytes: Buffer.byteLength(text), table: {} });
      expect(read.lane).toBe('bytes');
      expect(read.built.table.rowCount).toBe(16_000);
      expect(Object.fromEntries(read.built.table.columns.map((c) => [c.name, c.type]))).toEqual({
        id: 'id', patient: 'integer', age: 'categorical', weight: 'numeric', score: 'numeric', rate: 'numeric', group: 'categorical',
        change: 'categorical', med: 'boolean', visits: 'integer', when: 'datetime', note: 'categorical', flag: 'boolean', code: 'categorical',
      });
      expect(Buffer.byteLength(text)).toBeLessThan(2e6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves nothing in the temp folder', async () => {
    // This process's own: web hosts started by other tests warm up at the same time, each in a folder named by its pid.
    const own = async () => (await readdir(tmpdir())).filter((n) => n.startsWith(`${WARM_UP_PREFIX}${process.pid}-`));
    expect(await own()).toEqual([]);
    await warmUpLoader();
    expect(await own()).toEqual([]);
  });
});
