/**
 * Autosave from the window's side: the working state is sent to main (`updateSession`) a moment after it last
 * changed, and only when it differs from what was sent, so a dragged slider makes one report and live training
 * progress (which changes nothing a project keeps) makes none. Main writes the recovery file.
 */
import type { LayerlabApi, RequestOf } from '../../../../main/api/contract.ts';

/** Quiet time before a change is reported. */
export const REPORT_DELAY_MS = 400;

export type WorkingState = RequestOf<'updateSession'>;

export class SessionReport {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The working state last sent. */
  private sent: string | null = null;

  /** `paused`: while a project is being restored, its half-restored state is not reported. */
  constructor(
    private readonly api: LayerlabApi,
    private readonly working: () => WorkingState,
    private readonly paused: () => boolean,
  ) {}

  /** Reports whenever what `working` reads changes; returns the stop function. */
  start(): () => void {
    const stop = $effect.root(() => {
      $effect(() => this.check());
    });
    return () => {
      stop();
      if (this.timer) clearTimeout(this.timer);
    };
  }

  /** Sends the working state a moment from now if it differs from the last one sent (what the effect runs). */
  check(): void {
    const state = JSON.stringify(this.working());
    if (this.paused() || state === this.sent) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sent = state;
      this.api.updateSession(JSON.parse(state) as WorkingState).catch(() => {
        // Autosave is a safety net that never interrupts work: the state goes again with the next change.
        if (this.sent === state) this.sent = null;
      });
    }, REPORT_DELAY_MS);
  }
}
