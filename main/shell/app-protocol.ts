/** Serves the built renderer under app://layerlab/, with the same CSP and headers the web host sends. */
import { readFile } from 'node:fs/promises';
import { CSP_HEADER } from '../api/csp.ts';
import { contentType, resolveStatic } from '../web/static-files.ts';
import { APP_HOST } from './channels.ts';

/** The protocol handler: a file of `rendererDir`, or 404 for anything else (other hosts included). */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStatic(rendererDir, url.pathname) : null;
    const headers = { 'content-security-policy': CSP_HEADER, 'x-content-type-options': 'nosniff' };
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      return new Response(await readFile(file), { headers: { ...headers, 'content-type': contentType(file) } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
