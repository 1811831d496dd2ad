/**
 * The web host's launch key, as the page holds it: read once from the address the host printed
 * (`…/#token=…`), kept in this tab's sessionStorage (so a reload keeps working, and another tab or another host
 * on another port has its own), and taken out of the address bar. It travels only in a header on each request:
 * no cookie, which every other server on 127.0.0.1 would receive too.
 */
const STORAGE_KEY = 'layerlab-token';
export const TOKEN_HEADER = 'x-layerlab-token';

let token: string | null | undefined;

function fromAddress(): string | null {
  const found = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (found === null) return null;
  const { pathname, search } = window.location;
  history.replaceState(history.state, '', `${pathname}${search}`);
  return found;
}

/** This tab's key; null when the page was opened without one (the host then refuses every call, saying why). */
export function launchToken(): string | null {
  if (token !== undefined) return token;
  const given = fromAddress();
  try {
    if (given !== null) sessionStorage.setItem(STORAGE_KEY, given);
    token = given ?? sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage switched off: the key lives as long as the page.
    token = given;
  }
  return token;
}

/** Headers that carry the key; empty without one. */
export function tokenHeaders(): Record<string, string> {
  const key = launchToken();
  return key ? { [TOKEN_HEADER]: key } : {};
}
