/**
 * The Build and Train steps' state: the network design, the training settings and the runs (live progress,
 * side by side). Reads the recipe from RecipeState; never changes it. A finished run is handed to
 * ResultsState (`results.show(modelId)`) for the Evaluate and Predict & export steps.
 */
import type { Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { RecipeState } from './recipe.svelte.ts';
import type { ResultsState } from './results.svelte.ts';

export class TrainingState {
  constructor(
    protected readonly platform: Platform,
    protected readonly dataset: DatasetState,
    protected readonly recipe: RecipeState,
    protected readonly results: ResultsState,
    protected readonly notices: Notices,
  ) {}
}
