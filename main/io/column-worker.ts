/**
 * The worker thread that collects and infers the right-hand columns of a plain file while the main thread
 * reads, splits and collects the others (remote-columns.ts has the other side and the protocol). It stays
 * alive between loads (column-worker-pool.ts), so its code is as warm as the main thread's.
 */
import { parentPort } from 'node:worker_threads';
import { isUserFacingError } from '../../engine/errors.ts';
import { ColumnCollector } from '../../engine/table/column-sink.ts';
import type { Column } from '../../engine/table/table.ts';
import type { FromColumnWorker, ToColumnWorker } from './remote-columns.ts';
import { cellDecoder } from './text-source.ts';
import { yieldToMainThread } from '../workers/yield-to-main.ts';

const port = parentPort;
if (!port) throw new Error('column-worker.ts runs only as a worker thread');
yieldToMainThread();

/** The load being collected; messages of any other load (one abandoned midway) are dropped. */
let current: { load: number; collector: ColumnCollector; failed: boolean } | null = null;

const send = (message: FromColumnWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (message: ToColumnWorker) => {
  if (message.type === 'begin') {
    current = { load: message.load, collector: new ColumnCollector(message.setup, message.first, cellDecoder(message.encoding, message.file)), failed: false };
    return;
  }
  if (message.type === 'run') {
    // The buffers go back whatever happens to the load: the main thread reuses them.
    const { run } = message;
    take(message.load, () => current!.collector.storeRun(run));
    const buffers = { bytes: run.bytes.buffer as ArrayBuffer, starts: run.starts.buffer as ArrayBuffer, ends: run.ends.buffer as ArrayBuffer };
    send({ type: 'taken', load: message.load, buffers }, [buffers.bytes, buffers.starts, buffers.ends]);
  } else if (message.type === 'row') {
    take(message.load, () => current!.collector.storeRow(message.fields));
  } else if (message.type === 'finish') {
    take(message.load, () => {
      const columns = current!.collector.finish(message.lines);
      current = null;
      send({ type: 'done', load: message.load, columns }, [...new Set(columns.map(({ column }) => bufferOf(column)))]);
    });
  } else if (current?.load === message.load) {
    current = null; // abandoned
  }
});

function take(load: number, work: () => void): void {
  if (current?.load !== load || current.failed) return;
  try {
    work();
  } catch (error) {
    // The main thread rebuilds the error: a user-facing one keeps its code, a decoding one makes it retry.
    current.failed = true;
    const e = error as Error;
    send({ type: 'failed', load, error: { name: e.name, message: e.message, code: isUserFacingError(error) ? error.code : null } });
  }
}

/** A column's data moves to the main thread instead of being copied. */
function bufferOf(column: Column): ArrayBuffer {
  return (column.storage === 'number' ? column.values.buffer : column.codes.buffer) as ArrayBuffer;
}
