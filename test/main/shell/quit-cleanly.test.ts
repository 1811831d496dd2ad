/**
 * The desktop app's clean quit (before-quit) deletes the recovery file before it lets the app go. Electron is
 * not here, so `app` is a plain emitter with Electron's before-quit contract: a listener may preventDefault, and
 * the quit happens only if none did.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { emptyProject } from '../../../main/project/project-store.ts';
import { ProjectSession } from '../../../main/project/session.ts';
import { deleteRecoveryOnQuit } from '../../../main/shell/quit-cleanly.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-quit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Electron's app as far as quitting goes: `quit()` emits before-quit, and the app is gone unless it was prevented. */
class FakeApp extends EventEmitter {
  gone = false;
  readonly filesAtQuit: boolean[] = [];
  constructor(private readonly watched: () => boolean) {
    super();
  }
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.filesAtQuit.push(this.watched());
      this.gone = true;
    }
  }
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 5000 });

describe('a clean quit of the desktop app', () => {
  it('deletes the recovery file first, then quits', async () => {
    const session = new ProjectSession(join(tmp, 'recovery'), { delayMs: 10 });
    const dataset = { path: '/data/churn.csv', relativePath: null, name: 'churn.csv', sha256: 'a'.repeat(64), bytes: 10, sheet: null, options: {} };
    session.report({ ...emptyProject('Churn'), dataset, view: { step: 'train' } });
    await session.flush();
    const file = join(tmp, 'recovery', `${session.recoveryId}.layerlab-recovery`);
    expect(existsSync(file)).toBe(true);

    const app = new FakeApp(() => existsSync(file));
    deleteRecoveryOnQuit(app, session);
    app.quit();
    expect(app.gone, 'held back while the file is deleted').toBe(false);
    await until(() => app.gone);
    expect(app.filesAtQuit, 'the file was gone when the app went').toEqual([false]);
  });

  it('closes the session once when quit is asked twice, and quits even if the file cannot be deleted', async () => {
    let release!: () => void;
    const close = vi.fn(() => new Promise<void>((_, reject) => (release = () => reject(new Error('EACCES')))));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = new FakeApp(() => false);
    deleteRecoveryOnQuit(app, { close });
    app.quit();
    app.quit();
    expect(close).toHaveBeenCalledTimes(1);
    release();
    await until(() => app.gone);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('recovery file was not deleted'), expect.any(Error));
    errors.mockRestore();
  });
});
