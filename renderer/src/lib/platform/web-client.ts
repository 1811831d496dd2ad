/**
 * The renderer's `api` in a browser: each contract call is a POST to the web host, events arrive over one
 * streamed GET, and files are uploaded as raw bytes. Every request carries the launch key in a header
 * (web-token.ts); there is no cookie, so the stream is read with fetch, which can send a header (EventSource
 * cannot).
 */
import { callNames, type AppEvent, type CallName, type Envelope, type LayerlabApi } from '../../../../main/api/contract.ts';
import { ApiError, unwrap } from './api-error.ts';
import { TOKEN_HEADER, launchToken, tokenHeaders } from './web-token.ts';

/** How soon the event stream is opened again after it ends (the host restarted, the network blinked). */
const RECONNECT_MS = 1000;

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

const offline = (): ApiError =>
  new ApiError('host-unreachable', 'Layerlab lost its connection to the web host. Check that "npm run web" is still running, then reload this page.');

async function post(name: CallName, request: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...tokenHeaders() },
      body: JSON.stringify(request ?? {}),
    });
  } catch {
    throw offline();
  }
  const envelope = (await response.json().catch(() => null)) as Envelope<unknown> | null;
  if (typeof envelope?.ok !== 'boolean') {
    throw new ApiError('host-error', `The web host gave an unexpected answer (HTTP ${response.status}) to ${name}. Reload the page; if it happens again, restart "npm run web".`);
  }
  return unwrap(envelope);
}

/** Server-Sent Events from `body`, one `data:` block each; resolves when the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: AppEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).replace(/^ /, ''));
      if (data.length > 0) onEvent(JSON.parse(data.join('\n')) as AppEvent);
    }
  }
}

/** Keeps the event stream open (reconnecting after it ends) until the returned function is called. */
function streamEvents(onEvent: (event: AppEvent) => void): () => void {
  const controller = new AbortController();
  const keepOpen = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/events', { headers: { accept: 'text/event-stream', ...tokenHeaders() }, cache: 'no-store', signal: controller.signal });
        // Without the key, trying again cannot help: the calls tell the user what to open instead.
        if (response.status === 403) return;
        if (response.ok && response.body) await readEvents(response.body, onEvent);
      } catch {
        // The stream broke off or was closed; the loop decides whether to open it again.
      }
      if (!controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  };
  void keepOpen();
  return () => controller.abort();
}

export function createWebApi(): LayerlabApi {
  const listeners = new Set<(event: AppEvent) => void>();
  let close: (() => void) | null = null;
  const methods = Object.fromEntries(callNames.map((name) => [name, (request?: unknown) => post(name, request)]));
  return {
    ...(methods as Omit<LayerlabApi, 'subscribe'>),
    subscribe(listener) {
      listeners.add(listener);
      close ??= streamEvents((event) => {
        for (const each of listeners) each(event);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          close?.();
          close = null;
        }
      };
    },
  };
}

/** Sends a file's bytes to the web host; resolves with the id `openDataset` accepts. XHR, for upload progress. */
export function uploadFile(file: File, onProgress: (progress: UploadProgress) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    const key = launchToken();
    if (key) xhr.setRequestHeader(TOKEN_HEADER, key);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      try {
        resolve(unwrap(xhr.response as Envelope<{ uploadId: string }>).uploadId);
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(offline());
    xhr.onabort = () => reject(new ApiError('cancelled', `Uploading ${file.name} was cancelled.`));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
