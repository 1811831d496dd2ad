/** Server-Sent Events: the browser's side of the event channel (Electron uses webContents.send instead). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventHub } from '../api/event-hub.ts';

/** Keeps idle connections (and any proxy between) from timing out. */
const HEARTBEAT_MS = 15_000;

export function openEventStream(
  request: IncomingMessage,
  response: ServerResponse,
  hub: EventHub,
  open: Set<ServerResponse>,
  headers: Record<string, string>,
): void {
  response.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  // Tells EventSource how soon to reconnect after the host restarts, and flushes the headers at once.
  response.write('retry: 1000\n\n');
  const unsubscribe = hub.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  open.add(response);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    open.delete(response);
  };
  request.on('close', close);
  response.on('close', close);
}
