/**
 * Newest edit wins: work asked for again under the same key (a dataset's recipe preview) cancels the work it
 * replaces, which then fails as `superseded` (the engine pool stops it between stages), so a run of edits never
 * queues whole recipe runs behind each other.
 */
import { UserFacingError } from '../../../engine/errors.ts';

export function supersededError(): UserFacingError {
  return new UserFacingError('superseded', 'A newer edit of the recipe replaced this preview.');
}

export class NewestWins {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` as the newest under `key`, cancelling the one before; `work` gets the signal to pass on. */
  async run<T>(key: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.running.get(key)?.abort(supersededError());
    const newest = new AbortController();
    this.running.set(key, newest);
    try {
      return await work(newest.signal);
    } finally {
      if (this.running.get(key) === newest) this.running.delete(key);
    }
  }
}
