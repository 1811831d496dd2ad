/**
 * The web host: the same renderer and the same calls as the desktop app, served on 127.0.0.1 to a browser.
 *   GET  /…              the built renderer (public: the app's code, no data); the address printed at launch
 *                        ends in #token=…, which the page keeps in its tab and sends as a header
 *   POST /api/<call>     one contract call; JSON body in, Envelope out
 *   POST /api/upload     raw file bytes (?name=…) → { uploadId } for openDataset
 *   GET  /api/download   ?id=… an exported file (model, predictions, project), as an attachment; the id is a
 *                        single-use capability (main/services/download-store.ts), so no token is needed
 *   GET  /api/events     Server-Sent Events: every AppEvent, one `data:` line each
 * Every request needs the exact Host; every /api/ request but a download needs the token header; calls then pass
 * the same handle() gate as Electron IPC, whose path rule here refuses every path: files come in as uploads and
 * go out as downloads, nothing else. No cookie is ever set.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { isUserFacingError } from '../../engine/errors.ts';
import { CSP_HEADER } from '../api/csp.ts';
import type { Envelope } from '../api/contract.ts';
import { createDispatch, trustOrigin, type Handlers } from '../api/handle.ts';
import type { Services } from '../api/handlers.ts';
import { Gatekeeper, newToken } from './auth.ts';
import { openEventStream } from './event-stream.ts';
import { StaticFiles } from './static-files.ts';

export const WEB_FORBIDDEN =
  'This Layerlab page needs the key it was started with. Open the full address that "npm run web" printed (it ends in #token=…), in this tab.';

/** A call's JSON body is small (paths, ids, settings); files go through /api/upload. */
export const MAX_CALL_BYTES = 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Refusals by the gate get an HTTP status; a call that ran and failed (a user-facing error) is still a 200. */
const STATUS_BY_CODE: ReadonlyMap<string, number> = new Map([
  ['forbidden', 403],
  ['invalid-request', 400],
  ['path-refused', 400],
  ['unknown-call', 404],
]);

export interface WebHostOptions {
  readonly services: Services;
  readonly handlers: Handlers;
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly token?: string;
  readonly log?: (error: unknown) => void;
}

export interface WebHost {
  /** The address to open, token included (after `#`, so it never reaches a server or a log). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(envelope));
}

function sendJson(response: ServerResponse, envelope: Envelope<unknown>): void {
  send(response, envelope.ok ? 200 : (STATUS_BY_CODE.get(envelope.error.code) ?? 200), envelope);
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, { ok: false, error: { code, message } });
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services } = options;
  const log = options.log ?? ((error: unknown) => console.error(error));
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const gate = new Gatekeeper(options.token ?? newToken(), `127.0.0.1:${port}`);
  const dispatch = createDispatch(options.handlers, trustOrigin(gate.origin), log, services.files);
  const streams = new Set<ServerResponse>();
  const staticFiles = new StaticFiles(options.rendererDir);

  /** Calls get the JSON envelope the client reads; a person opening a page gets a sentence. */
  const forbidden = (response: ServerResponse, url: URL) => {
    if (url.pathname.startsWith('/api/')) return refuse(response, 403, 'forbidden', WEB_FORBIDDEN);
    response.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`${WEB_FORBIDDEN}\n`);
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', gate.origin);
    if (!gate.hostAllowed(request) || !gate.originAllowed(request)) return forbidden(response, url);
    if (url.pathname === '/api/download' && request.method === 'GET') return sendDownload(response, url);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method-not-allowed', 'Only GET is served here.');
      return staticFiles.send(response, url.pathname, SECURITY_HEADERS);
    }
    if (!gate.authenticated(request)) return forbidden(response, url);

    if (url.pathname === '/api/events' && request.method === 'GET') {
      return openEventStream(request, response, services.events, streams, SECURITY_HEADERS);
    }
    if (url.pathname === '/api/upload' && request.method === 'POST') return receiveUpload(request, response, url);
    if (request.method !== 'POST') return refuse(response, 405, 'method-not-allowed', 'Calls are POST requests.');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return refuse(response, 415, 'invalid-request', 'Calls must send a JSON body (Content-Type: application/json).');
    }
    const body = await readBody(request, MAX_CALL_BYTES);
    if (body === null) return refuse(response, 413, 'too-large', `A call's request may be at most ${MAX_CALL_BYTES} bytes; files go through /api/upload.`);
    let payload: unknown;
    try {
      payload = body === '' ? undefined : JSON.parse(body);
    } catch {
      return refuse(response, 400, 'invalid-request', 'The request body is not valid JSON.');
    }
    const sender = { authenticated: true, origin: request.headers.origin ?? gate.origin, topFrame: true };
    return sendJson(response, await dispatch(url.pathname.slice('/api/'.length), payload, sender));
  }

  async function receiveUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!services.uploads) return refuse(response, 404, 'unavailable', 'This host does not accept uploads.');
    const name = url.searchParams.get('name') ?? 'upload';
    const declared = Number(request.headers['content-length'] ?? NaN);
    try {
      services.uploads.checkRoom(name, Number.isFinite(declared) ? declared : 0);
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      // The body is not read: closing keeps a browser from sending the rest of a large file for nothing.
      response.setHeader('connection', 'close');
      return refuse(response, 413, error.code, error.message);
    }
    try {
      const uploadId = await services.uploads.save(name, request);
      return sendJson(response, { ok: true, value: { uploadId } });
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      return sendJson(response, { ok: false, error: { code: error.code, message: error.message } });
    }
  }

  async function sendDownload(response: ServerResponse, url: URL): Promise<void> {
    if (!services.downloads) return refuse(response, 404, 'unavailable', 'This host does not offer downloads.');
    let download;
    try {
      download = await services.downloads.take(url.searchParams.get('id') ?? '');
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      return refuse(response, 404, error.code, error.message);
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/octet-stream',
      'content-length': String(download.bytes),
      'content-disposition': `attachment; filename="${download.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(download.name)}`,
      'cache-control': 'no-store',
    });
    try {
      await pipeline(createReadStream(download.path), response);
    } finally {
      await services.downloads.done(download);
    }
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      log(error);
      if (!response.headersSent) refuse(response, 500, 'internal', 'The Layerlab web host failed to answer this request; see its terminal for details.');
      else response.destroy();
    });
  });

  return {
    url: gate.launchUrl,
    origin: gate.origin,
    token: gate.token,
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
