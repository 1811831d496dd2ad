import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FADE_MS, Notices } from '../../../../renderer/src/lib/state/notices.svelte.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Notices', () => {
  it('closes an error by itself too, later than information', () => {
    const notices = new Notices();
    notices.push('error', 'Could not open x.csv', 'It is a PDF.');
    notices.push('info', 'Hello');
    vi.advanceTimersByTime(FADE_MS.info);
    expect(notices.items.map((n) => n.kind)).toEqual(['error']);
    vi.advanceTimersByTime(FADE_MS.error - FADE_MS.info);
    expect(notices.items).toEqual([]);
  });

  it("closes the previous dataset's errors and warnings when another opens, and keeps the rest", () => {
    const notices = new Notices();
    notices.push('error', 'The recipe could not be tried');
    notices.push('warning', 'Odd column');
    notices.push('success', 'Saved');
    notices.clearProblems();
    expect(notices.items.map((n) => n.kind)).toEqual(['success']);
  });
});
