import { describe, expect, it, vi } from 'vitest';
import type { DatasetRows } from '../../../../main/api/contract.ts';
import { RowPager } from '../../../../renderer/src/lib/table/row-pager.ts';

/** A table of `rowCount` rows whose cell (r, c) is r * 10 + c, served like main's datasetRows. */
function fakeMain(rowCount: number) {
  const requests: [number, number][] = [];
  const pending: (() => void)[] = [];
  const fetchRows = vi.fn((start: number, count: number) => {
    requests.push([start, count]);
    return new Promise<DatasetRows>((resolve) =>
      pending.push(() => resolve({ start, columns: [0, 1].map((c) => Array.from({ length: Math.min(count, rowCount - start) }, (_, i) => (start + i) * 10 + c)) })),
    );
  });
  const answerAll = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((resolve) => setTimeout(resolve));
  };
  return { fetchRows, requests, answerAll };
}

describe('RowPager', () => {
  it('fetches the blocks covering the wanted rows, once each, and serves their cells', async () => {
    const main = fakeMain(1000);
    const onBlock = vi.fn();
    const pager = new RowPager(main.fetchRows, { rowCount: 1000, blockSize: 100, onBlock });
    pager.want(150, 260);
    pager.want(160, 250);
    expect(main.requests).toEqual([
      [100, 100],
      [200, 100],
    ]);
    expect(pager.cell(150, 1), 'undefined while on its way').toBeUndefined();
    await main.answerAll();
    expect(onBlock).toHaveBeenCalledTimes(2);
    expect(pager.cell(150, 1)).toBe(1501);
    expect(pager.cell(299, 0)).toBe(2990);
  });

  it('asks for a short last block and nothing past the end', async () => {
    const main = fakeMain(250);
    const pager = new RowPager(main.fetchRows, { rowCount: 250, blockSize: 100 });
    pager.want(240, 400);
    expect(main.requests).toEqual([[200, 50]]);
    await main.answerAll();
    expect(pager.cell(249, 0)).toBe(2490);
  });

  it('keeps at most maxBlocks blocks, forgetting the least recently wanted', async () => {
    const main = fakeMain(1000);
    const pager = new RowPager(main.fetchRows, { rowCount: 1000, blockSize: 10, maxBlocks: 2 });
    pager.want(0, 0);
    pager.want(10, 10);
    await main.answerAll();
    pager.want(0, 0);
    pager.want(20, 20);
    await main.answerAll();
    expect(pager.cell(0, 0), 'wanted again, so kept').toBe(0);
    expect(pager.cell(10, 0), 'least recently wanted, so dropped').toBeUndefined();
    expect(pager.cell(20, 0)).toBe(200);
  });

  it('reports a failed fetch once and stops fetching', async () => {
    const onError = vi.fn();
    const fetchRows = vi.fn(() => Promise.reject(new Error('dataset closed')));
    const pager = new RowPager(fetchRows, { rowCount: 1000, blockSize: 10, onError });
    pager.want(0, 30);
    await new Promise((resolve) => setTimeout(resolve));
    pager.want(500, 530);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(fetchRows).toHaveBeenCalledTimes(4);
  });

  it('ignores blocks that arrive after it was closed', async () => {
    const main = fakeMain(100);
    const onBlock = vi.fn();
    const pager = new RowPager(main.fetchRows, { rowCount: 100, blockSize: 10, onBlock });
    pager.want(0, 5);
    pager.close();
    await main.answerAll();
    expect(onBlock).not.toHaveBeenCalled();
    expect(pager.cell(0, 0)).toBeUndefined();
  });
});
