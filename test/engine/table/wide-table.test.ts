/**
 * Memory proportional to the data, not to the column count: a file of many columns and one row costs bytes per
 * column while it is read and once it is loaded. (A 200,000-column file used to take about 16 KB per column
 * and 3.2 GB; test/hostile runs the CLI on a wide file and bounds its peak.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../../engine/table/table-builder.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

function heap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

const COLUMNS = 20_000;

describe('a table of 20,000 columns and one row', () => {
  it('holds its column builders, then its columns, in well under a kilobyte per column', () => {
    const header = Array.from({ length: COLUMNS }, (_, i) => `c${i}`);
    const row = Array.from({ length: COLUMNS }, (_, i) => (i % 3 === 0 ? `label ${i % 97}` : String(i % 97)));
    const start = heap();
    const builder = new TableBuilder(header, 1, { source: 'wide.csv', expectedRows: 1 });
    builder.addRow(row, 2);
    const reading = (heap() - start) / COLUMNS;
    const built = builder.finish();
    const loaded = (heap() - start) / COLUMNS;
    expect(built.table.columns).toHaveLength(COLUMNS);
    expect(reading, 'bytes per column while reading').toBeLessThan(1000);
    expect(loaded, 'bytes per column once loaded').toBeLessThan(1000);
  });

  it('lists 25 warnings at most, the rest counted in one line that says where each is still said', () => {
    const header = Array.from({ length: COLUMNS }, (_, i) => `c${i}`);
    const built = new TableBuilder(header, 1, { source: 'wide.csv' });
    built.addRow(header.map(() => '7'), 2);
    const { warnings, table } = built.finish();
    expect(warnings).toHaveLength(25);
    expect(warnings[24]).toBe(`19,976 more notes like these, about other columns, are not listed here; each column's reason (its card in the Data step, or "layerlab inspect") still says what concerns it.`);
    expect(table.columns[19_999]!.reason).toContain('only one value (7)');
  });
});
