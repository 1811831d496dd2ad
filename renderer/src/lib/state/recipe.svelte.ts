/**
 * The Clean step's state: the cleaning recipe of the open dataset (target and split included), as the user
 * has shaped it. The model steps read `recipe` to train; only the Clean step changes it.
 */
import type { Recipe } from '../../../../engine/prep/index.ts';
import type { Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';

export class RecipeState {
  /** null until a dataset is open and its recipe suggested. */
  recipe = $state.raw<Recipe | null>(null);

  constructor(
    protected readonly platform: Platform,
    protected readonly dataset: DatasetState,
    protected readonly notices: Notices,
  ) {}
}
