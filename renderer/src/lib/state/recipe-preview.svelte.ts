/**
 * What a recipe does to the open dataset, asked of main one recipe at a time: preparing a big table takes main
 * a second or two, so recipes asked for meanwhile wait, and only the latest of them is tried next.
 */
import type { Recipe } from '../../../../engine/prep/index.ts';
import type { RecipePreview } from '../../../../main/api/calls/recipe-calls.ts';
import type { LayerlabApi } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';

interface Request {
  readonly datasetId: string;
  readonly recipe: Recipe;
}

export class RecipePreviewer {
  /** The latest answer; null until the first arrives (and after `reset`). */
  preview = $state.raw<RecipePreview | null>(null);
  /** An answer for a newer recipe is on its way. */
  busy = $state(false);
  private running = false;
  private next: Request | null = null;
  /** Bumped by `reset`: answers asked for before it are dropped. */
  private generation = 0;

  constructor(private readonly api: LayerlabApi) {}

  request(datasetId: string, recipe: Recipe): void {
    this.busy = true;
    if (this.running) this.next = { datasetId, recipe };
    else void this.run({ datasetId, recipe });
  }

  /** Another dataset: the shown preview goes, answers still on their way are dropped. */
  reset(): void {
    this.generation++;
    this.preview = null;
    this.next = null;
    this.busy = false;
  }

  private async run(request: Request): Promise<void> {
    const generation = this.generation;
    this.running = true;
    let answer: RecipePreview;
    try {
      answer = await this.api.previewRecipe(request);
    } catch (error) {
      // Shown in place of the preview, so an old preview never passes for the new recipe's.
      answer = { ok: false, code: 'preview-failed', message: `${messages.previewFailed}: ${error instanceof Error ? error.message : String(error)}`, stepId: null };
    }
    this.running = false;
    const next = this.next;
    this.next = null;
    if (next) return this.run(next);
    if (generation !== this.generation) return;
    this.preview = answer;
    this.busy = false;
  }
}
