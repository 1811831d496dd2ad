/** Serves the built renderer (out/renderer) read-only, never anything outside it. */
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

export async function sendStatic(response: ServerResponse, root: string, urlPath: string, headers: Record<string, string>): Promise<void> {
  const file = resolveStatic(root, urlPath);
  let body: Buffer | null = null;
  if (file) {
    try {
      body = await readFile(file);
    } catch {
      body = null;
    }
  }
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
    // Vite puts a content hash in asset names: those never change; index.html must always be fresh.
    'cache-control': hashed ? 'private, max-age=31536000, immutable' : 'no-store',
  });
  response.end(body);
}
