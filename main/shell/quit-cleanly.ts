/**
 * A clean quit deletes the recovery file before the app goes: only a crash or a kill leaves one behind for the
 * next start to offer. Electron's `before-quit` does not wait for promises, so the first one is held back
 * (preventDefault) until the project's session has closed, then the quit is asked again and goes through.
 */

/** The part of Electron's `app` this needs (a plain emitter in tests). */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export function deleteRecoveryOnQuit(app: QuittingApp, project: { close(): Promise<void> }): void {
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    // A second quit request (Cmd+Q pressed again) while closing waits for the same close.
    if (closing) return;
    closing = true;
    void project
      .close()
      // A recovery file that cannot be deleted is offered at the next start; it must never keep the app open.
      .catch((error: unknown) => console.error('Layerlab: the recovery file was not deleted on quit:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
