/**
 * The Evaluate and Predict & export steps' state: which trained model is shown (a run of this session or a
 * model file opened from disk), its evaluation, predictions and exports.
 */
import type { Platform } from '../platform/platform.ts';
import type { Notices } from './notices.svelte.ts';

export class ResultsState {
  /** The model the Evaluate and Predict steps show; null before any run finished or file was opened. */
  modelId = $state<string | null>(null);

  constructor(
    protected readonly platform: Platform,
    protected readonly notices: Notices,
  ) {}

  /** Called by the Train step when a run finishes (and when the user picks another run). */
  show(modelId: string): void {
    this.modelId = modelId;
  }
}
