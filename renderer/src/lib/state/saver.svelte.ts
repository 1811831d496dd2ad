/**
 * Writing an export, the same way for every file the Predict & export step saves: a destination (the desktop's
 * save dialog, or a download in a browser), the call that writes it, the downloads started, a notice that says
 * where it went. `saving` names what is being written, so buttons can wait.
 */
import type { FileDestination, FilePurpose, SavedFiles } from '../../../../main/api/calls/results-calls.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import { chooseDestination, deliver } from '../results/file-transfer.ts';
import type { Notices } from './notices.svelte.ts';

export class Saver {
  saving = $state<string | null>(null);

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
  ) {}

  /** Nothing is written when the user closes the save dialog. */
  async save(purpose: FilePurpose, what: string, suggestedName: string, write: (destination: FileDestination) => Promise<SavedFiles>): Promise<void> {
    try {
      const destination = await chooseDestination(this.platform, purpose, suggestedName);
      if (!destination) return;
      this.saving = what;
      const saved = await write(destination);
      deliver(saved);
      this.notices.push('success', messages.saved(what, saved.files.map((f) => f.path ?? f.name)));
    } catch (error) {
      this.notices.push('error', messages.saveFailed(what), error instanceof Error ? error.message : String(error));
    } finally {
      this.saving = null;
    }
  }
}
