/**
 * Which paths on main's disk a window may name in a call (`v.filePath` slots: a `source` to open, a
 * `destination` to write). Every call passes this rule in the gate (main/api/handle.ts) before its payload is
 * even validated:
 * - the web host refuses every path: a browser hands files over as uploads and takes them back as downloads,
 *   so nothing a page sends can reach another file of this machine;
 * - the desktop accepts a path only when the user chose it: from one of its own dialogs, by dropping the file
 *   on the window, or from the recent-files list (read only); a save dialog's path may be written, never read,
 *   and an open dialog's never written.
 * Main's own paths (a sample, a project's data file) never come from a window; a project's data file that main
 * found and tells the window about is `offer`ed, so the window may name it back to open it.
 */
import { resolve } from 'node:path';
import type { ApiErrorBody } from './contract.ts';
import type { PathUse } from './validate.ts';

export interface FileAccess {
  /** False in the web host: windows never name paths, and main opens no path recorded in a file it was sent. */
  readonly pathsAllowed: boolean;
  /** null when a window may have main `use` this path; otherwise the refusal, in the user's words. */
  refusal(path: string, use: PathUse): Promise<ApiErrorBody | null>;
  /** A path main found itself and hands to the window to open (a reopened project's data file). */
  offer(path: string): void;
}

const shown = (path: string) => (path.length > 120 ? `…${path.slice(-120)}` : path);

export const fileAccessErrors = {
  /** The web host's rule; a 400, since no page of the app ever sends a path. */
  webPath: (path: string): ApiErrorBody => ({
    code: 'path-refused',
    message: `The browser version of Layerlab never opens or writes a path on this computer (the request named "${shown(path)}"): files come in as uploads and go out as downloads. Choose the file with the browser's file picker instead.`,
  }),
  notGranted: (path: string, use: PathUse): ApiErrorBody => ({
    code: 'path-not-granted',
    message:
      use === 'read'
        ? `Layerlab opens only files chosen in its own dialogs, dropped on its window or listed in its recent files, and "${shown(path)}" is none of these. Open it with File → Open (or drop it on the window).`
        : `Layerlab writes only where its own save dialog was pointed, and "${shown(path)}" was not chosen there. Save again and choose the place in the dialog.`,
  }),
};

/** The rule of a transport that names none: no path at all. */
export const noPaths: FileAccess = {
  pathsAllowed: false,
  refusal: async (path) => fileAccessErrors.webPath(path),
  offer: () => {},
};

/**
 * The web host's rule: no path a page names, except one main offered itself, for reading: a reopened project's
 * data when it is one of the host's own sample files (main looks for no other, see `checkOwnSample`).
 */
export class WebPaths implements FileAccess {
  readonly pathsAllowed = false;
  private readonly offered = new Set<string>();

  offer(path: string): void {
    this.offered.add(resolve(path));
  }

  async refusal(path: string, use: PathUse): Promise<ApiErrorBody | null> {
    return use === 'read' && this.offered.has(resolve(path)) ? null : fileAccessErrors.webPath(path);
  }
}

/**
 * The desktop's rule: the paths the user chose, for the use they were chosen for, plus the recent files (for
 * reading). Kept for the life of the process; a path is compared after `resolve`, so `a/../b` is not a way around.
 */
export class GrantedPaths implements FileAccess {
  readonly pathsAllowed = true;
  private readonly granted: Record<PathUse, Set<string>> = { read: new Set(), write: new Set() };

  constructor(private readonly recentPaths: () => Promise<readonly string[]>) {}

  grant(path: string, use: PathUse): void {
    this.granted[use].add(resolve(path));
  }

  offer(path: string): void {
    this.grant(path, 'read');
  }

  async refusal(path: string, use: PathUse): Promise<ApiErrorBody | null> {
    const absolute = resolve(path);
    if (this.granted[use].has(absolute)) return null;
    if (use === 'read' && (await this.recentPaths()).some((recent) => resolve(recent) === absolute)) return null;
    return fileAccessErrors.notGranted(path, use);
  }
}
