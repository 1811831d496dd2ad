/**
 * What the user does to finished runs in the Runs table: rename one (its model too), delete one with its model,
 * and undo the last delete (main keeps both until then). The runs themselves stay TrainingState's.
 */
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import { LiveRun } from './live-run.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { ResultsState } from './results.svelte.ts';

export interface RunList {
  runs: readonly LiveRun[];
  compared: readonly string[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RunEdits {
  /** The run just deleted, until the next delete: an undo brings it back. */
  deleted = $state.raw<{ readonly runId: string; readonly label: string } | null>(null);

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly results: ResultsState,
    private readonly list: RunList,
  ) {}

  /** A new name for a run (and its model). */
  async rename(runId: string, label: string): Promise<void> {
    try {
      await this.platform.api.renameRun({ id: runId, label });
      const run = this.list.runs.find((r) => r.runId === runId);
      if (run) run.summary = { ...run.summary, label: label.trim() };
      await this.results.refresh();
    } catch (error) {
      this.notices.push('error', messages.runChangeFailed, errorText(error));
    }
  }

  /** Deletes a finished run and its model; `undoDelete` brings them back. */
  async delete(runId: string): Promise<void> {
    const run = this.list.runs.find((r) => r.runId === runId);
    if (!run) return;
    try {
      await this.platform.api.deleteRun({ id: runId });
      this.list.runs = this.list.runs.filter((r) => r !== run);
      this.list.compared = this.list.compared.filter((id) => id !== runId);
      this.deleted = { runId, label: run.summary.label };
      await this.results.refresh();
    } catch (error) {
      this.notices.push('error', messages.runChangeFailed, errorText(error));
    }
  }

  async undoDelete(): Promise<void> {
    const deleted = this.deleted;
    if (!deleted) return;
    this.deleted = null;
    try {
      await this.platform.api.restoreRun({ id: deleted.runId });
      const summary = (await this.platform.api.listRuns()).find((r) => r.runId === deleted.runId);
      if (summary) this.list.runs = [...this.list.runs, new LiveRun(summary)].sort((a, b) => a.summary.startedAt - b.summary.startedAt);
      await this.results.refresh();
    } catch (error) {
      this.notices.push('error', messages.runChangeFailed, errorText(error));
    }
  }
}
