/**
 * What a recipe does to the open dataset, asked of main on every edit. The newest edit wins: each recipe is sent
 * at once, main cancels the preview it replaces (it runs in an engine worker, stage by stage), and only the
 * newest answer is shown. While it runs, main reports each stage as it starts (`previewProgress`), for the
 * step's own line in the recipe list.
 */
import type { Recipe } from '../../../../engine/prep/index.ts';
import type { RecipePreview } from '../../../../main/api/calls/recipe-calls.ts';
import type { AppEvent, LayerlabApi } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';

/** The stage the newest preview is running: a step's id (`split`: the whole-table steps, target and split), `done` of `total` stages finished. */
export interface PreviewProgress {
  readonly stepId: string | null;
  readonly done: number;
  readonly total: number;
}

export class RecipePreviewer {
  /** The latest answer; null until the first arrives (and after `reset`). */
  preview = $state.raw<RecipePreview | null>(null);
  /** An answer for a newer recipe is on its way. */
  busy = $state(false);
  /** How far the newest preview has got; null until main reports its first stage. */
  progress = $state.raw<PreviewProgress | null>(null);
  /** Bumped by every request and by `reset`: only the answer to the newest request is shown. */
  private newest = 0;
  private operationId: string | null = null;

  constructor(private readonly api: LayerlabApi) {}

  request(datasetId: string, recipe: Recipe): void {
    const ticket = ++this.newest;
    const operationId = crypto.randomUUID();
    this.operationId = operationId;
    this.busy = true;
    this.progress = null;
    void this.run(ticket, { datasetId, recipe, operationId });
  }

  /** Another dataset: the shown preview goes, answers still on their way are dropped. */
  reset(): void {
    this.newest++;
    this.operationId = null;
    this.preview = null;
    this.busy = false;
    this.progress = null;
  }

  onEvent(event: AppEvent): void {
    if (event.type !== 'previewProgress' || event.operationId !== this.operationId) return;
    this.progress = { stepId: event.stepId, done: event.done, total: event.total };
  }

  private async run(ticket: number, request: { datasetId: string; recipe: Recipe; operationId: string }): Promise<void> {
    let answer: RecipePreview;
    try {
      answer = await this.api.previewRecipe(request);
    } catch (error) {
      // A preview replaced by a newer edit fails as `superseded`: the newer one answers.
      if (ticket !== this.newest) return;
      // Shown in place of the preview, so an old preview never passes for the new recipe's.
      answer = { ok: false, code: 'preview-failed', message: `${messages.previewFailed}: ${error instanceof Error ? error.message : String(error)}`, stepId: null };
    }
    if (ticket !== this.newest) return;
    this.preview = answer;
    this.busy = false;
    this.progress = null;
    this.operationId = null;
  }
}
