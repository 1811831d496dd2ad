/**
 * Frees an ArrayBuffer's memory now rather than at the next garbage collection. Transferring a buffer detaches
 * it from this thread, and a message to a port whose partner has closed is dropped together with the buffers it
 * carries (after the close has taken effect, a turn of the event loop after `close()`; messages sent before
 * that are dropped then). V8 collects buffers only after tens of megabytes of new ones: loading a million rows
 * turns a few dozen 4 MB arrays into garbage within a second (see engine/table/column-sink.ts, `inferDraft`),
 * and that decides whether the load stays under twice the file. Only for buffers nothing refers to any more:
 * any view of one reads as empty afterwards.
 */
const channel = new MessageChannel();
// Closed as the module loads, so the close has taken effect before a load's inference runs: a worker infers
// its columns in one synchronous pass, during which a close still pending would hold every released buffer.
channel.port2.close();

export function releaseBuffer(buffer: ArrayBuffer): void {
  channel.port1.postMessage(null, [buffer]);
}
