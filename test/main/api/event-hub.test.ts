import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../main/api/contract.ts';
import { EventHub } from '../../../main/api/event-hub.ts';

const progress = (operationId: string, rows: number): AppEvent => ({ type: 'loadProgress', operationId, bytes: rows * 10, totalBytes: 1000, rows });

describe('EventHub', () => {
  let hub: EventHub;
  let seen: AppEvent[];

  beforeEach(() => {
    vi.useFakeTimers();
    hub = new EventHub({ maxPerSecond: 30 });
    seen = [];
    hub.subscribe((event) => seen.push(event));
  });

  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  it('delivers at most 30 progress events in any second for one operation, the first and the latest included', () => {
    const times: number[] = [];
    hub.subscribe(() => times.push(Date.now()));
    // 3,000 reports over three seconds, one a millisecond, as a fast training loop sends them.
    for (let ms = 0; ms < 3000; ms++) {
      hub.publish(progress('op', ms + 1));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    const rows = seen.map((e) => (e.type === 'loadProgress' ? e.rows : -1));
    expect(rows[0]).toBe(1);
    expect(rows.at(-1)).toBe(3000);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    for (let i = 0; i + 30 < times.length; i++) expect(times[i + 30]! - times[i]!).toBeGreaterThan(1000);
    expect(times.length, 'and not far fewer: the window still moves smoothly').toBeGreaterThanOrEqual(85);
  });

  it('throttles each operation separately', () => {
    hub.publish(progress('a', 1));
    hub.publish(progress('b', 1));
    hub.publish(progress('a', 2));
    expect(seen).toEqual([progress('a', 1), progress('b', 1)]);
    vi.advanceTimersByTime(34);
    expect(seen).toEqual([progress('a', 1), progress('b', 1), progress('a', 2)]);
  });

  it('passes events that are not progress through at once, unthrottled', () => {
    const command: AppEvent = { type: 'command', command: { kind: 'toggle-theme' } };
    for (let i = 0; i < 5; i++) hub.publish(command);
    expect(seen).toHaveLength(5);
  });

  it('flush() delivers the pending report when an operation ends, and forgets its throttle', () => {
    hub.publish(progress('op', 1));
    hub.publish(progress('op', 2));
    hub.flush('op');
    expect(seen).toEqual([progress('op', 1), progress('op', 2)]);
    hub.publish(progress('op', 3));
    expect(seen.at(-1), 'a new report goes straight through after the flush').toEqual(progress('op', 3));
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(3);
  });

  it('stops delivering to a listener once it unsubscribes', () => {
    const other: AppEvent[] = [];
    const unsubscribe = hub.subscribe((event) => other.push(event));
    hub.publish(progress('op', 1));
    unsubscribe();
    hub.publish({ type: 'recentFilesChanged', files: [] });
    expect(other).toHaveLength(1);
    expect(seen).toHaveLength(2);
  });
});
