/**
 * One prepared recipe per (dataset, recipe), shared by everything that runs a recipe on an open dataset: the
 * Clean step's previews, the Build step's network preview, the cleaned CSV and the start of a training run. A
 * change in the Clean step is previewed, the Build step's preview reads the same stages, and a run starts from
 * matrices built on them: the recipe's steps are fitted once, not once per caller.
 *
 * Callers know datasets by id and answers are promises, so this service can move into a worker (where engine
 * work belongs) without a caller changing.
 */
import { prepare, PrepareCache, preparePreview } from '../../engine/prep/prepare.ts';
import type { Prepared, PreparedPreview, Recipe } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';

export interface PreparedRecipes {
  /** What the recipe makes of the dataset short of the matrices, with its first `rows` prepared rows in file order. */
  preview(datasetId: string, recipe: Recipe, rows: number): Promise<PreparedPreview>;
  /** The training, validation and test matrices (the same object for the same dataset and recipe, until another is asked for). */
  prepared(datasetId: string, recipe: Recipe): Promise<Prepared>;
}

/**
 * Above this many cells a cache would hold gigabytes (its stages keep every intermediate column: about 190 MB
 * for diabetes130's 101,766 rows and 238 features): such a table is prepared from the start each time.
 */
export const CACHE_MAX_CELLS = 10_000_000;

/** The recipe's stages for one table (the last one asked about), and the matrices of the last recipe prepared in full. */
export class PreparedRecipeCache implements PreparedRecipes {
  private readonly stages = new PrepareCache();
  private last: { readonly table: Table; readonly key: string; readonly prepared: Prepared } | null = null;

  /** `tableOf`: the dataset's current table (a column's new type makes a new table, and so new stages). */
  constructor(
    private readonly tableOf: (datasetId: string) => Table,
    private readonly maxCells = CACHE_MAX_CELLS,
  ) {}

  async preview(datasetId: string, recipe: Recipe, rows: number): Promise<PreparedPreview> {
    const table = this.tableOf(datasetId);
    return preparePreview(table, recipe, rows, this.cacheFor(table));
  }

  async prepared(datasetId: string, recipe: Recipe): Promise<Prepared> {
    const table = this.tableOf(datasetId);
    const key = JSON.stringify(recipe);
    if (this.last?.table === table && this.last.key === key) return this.last.prepared;
    const cache = this.cacheFor(table);
    const prepared = prepare(table, recipe, cache);
    this.last = cache ? { table, key, prepared } : null;
    return prepared;
  }

  private cacheFor(table: Table): PrepareCache | undefined {
    if (this.last?.table !== table) this.last = null;
    if (table.rowCount * table.columns.length <= this.maxCells) return this.stages;
    // A large table lets go of a smaller one's stages.
    this.stages.source = null;
    this.stages.stages = [];
    return undefined;
  }
}
