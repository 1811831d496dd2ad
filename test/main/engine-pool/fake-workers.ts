/** An engine pool over stand-in workers that record what main sends them and answer when a test says. */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { EnginePool } from '../../../main/services/engine-pool/engine-pool.ts';
import type { FromEngineWorker, ToEngineWorker } from '../../../main/services/engine-pool/protocol.ts';

type CallMessage = Extract<ToEngineWorker, { type: 'call' }>;

export class FakeWorker extends EventEmitter {
  readonly received: ToEngineWorker[] = [];
  terminated = false;
  postMessage(message: ToEngineWorker): void {
    this.received.push(message);
  }
  ref(): void {}
  unref(): void {}
  async terminate(): Promise<number> {
    this.terminated = true;
    return 0;
  }
  get calls(): CallMessage[] {
    return this.received.filter((m): m is CallMessage => m.type === 'call');
  }
  /** Answers its latest call. */
  answer(value: unknown): void {
    this.emit('message', { type: 'result', callId: this.calls.at(-1)!.callId, value } satisfies FromEngineWorker);
  }
  fail(code: string, message: string): void {
    this.emit('message', { type: 'error', callId: this.calls.at(-1)!.callId, error: { code, message, stepId: null } } satisfies FromEngineWorker);
  }
}

export function pool(size: number) {
  const workers: FakeWorker[] = [];
  const engine = new EnginePool({
    size,
    startWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { engine, workers };
}
