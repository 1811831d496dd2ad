import { describe, expect, it } from 'vitest';
import type { Table } from '../../../engine/table/table.ts';
import type { LoadedTable } from '../../../main/io/load-table.ts';
import { DatasetStore } from '../../../main/services/dataset-store.ts';

function loaded(name: string): LoadedTable {
  const table: Table = {
    rowCount: 3,
    columns: [
      { name: 'x', type: 'numeric', reason: 'numbers', storage: 'number', values: new Float64Array([1.5, NaN, -2]) },
      { name: 'c', type: 'categorical', reason: '2 values', storage: 'category', codes: new Int32Array([1, 0, -1]), levels: ['no', 'yes'] },
    ],
  };
  return {
    table,
    source: { path: `/d/${name}`, name, format: 'csv', encoding: 'utf-8', delimiter: ',', decimalComma: false, sheet: null, sheets: [], sha256: 'ab', bytes: 10 },
    warnings: [],
  };
}

describe('DatasetStore', () => {
  it('summarises each column with its missing count and number of levels', () => {
    const summary = new DatasetStore().add(loaded('a.csv'), 'path', 'a.csv');
    expect(summary.columns).toEqual([
      { name: 'x', type: 'numeric', reason: 'numbers', missing: 1, levels: null },
      { name: 'c', type: 'categorical', reason: '2 values', missing: 1, levels: 2 },
    ]);
    expect(summary.path).toBe('/d/a.csv');
  });

  it('serves rows as values, labels and null for missing cells, clipped to the table', () => {
    const store = new DatasetStore();
    const { datasetId } = store.add(loaded('a.csv'), 'sample', 'a.csv');
    expect(store.rows(datasetId, 1, 5)).toEqual({ start: 1, columns: [[null, -2], ['no', null]] });
    expect(store.rows(datasetId, 7, 5)).toEqual({ start: 3, columns: [[], []] });
  });

  it('replaces a column by name: summary, rows and table follow, the other columns stay the same objects', () => {
    const store = new DatasetStore();
    const { datasetId } = store.add(loaded('a.csv'), 'path', 'a.csv');
    const before = store.get(datasetId).table;
    const summary = store.replaceColumn(datasetId, { name: 'x', type: 'integer', reason: 'chosen', storage: 'number', values: new Float64Array([1, 2, NaN]) });
    expect(summary.columns[0]).toEqual({ name: 'x', type: 'integer', reason: 'chosen', missing: 1, levels: null });
    expect(store.get(datasetId).summary).toBe(summary);
    expect(store.rows(datasetId, 0, 3).columns[0]).toEqual([1, 2, null]);
    expect(store.get(datasetId).table.columns[1]).toBe(before.columns[1]);
    expect(before.columns[0]!.type, 'the old table is left as it was').toBe('numeric');
    expect(() => store.replaceColumn(datasetId, { ...before.columns[0]!, name: 'y' })).toThrow(/no column "y"/);
  });

  it("records the user's types and missing markers per column, as a project saves them", () => {
    const store = new DatasetStore();
    const { datasetId } = store.add(loaded('a.csv'), 'path', 'a.csv', { columnTypes: { c: 'text' }, columnMissingMarkers: {} });
    const x = store.get(datasetId).table.columns[0]!;
    store.replaceColumn(datasetId, x, { markers: ['0', '-999'] });
    store.replaceColumn(datasetId, x, { type: 'integer' });
    expect(store.get(datasetId).edits).toEqual({ columnTypes: { c: 'text', x: 'integer' }, columnMissingMarkers: { x: ['0', '-999'] } });
    store.replaceColumn(datasetId, x, { markers: [] });
    store.replaceColumn(datasetId, x);
    expect(store.get(datasetId).edits, 'an empty list gives the column back; a replacement without an edit records nothing').toEqual({ columnTypes: { c: 'text', x: 'integer' }, columnMissingMarkers: {} });
    expect(store.get(store.add(loaded('b.csv'), 'path', 'b.csv').datasetId).edits).toEqual({ columnTypes: {}, columnMissingMarkers: {} });
  });

  it('keeps only the most recently opened tables', () => {
    const store = new DatasetStore(2);
    const ids = ['a', 'b', 'c'].map((n) => store.add(loaded(`${n}.csv`), 'path', n).datasetId);
    expect(() => store.rows(ids[0]!, 0, 1)).toThrow(/no longer open: Layerlab keeps the 2 most recently opened/);
    expect(store.rows(ids[2]!, 0, 1).columns[0]).toEqual([1.5]);
    expect(ids.map((id) => store.has(id))).toEqual([false, true, true]);
    expect([...ids, null, undefined].map((id) => store.find(id)?.summary.name ?? null), 'find: the open ones, null for the others').toEqual([null, 'b', 'c', null, null]);
  });
});
