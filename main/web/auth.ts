/**
 * Who may talk to the web host: only a page that holds this launch's random token, reached under the exact
 * host the server listens on. The token arrives once in the address the host prints, after `#` (a fragment
 * never reaches any server, log or Referer); the page keeps it in its tab (sessionStorage) and sends it in a
 * header with every call. There is no cookie: cookies ignore ports, so every other server on 127.0.0.1 would
 * receive it, and a second host would overwrite the first one's.
 * The Host check stops DNS-rebinding pages; a custom header cannot be sent cross-origin without a CORS
 * preflight, which the host never grants.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-layerlab-token';
/** The launch address carries the token as `#token=…`; the page reads it from there (renderer web-token.ts). */
export const TOKEN_FRAGMENT = 'token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class Gatekeeper {
  constructor(
    readonly token: string,
    /** `127.0.0.1:PORT`: the only Host header accepted. */
    private readonly host: string,
  ) {}

  get origin(): string {
    return `http://${this.host}`;
  }

  /** The address to open: the token in the fragment, which the browser keeps to itself. */
  get launchUrl(): string {
    return `${this.origin}/#${TOKEN_FRAGMENT}=${this.token}`;
  }

  hostAllowed(request: IncomingMessage): boolean {
    return request.headers.host === this.host;
  }

  /** The token from the header, the only place it is accepted. */
  authenticated(request: IncomingMessage): boolean {
    const header = request.headers[TOKEN_HEADER];
    return typeof header === 'string' && sameSecret(header, this.token);
  }

  /** A browser's Origin header, when sent, must be this host's own. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin === undefined || origin === this.origin;
  }
}
