/** Long operations in flight, by the id the window chose, so that a `cancel` call can reach them. */
import { UserFacingError } from '../../engine/errors.ts';

export class Operations {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` with a signal that `cancel(operationId)` aborts. */
  async run<T>(operationId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(operationId)) {
      throw new UserFacingError('operation-busy', `Operation ${operationId} is already running; wait for it to finish or cancel it first.`);
    }
    const controller = new AbortController();
    this.running.set(operationId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(operationId);
    }
  }

  /** False when nothing with that id is running (it finished already, or never started). */
  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
