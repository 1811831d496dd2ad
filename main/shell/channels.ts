/** IPC channel names shared by the main process and the preload: one channel per contract call, one for events. */
import type { CallName } from '../api/contract.ts';

export const callChannel = (name: CallName): string => `layerlab:call:${name}`;
export const EVENT_CHANNEL = 'layerlab:event';
/**
 * The preload tells main the path of a file the user dropped on the window (or picked in a file input), so that
 * main lets the window open it: only the preload sends here, and only for a File that has a path on disk.
 */
export const DROPPED_FILE_CHANNEL = 'layerlab:dropped-file';

/** The renderer is served from here, never from file:// (Electron's security checklist, item 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'layerlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * scheme://host of a URL, or null when it does not parse. Node's URL gives the origin "null" for schemes it
 * does not know (app:), so `new URL(url).origin` cannot be compared with APP_ORIGIN.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}
