import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../../engine/table/table-builder.ts';
import { releaseBuffer } from '../../../main/io/release-buffer.ts';
import { LOAD_OVERHEAD_BYTES, PARALLEL_COLD_MIN_BYTES, WORKER_OVERHEAD_BYTES, wantsParallel } from '../../../main/io/remote-columns.ts';
import { estimatedTableBytes } from '../../../main/io/table-size.ts';
import { isShared, shareLoadedTable } from '../../../main/services/engine-pool/shared-memory.ts';
import { cellValue } from '../../../engine/table/table.ts';

const layout = { delimiter: ',', decimalComma: false, width: 4 };

describe('estimatedTableBytes', () => {
  it('counts 8 bytes a row for a column of numbers (gaps and markers aside) and 4 for any other', () => {
    const sample = ['n,label,mixed,gappy', '1.5,a,1,', '2,b,x,NA', '-3e2,c,2,4', '4,d,3,?', '5,e,'].join('\n');
    expect(estimatedTableBytes(sample, layout, 1000)).toBe((8 + 4 + 4 + 8) * 1000);
  });
});

describe('choosing a second thread for a large file', () => {
  const file = 200 * 2 ** 20;
  const room = 2 * file - LOAD_OVERHEAD_BYTES - WORKER_OVERHEAD_BYTES;

  it('takes it when the table leaves room for the worker under twice the file, not otherwise', () => {
    expect(file).toBeGreaterThanOrEqual(PARALLEL_COLD_MIN_BYTES);
    expect(wantsParallel('auto', file, undefined, room, 0)).toBe(true);
    expect(wantsParallel('auto', file, undefined, room + 1, 0)).toBe(false);
    // bench:memory's table: 34 number and 16 label columns, 1,050,000 rows estimated, a 201 MB file.
    expect(wantsParallel('auto', 201e6, undefined, 1.05e6 * (34 * 8 + 16 * 4), 0)).toBe(false);
    // The 1M-row table built from diabetes130 (docs/loading-speed.md): 12 number and 38 label columns, 180 MB.
    expect(wantsParallel('auto', 180e6, undefined, 1.05e6 * (12 * 8 + 38 * 4), 0)).toBe(true);
    expect(wantsParallel('always', file, undefined, 10 * file, 0)).toBe(true);
  });
});

describe('buffers released during a load', () => {
  it('are only those the table does not keep: the codes of number columns collected as dictionaries', async () => {
    const released: ArrayBuffer[] = [];
    const builder = new TableBuilder(['age', 'city', 'score', 'when'], 1, { source: 'x.csv', releaseBuffer: (buffer) => released.push(buffer) });
    for (let i = 0; i < 5000; i++) builder.addRow([String(20 + (i % 50)), `c${i % 9}`, (i * 0.37).toFixed(2), `2024-01-${String((i % 28) + 1).padStart(2, '0')}`], i + 2);
    const { table } = builder.finish();
    const kept = new Set(table.columns.map((c) => (c.storage === 'number' ? c.values : c.codes).buffer));
    expect(table.columns.map((c) => c.type)).toEqual(['integer', 'categorical', 'numeric', 'datetime']);
    // age and the dates were collected as codes; score had more distinct values than a dictionary keeps.
    expect(released).toHaveLength(2);
    for (const buffer of released) expect(kept.has(buffer)).toBe(false);
  });

  it('are freed: a released buffer is detached, so nothing can read what it held', () => {
    const codes = new Int32Array(1000).fill(7);
    releaseBuffer(codes.buffer);
    expect(codes.length).toBe(0);
    expect(codes.buffer.byteLength).toBe(0);
  });
});

describe('a loaded table moved into shared memory', () => {
  it('keeps every cell, and frees each original array as soon as its column is copied', () => {
    const builder = new TableBuilder(['n', 'label'], 1, { source: 'x.csv' });
    for (let i = 0; i < 3000; i++) builder.addRow([i % 5 === 0 ? '' : String(i * 1.5), `l${i % 4}`], i + 2);
    const table = builder.finish().table;
    const before = table.columns.map((c) => Array.from({ length: table.rowCount }, (_, row) => cellValue(c, row)));
    const originals = table.columns.map((c) => (c.storage === 'number' ? c.values : c.codes));
    const released: ArrayBuffer[] = [];
    const shared = shareLoadedTable(table, (buffer) => released.push(buffer));
    expect(shared.columns.every((c) => isShared(c.storage === 'number' ? c.values : c.codes))).toBe(true);
    expect(shared.columns.map((c) => Array.from({ length: table.rowCount }, (_, row) => cellValue(c, row)))).toEqual(before);
    expect(released).toEqual(originals.map((a) => a.buffer));
    // Already shared: nothing is copied, nothing released.
    shareLoadedTable(shared, (buffer) => released.push(buffer));
    expect(released).toHaveLength(2);
  });
});
