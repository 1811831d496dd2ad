/**
 * The model steps' state (Build, Train, Evaluate, Predict & export): the network design, the training
 * settings, the runs and their results. Reads the recipe from RecipeState; never changes it.
 */
import type { Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { RecipeState } from './recipe.svelte.ts';

export class ModelState {
  constructor(
    protected readonly platform: Platform,
    protected readonly dataset: DatasetState,
    protected readonly recipe: RecipeState,
    protected readonly notices: Notices,
  ) {}
}
