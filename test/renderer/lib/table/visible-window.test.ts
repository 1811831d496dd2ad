import { describe, expect, it } from 'vitest';
import { visibleWindow } from '../../../../renderer/src/lib/table/visible-window.ts';

const base = { viewportHeight: 280, rowHeight: 28, overscan: 2 };

describe('visibleWindow', () => {
  it('draws the rows on screen plus the overscan, placed at their natural offset', () => {
    // 280 px show 10 rows; scrolled 10 rows down: rows 10…20 are (partly) visible, 8…22 drawn.
    expect(visibleWindow({ ...base, scrollTop: 280, rowCount: 1000 })).toEqual({ totalHeight: 28_000, first: 8, last: 22, offset: 8 * 28 });
  });

  it('clamps at both ends of the table', () => {
    expect(visibleWindow({ ...base, scrollTop: 0, rowCount: 1000 })).toMatchObject({ first: 0, last: 12, offset: 0 });
    expect(visibleWindow({ ...base, scrollTop: 1e9, rowCount: 1000 })).toMatchObject({ first: 988, last: 999 });
    expect(visibleWindow({ ...base, scrollTop: -50, rowCount: 5 })).toEqual({ totalHeight: 140, first: 0, last: 4, offset: 0 });
  });

  it('draws nothing for an empty table', () => {
    expect(visibleWindow({ ...base, scrollTop: 0, rowCount: 0 })).toEqual({ totalHeight: 0, first: 0, last: -1, offset: 0 });
  });

  it('keeps the drawn rows a screenful whatever the row count', () => {
    for (const rowCount of [100, 100_000, 10_000_000]) {
      const view = visibleWindow({ ...base, scrollTop: 123_456, rowCount });
      expect(view.last - view.first + 1).toBeLessThanOrEqual(10 + 1 + 2 * 2 + 1);
    }
  });

  it('compresses a scroll range taller than the browser allows, still reaching the first and the last row', () => {
    const rowCount = 1_000_000;
    const maxHeight = 1_000_000;
    const top = visibleWindow({ ...base, scrollTop: 0, rowCount, maxHeight });
    expect(top).toMatchObject({ totalHeight: maxHeight, first: 0, offset: 0 });
    const bottom = visibleWindow({ ...base, scrollTop: maxHeight - 280, rowCount, maxHeight });
    expect(bottom.last).toBe(rowCount - 1);
    // The last row ends exactly at the bottom of the content.
    expect(bottom.offset + (bottom.last - bottom.first + 1) * 28).toBe(maxHeight);
    const middle = visibleWindow({ ...base, scrollTop: (maxHeight - 280) / 2, rowCount, maxHeight });
    expect(middle.first + 2).toBe(Math.floor((rowCount - 10) / 2));
  });
});
