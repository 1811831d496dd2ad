/**
 * Who may talk to the web host: only a page that holds this launch's random token, reached under the exact
 * host the server listens on. The token arrives once in the address the host prints (`/?token=…`), is moved
 * into an HttpOnly, SameSite=Strict cookie, and every later request must carry it (cookie or header).
 * The Host check stops DNS-rebinding pages; SameSite and the JSON-only API stop cross-site form posts.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'layerlab_token';
export const TOKEN_HEADER = 'x-layerlab-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
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

  hostAllowed(request: IncomingMessage): boolean {
    return request.headers.host === this.host;
  }

  /** The token from the cookie or the header; the query-string form is only for `tokenInQuery`. */
  authenticated(request: IncomingMessage): boolean {
    const header = request.headers[TOKEN_HEADER];
    const given = typeof header === 'string' ? header : cookie(request, TOKEN_COOKIE);
    return given !== null && sameSecret(given, this.token);
  }

  /** True when the URL carries the right `?token=`: the first visit, which trades it for the cookie. */
  tokenInQuery(url: URL): boolean {
    const given = url.searchParams.get('token');
    return given !== null && sameSecret(given, this.token);
  }

  /** A browser's Origin header, when sent, must be this host's own. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin === undefined || origin === this.origin;
  }

  sessionCookie(): string {
    return `${TOKEN_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
