/**
 * The Train step's K-fold cross-validation: when the form asks for K folds, each new run is also checked on K
 * folds of the non-test rows in main (a worker), and the mean ± spread of every metric shows beside the run.
 */
import type { CrossValidationSummary } from '../../../../main/api/calls/validation-calls.ts';
import type { AppEvent } from '../../../../main/api/contract.ts';
import type { NetworkDesign, TrainingSettings } from '../../../../engine/pipeline/training-settings.ts';
import type { Recipe } from '../../../../engine/prep/types.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import type { Notices } from './notices.svelte.ts';

export interface CrossValidationStart {
  readonly runId: string;
  readonly datasetId: string;
  readonly recipe: Recipe;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly folds: number;
}

export class CrossValidationState {
  /** By run id. */
  private readonly byRun = $state<Record<string, CrossValidationSummary>>({});

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
  ) {}

  of(runId: string | null | undefined): CrossValidationSummary | null {
    return runId ? (this.byRun[runId] ?? null) : null;
  }

  async start(request: CrossValidationStart): Promise<void> {
    const { runId, datasetId, recipe, design, settings, folds } = request;
    try {
      const summary = await this.platform.api.startCrossValidation({ datasetId, recipe, design: { ...design, hidden: [...design.hidden] }, settings, folds, runId });
      // Its end may have arrived first.
      if (this.byRun[runId]?.validationId !== summary.validationId) this.byRun[runId] = summary;
    } catch (error) {
      this.notices.push('error', messages.crossValidationFailed, error instanceof Error ? error.message : String(error));
    }
  }

  async stop(runId: string): Promise<void> {
    const validationId = this.byRun[runId]?.validationId;
    if (validationId) await this.platform.api.stopCrossValidation({ validationId });
  }

  onEvent(event: AppEvent): void {
    if (event.type !== 'crossValidationProgress' || !event.summary.runId) return;
    this.byRun[event.summary.runId] = event.summary;
  }
}
