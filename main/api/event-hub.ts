/**
 * Fans events out to every open window (Electron webContents, web host SSE streams). Progress events are
 * throttled per operation to at most `maxPerSecond` deliveries, latest value wins, so a training loop that reports
 * every batch cannot flood the window; the first report and the last one always get through.
 */
import { progressEventTypes, type AppEvent } from './contract.ts';

export type EventListener = (event: AppEvent) => void;

interface Throttle {
  pending: AppEvent | null;
  timer: ReturnType<typeof setTimeout>;
}

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly throttles = new Map<string, Throttle>();
  private readonly intervalMs: number;

  constructor(options: { maxPerSecond?: number } = {}) {
    this.intervalMs = Math.ceil(1000 / (options.maxPerSecond ?? 30));
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: AppEvent): void {
    if (!progressEventTypes.has(event.type) || !('operationId' in event)) {
      this.deliver(event);
      return;
    }
    const key = `${event.type}:${event.operationId}`;
    const throttle = this.throttles.get(key);
    if (throttle) {
      throttle.pending = event;
      return;
    }
    this.deliver(event);
    this.hold(key);
  }

  /** Delivers what is pending at once and forgets the operation's throttle (call when an operation ends). */
  flush(operationId: string): void {
    for (const [key, throttle] of this.throttles) {
      if (!key.endsWith(`:${operationId}`)) continue;
      clearTimeout(throttle.timer);
      this.throttles.delete(key);
      if (throttle.pending) this.deliver(throttle.pending);
    }
  }

  /** Stops every timer; pending progress is dropped. */
  close(): void {
    for (const throttle of this.throttles.values()) clearTimeout(throttle.timer);
    this.throttles.clear();
    this.listeners.clear();
  }

  private hold(key: string): void {
    const throttle: Throttle = {
      pending: null,
      timer: setTimeout(() => {
        this.throttles.delete(key);
        if (throttle.pending) {
          this.deliver(throttle.pending);
          this.hold(key);
        }
      }, this.intervalMs),
    };
    this.throttles.set(key, throttle);
  }

  private deliver(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
