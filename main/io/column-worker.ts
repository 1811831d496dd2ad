/**
 * The worker thread that collects and infers the right-hand columns of a large plain file while the main
 * thread reads, splits and collects the others (see remote-columns.ts for the other side and the protocol).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isUserFacingError } from '../../engine/errors.ts';
import { ColumnCollector } from '../../engine/table/column-sink.ts';
import type { Column } from '../../engine/table/table.ts';
import type { ColumnWorkerData, ToColumnWorker, FromColumnWorker } from './remote-columns.ts';
import { cellDecoder } from './text-source.ts';

const port = parentPort;
if (!port) throw new Error('column-worker.ts runs only as a worker thread');
const data = workerData as ColumnWorkerData;
const collector = new ColumnCollector(data.setup, data.first, cellDecoder(data.encoding, data.file));
let failed = false;

const send = (message: FromColumnWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (message: ToColumnWorker) => {
  if (failed) return;
  try {
    if (message.type === 'run') {
      const { run } = message;
      collector.storeRun(run);
      const buffers = { bytes: run.bytes.buffer as ArrayBuffer, starts: run.starts.buffer as ArrayBuffer, ends: run.ends.buffer as ArrayBuffer };
      send({ type: 'taken', buffers }, [buffers.bytes, buffers.starts, buffers.ends]);
    } else if (message.type === 'row') {
      collector.storeRow(message.fields);
    } else {
      const columns = collector.finish(message.lines);
      send({ type: 'done', columns }, [...new Set(columns.map(({ column }) => bufferOf(column)))]);
    }
  } catch (error) {
    // The main thread rebuilds the error: a user-facing one keeps its code, a decoding one makes it retry.
    failed = true;
    const e = error as Error;
    send({ type: 'failed', error: { name: e.name, message: e.message, code: isUserFacingError(error) ? error.code : null } });
  }
});

/** A column's data moves to the main thread instead of being copied. */
function bufferOf(column: Column): ArrayBuffer {
  return (column.storage === 'number' ? column.values.buffer : column.codes.buffer) as ArrayBuffer;
}
