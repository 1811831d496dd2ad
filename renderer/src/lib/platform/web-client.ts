/**
 * The renderer's `api` in a browser: each contract call is a POST to the web host, events arrive over one
 * EventSource, and files are uploaded as raw bytes. The launch-token cookie rides along on every request.
 */
import { callNames, type AppEvent, type CallName, type Envelope, type LayerlabApi } from '../../../../main/api/contract.ts';
import { ApiError, unwrap } from './api-error.ts';

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
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request ?? {}),
      credentials: 'same-origin',
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

export function createWebApi(): LayerlabApi {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;
  const methods = Object.fromEntries(callNames.map((name) => [name, (request?: unknown) => post(name, request)]));
  return {
    ...(methods as Omit<LayerlabApi, 'subscribe'>),
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource('/api/events');
        source.onmessage = (message: MessageEvent<string>) => {
          const event = JSON.parse(message.data) as AppEvent;
          for (const each of listeners) each(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
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
