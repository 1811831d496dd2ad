/**
 * Electron's security checklist, applied to every web contents the app creates: navigation only within the
 * app's own origin, no new windows, no <webview>, no permission prompts (the app needs none).
 */
import type { Session, WebContents } from 'electron';
import { originOf } from './channels.ts';

/** Whether a navigation may proceed: only to pages of the app itself. */
export function isAppUrl(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

export function hardenContents(contents: WebContents, origin: string): void {
  const denyForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, origin)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
