/**
 * One prepared recipe per (dataset, recipe), shared by everything that runs a recipe on an open dataset: the
 * Clean step's previews, the Build step's network preview, the cleaned CSV, the held-out rows of a model file
 * and the start of a training run. A change in the Clean step is previewed, the Build step's preview reads the
 * same stages, and a run starts from matrices built on them: the recipe's steps are fitted once, not once per
 * caller.
 *
 * The cache lives in an engine worker (engine-pool/worker/), where every call of one app that runs a recipe
 * goes (the pool's `recipes` home); main asks for it through `PreparedRecipes`, by dataset id.
 */
import { prepare, PrepareCache, preparePreview, type PrepareWatch } from '../../engine/prep/prepare.ts';
import type { Prepared, PreparedPreview, Recipe } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';
import { sharePrepared } from './engine-pool/shared-memory.ts';

/** What main asks of the prepared recipes (the engine pool answers, engine-session.ts). */
export interface PreparedRecipes {
  /** What the recipe makes of the dataset short of the matrices, with its first `rows` prepared rows in file order. */
  preview(datasetId: string, recipe: Recipe, rows: number): Promise<PreparedPreview>;
  /** The training, validation and test matrices, in shared memory (the same for the same dataset and recipe, until another is asked for). */
  prepared(datasetId: string, recipe: Recipe): Promise<Prepared>;
}

/**
 * Above this many cells the stages are not kept: they hold every column a step makes (a million rows × 50
 * columns keeps about 1.3 GB for the suggested recipe of test/main/engine-pool/wide-table.ts), and a larger
 * table would hold gigabytes more. Below it, an edit of the last step of a million-row recipe re-runs only
 * that step.
 */
export const CACHE_MAX_CELLS = 64_000_000;

/** The recipe's stages for one table (the last one asked about), and the matrices of the last recipe prepared in full. */
export class PreparedRecipeCache {
  private readonly stages = new PrepareCache();
  private last: { readonly table: Table; readonly key: string; readonly prepared: Prepared } | null = null;

  /** `tableOf`: the dataset's current table (a column's new type makes a new table, and so new stages). */
  constructor(
    private readonly tableOf: (datasetId: string) => Table,
    private readonly maxCells = CACHE_MAX_CELLS,
  ) {}

  /** `watch` hears each stage as it starts (progress) and may throw to stop the run. */
  async preview(datasetId: string, recipe: Recipe, rows: number, watch?: PrepareWatch): Promise<PreparedPreview> {
    const table = this.tableOf(datasetId);
    return preparePreview(table, recipe, rows, this.cacheFor(table), watch);
  }

  async prepared(datasetId: string, recipe: Recipe, watch?: PrepareWatch): Promise<Prepared> {
    const table = this.tableOf(datasetId);
    const key = JSON.stringify(recipe);
    if (this.last?.table === table && this.last.key === key) return this.last.prepared;
    const cache = this.cacheFor(table);
    const prepared = sharePrepared(prepare(table, recipe, cache, watch));
    this.last = cache ? { table, key, prepared } : null;
    return prepared;
  }

  /** Lets go of what was kept for `table` (its dataset closed or changed). */
  forget(table: Table): void {
    if (this.stages.source === table) this.clear();
    if (this.last?.table === table) this.last = null;
  }

  private cacheFor(table: Table): PrepareCache | undefined {
    if (this.last?.table !== table) this.last = null;
    if (table.rowCount * table.columns.length <= this.maxCells) return this.stages;
    // A large table lets go of a smaller one's stages.
    this.clear();
    return undefined;
  }

  private clear(): void {
    this.stages.source = null;
    this.stages.stages = [];
  }
}
