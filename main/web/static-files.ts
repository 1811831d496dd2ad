/**
 * Serves the built renderer (out/renderer) read-only, never anything outside it.
 *
 * Each file is read from disk once and then served from memory (the whole renderer is about 1 MB). A page must
 * not wait for the disk: while a large upload is written and loaded, libuv's few file-system threads and the disk
 * are busy, and a `readFile` of index.html waited over 300 ms behind them in CI (issue #19: no request waits more
 * than 250 ms). One host serves one build: the files it has served do not change under it.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The file under `root` that `urlPath` names, or null when it would escape `root` or has no known type. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return CONTENT_TYPES[extname(full)] ? full : null;
}

/** The Content-Type of a file `resolveStatic` returned. */
export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file)]!;
}

/** A file larger than this is read each time rather than kept (the renderer's largest asset is well under it). */
const MAX_KEPT_FILE_BYTES = 8 * 1024 * 1024;
/** What the memory cache may hold in all: far above one build, so only a stray huge file is not kept. */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/** The renderer's files under `root`, read once each. */
export class StaticFiles {
  private readonly kept = new Map<string, Buffer>();
  private keptBytes = 0;

  constructor(readonly root: string) {}

  /** The bytes of `file` (a path `resolveStatic` returned), or null when it cannot be read. */
  async read(file: string): Promise<Buffer | null> {
    const kept = this.kept.get(file);
    if (kept) return kept;
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return null;
    }
    if (body.length <= MAX_KEPT_FILE_BYTES && this.keptBytes + body.length <= MAX_KEPT_BYTES && !this.kept.has(file)) {
      this.kept.set(file, body);
      this.keptBytes += body.length;
    }
    return body;
  }

  /** Answers a GET of `urlPath`: the file, or a sentence saying it is not there. */
  async send(response: ServerResponse, urlPath: string, headers: Record<string, string>): Promise<void> {
    const file = resolveStatic(this.root, urlPath);
    const body = file ? await this.read(file) : null;
    if (!body || !file) {
      const missingApp = urlPath === '/' || urlPath === '/index.html';
      response.writeHead(missingApp ? 503 : 404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      response.end(missingApp ? 'The Layerlab window is not built yet. Run "npm run web" (it builds it) and open the new address.\n' : 'Not found.\n');
      return;
    }
    const hashed = /-[A-Za-z0-9_-]{8,}\.(js|css)$/.test(file);
    response.writeHead(200, {
      ...headers,
      'content-type': contentType(file),
      // Vite puts a content hash in asset names: those never change; the browser must always ask for index.html.
      'cache-control': hashed ? 'private, max-age=31536000, immutable' : 'no-store',
    });
    response.end(body);
  }
}
