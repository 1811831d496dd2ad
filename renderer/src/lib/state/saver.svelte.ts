/**
 * Writing an export, the same way for every file the app saves: a destination (the desktop's save dialog, or a
 * download in a browser), the call that writes it, the downloads started, a notice that says where it went.
 * `saving` names what is being written, so buttons can wait.
 */
import type { FileDestination, FilePurpose, SavedFiles } from '../../../../main/api/calls/file-calls.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import type { Notices } from './notices.svelte.ts';

export class Saver {
  saving = $state<string | null>(null);

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
  ) {}

  /** Nothing is written when the user closes the save dialog. `said` words the notice when the default will not do. */
  async save<Saved extends SavedFiles>(
    purpose: FilePurpose,
    what: string,
    suggestedName: string,
    write: (destination: FileDestination) => Promise<Saved>,
    said: (saved: Saved) => string = (saved) => messages.saved(what, saved.files.map((f) => f.path ?? f.name)),
  ): Promise<void> {
    try {
      const destination = await this.platform.chooseDestination(purpose, suggestedName);
      if (!destination) return;
      this.saving = what;
      const saved = await write(destination);
      this.platform.deliver(saved);
      this.notices.push('success', said(saved));
    } catch (error) {
      this.notices.push('error', messages.saveFailed(what), error instanceof Error ? error.message : String(error));
    } finally {
      this.saving = null;
    }
  }
}
