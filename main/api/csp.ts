/**
 * The renderer's Content Security Policy: its own scripts, styles and connections only, nothing inline, nothing
 * remote. Sent as a header by the web host and the Electron protocol handler, and as a meta tag in index.html
 * (meta tags cannot carry frame-ancestors; browsers report it as an error there).
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

export const CSP_META = DIRECTIVES.join('; ');
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
