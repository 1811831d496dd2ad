/**
 * The Clean step's state: the cleaning recipe of the open dataset (target and split included), as the user
 * has shaped it, with undo and redo, the columns' profile (the Data step's cards read it too) and the preview
 * of what the recipe does. The model steps read `recipe` to train; only the Clean step changes it.
 *
 * Once a dataset is open `recipe` is a recipe the engine accepts: it is suggested as soon as the dataset
 * opens, for the column the engine chooses (engine/prep/target-choice.ts).
 */
import type { Recipe, Task } from '../../../../engine/prep/index.ts';
import type { ColumnProfile } from '../../../../engine/table/profile.ts';
import { cleanedFileName, type ColumnTypeChanged, type DatasetProfile, type RecipePreview } from '../../../../main/api/calls/recipe-calls.ts';
import type { ColumnType, DatasetSummary } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import { setTask } from '../recipe/edits.ts';
import { WIZARD_OF_KIND, type WizardId } from '../recipe/wizards.ts';
import { RecipePreviewer } from './recipe-preview.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import { Saver } from './saver.svelte.ts';

/** Undo steps kept; older ones are forgotten. */
const HISTORY = 100;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface TargetFacts {
  /** What the target's values suggest, whatever task the recipe uses. */
  readonly detectedTask: Task;
  readonly classLabels: readonly string[];
}

export class RecipeState {
  /** null until a dataset is open and its recipe suggested. */
  recipe = $state.raw<Recipe | null>(null);
  profile = $state.raw<DatasetProfile | null>(null);
  /** What is known of each target tried so far (undo may bring an earlier one back). */
  private facts = $state.raw<Readonly<Record<string, TargetFacts>>>({});
  readonly target = $derived<TargetFacts | null>(this.recipe ? (this.facts[this.recipe.target.column] ?? null) : null);
  suggesting = $state(false);
  /** Why no recipe could be suggested for the open dataset, when none could. */
  problem = $state<string | null>(null);
  /** The missing markers the user set per column (the Data step's cards show them). */
  markers = $state.raw<Readonly<Record<string, readonly string[]>>>({});
  private past = $state.raw<readonly Recipe[]>([]);
  private future = $state.raw<readonly Recipe[]>([]);
  readonly canUndo = $derived(this.past.length > 0);
  readonly canRedo = $derived(this.future.length > 0);
  private datasetId: string | null = null;
  /** A project's recipe that arrived while the suggestion was on its way. */
  private adopted: Recipe | null = null;
  /** Previews the recipe on every change; its `progress` is the stage a new preview is running. */
  readonly previewer: RecipePreviewer;
  private readonly saver: Saver;
  /** The wizard shown beside the recipe. */
  wizard = $state<WizardId>('target');
  /** The step the recipe list asked to edit; its wizard shows it first. */
  editing = $state<string | null>(null);

  constructor(
    protected readonly platform: Platform,
    protected readonly dataset: DatasetState,
    protected readonly notices: Notices,
  ) {
    this.previewer = new RecipePreviewer(platform.api);
    this.saver = new Saver(platform, notices);
    dataset.onOpened((summary) => void this.datasetOpened(summary));
  }

  /** What the current recipe does to the dataset; null while the first one is computed. */
  get preview(): RecipePreview | null {
    return this.previewer.preview;
  }

  /** The preview shown is for an older recipe; a new one is on its way. */
  get previewing(): boolean {
    return this.previewer.busy;
  }

  /** The profile of one column, once the profile has arrived. */
  column(name: string): ColumnProfile | undefined {
    return this.profile?.columns.find((c) => c.name === name);
  }

  /** A new dataset: its profile, then a suggested recipe; the history starts empty. */
  async datasetOpened(summary: DatasetSummary): Promise<void> {
    this.datasetId = summary.datasetId;
    this.recipe = null;
    this.previewer.reset();
    this.facts = {};
    this.markers = {};
    this.adopted = null;
    this.problem = null;
    this.past = [];
    this.future = [];
    this.editing = null;
    const api = this.platform.api;
    let profile: DatasetProfile;
    try {
      profile = await api.profileDataset({ datasetId: summary.datasetId });
    } catch (error) {
      if (this.datasetId === summary.datasetId) this.problem = errorText(error);
      return;
    }
    if (this.datasetId !== summary.datasetId) return;
    this.profile = profile;
    this.suggesting = true;
    try {
      const suggested = await api.suggestRecipe({ datasetId: summary.datasetId });
      if (this.datasetId !== summary.datasetId) return;
      const target = suggested.recipe.target.column;
      this.learn(target, suggested);
      const adopted = this.takeAdopted();
      if (adopted && adopted.target.column !== target) void this.learnTarget(adopted.target.column);
      this.show(adopted ?? suggested.recipe);
    } catch (error) {
      if (this.datasetId !== summary.datasetId) return;
      const adopted = this.takeAdopted();
      if (adopted) {
        void this.learnTarget(adopted.target.column);
        this.show(adopted);
      } else {
        this.problem = messages.noRecipe(errorText(error));
      }
    } finally {
      if (this.datasetId === summary.datasetId) this.suggesting = false;
    }
  }

  /**
   * A recipe that comes back with the open dataset (a saved project's). Called while the suggestion is on its
   * way, it takes the suggestion's place; later, it is a change like any other (undoable).
   */
  adopt(recipe: Recipe): void {
    if (!this.datasetId) return;
    if (!this.recipe && !this.problem) {
      this.adopted = recipe;
      return;
    }
    this.problem = null;
    this.record(recipe);
    void this.learnTarget(recipe.target.column);
  }

  /** Applies a wizard's change; undoable. A change that changes nothing is not recorded. */
  apply(edit: (recipe: Recipe) => Recipe): void {
    if (!this.recipe) return;
    const next = edit(this.recipe);
    if (next === this.recipe || JSON.stringify(next) === JSON.stringify(this.recipe)) return;
    this.record(next);
  }

  /** Opens the wizard that edits step `id`, showing that step. */
  edit(id: string): void {
    const step = this.recipe?.steps.find((s) => s.id === id);
    if (!step) return;
    this.wizard = WIZARD_OF_KIND[step.kind];
    this.editing = id;
  }

  undo(): void {
    const previous = this.past.at(-1);
    if (!previous || !this.recipe) return;
    this.past = this.past.slice(0, -1);
    this.future = [...this.future, this.recipe];
    this.show(previous);
  }

  redo(): void {
    const next = this.future.at(-1);
    if (!next || !this.recipe) return;
    this.future = this.future.slice(0, -1);
    this.past = [...this.past, this.recipe];
    this.show(next);
  }

  /** A new target: a recipe suggested for it (undo brings the old target and its steps back). */
  async chooseTarget(column: string, task?: Task): Promise<void> {
    const datasetId = this.datasetId;
    if (!datasetId || !this.recipe) return;
    this.suggesting = true;
    try {
      const suggested = await this.platform.api.suggestRecipe({ datasetId, target: column, ...(task ? { task } : {}) });
      if (this.datasetId !== datasetId) return;
      this.learn(column, suggested);
      this.record(suggested.recipe);
    } catch (error) {
      this.notices.push('error', messages.targetRefused(column), errorText(error));
    } finally {
      this.suggesting = false;
    }
  }

  /** The task chosen over the detected one; binary keeps the current positive class when it still applies. */
  chooseTask(task: Task, positiveLabel?: string): void {
    const labels = this.target?.classLabels ?? [];
    const positive = positiveLabel ?? (labels.includes(this.recipe?.target.positiveLabel ?? '') ? this.recipe?.target.positiveLabel : labels[1]);
    this.apply((recipe) => setTask(recipe, task, task === 'binary' ? positive : undefined));
  }

  /** A column's type, changed in main; the recipe is suggested again for the same target (undoable). */
  async changeType(column: string, type: ColumnType): Promise<boolean> {
    const changed = await this.changeColumn(column, (datasetId) => this.platform.api.setColumnType({ datasetId, column, type }), messages.typeRefused(column, type));
    if (changed) this.markers = { ...this.markers, [column]: [] };
    return changed;
  }

  /** Values that mean "missing" in `column` (none: the column as loaded); the recipe is suggested again. */
  async setMissingMarkers(column: string, markers: readonly string[]): Promise<boolean> {
    const changed = await this.changeColumn(column, (datasetId) => this.platform.api.setMissingMarkers({ datasetId, column, markers: [...markers] }), messages.markersRefused(column));
    if (changed) this.markers = { ...this.markers, [column]: markers };
    return changed;
  }

  private async changeColumn(column: string, change: (datasetId: string) => Promise<ColumnTypeChanged>, refused: string): Promise<boolean> {
    const datasetId = this.datasetId;
    if (!datasetId) return false;
    try {
      const changed = await change(datasetId);
      if (this.datasetId !== datasetId) return false;
      this.dataset.replaceSummary(changed.summary);
      if (this.profile) {
        const { [column]: _, ...skewness } = this.profile.skewness;
        this.profile = {
          ...this.profile,
          columns: this.profile.columns.map((c) => (c.name === column ? changed.profile : c)),
          skewness: changed.skewness === null ? skewness : { ...skewness, [column]: changed.skewness },
        };
      }
      const edited = this.canUndo;
      if (this.recipe) await this.chooseTarget(this.recipe.target.column, this.recipe.target.task);
      if (edited) this.notices.push('info', messages.recipeSuggestedAgain(column));
      return true;
    } catch (error) {
      this.notices.push('error', refused, errorText(error));
      return false;
    }
  }

  /** The cleaned dataset is being written. */
  get exporting(): boolean {
    return this.saver.saving !== null;
  }

  /** The cleaned dataset: the save dialog on the desktop, a download in a browser. */
  async exportCleaned(): Promise<void> {
    const datasetId = this.datasetId;
    const recipe = this.recipe;
    const name = this.dataset.summary?.name;
    if (!datasetId || !recipe || !name) return;
    await this.saver.save('cleaned', 'cleaned dataset', cleanedFileName(name), (destination) => this.platform.api.saveCleanedCsv({ datasetId, recipe, destination }), (saved) => {
      const file = saved.files[0]!;
      return file.path ? messages.cleanedSaved(file.path) : messages.cleanedDownloaded(file.name, saved.rows);
    });
  }

  private takeAdopted(): Recipe | null {
    const adopted = this.adopted;
    this.adopted = null;
    return adopted;
  }

  /** What the target's values say, for a recipe that did not come from a suggestion. */
  private async learnTarget(column: string): Promise<void> {
    const datasetId = this.datasetId;
    if (!datasetId || this.facts[column]) return;
    try {
      const suggested = await this.platform.api.suggestRecipe({ datasetId, target: column });
      if (this.datasetId === datasetId) this.learn(column, suggested);
    } catch {
      // A target the engine refuses has no facts to show; the preview says why it cannot run.
    }
  }

  private learn(column: string, facts: TargetFacts): void {
    this.facts = { ...this.facts, [column]: { detectedTask: facts.detectedTask, classLabels: facts.classLabels } };
  }

  private record(next: Recipe): void {
    if (this.recipe) this.past = [...this.past, this.recipe].slice(-HISTORY);
    this.future = [];
    this.show(next);
  }

  /** Shows `recipe` and asks main what it does. */
  private show(recipe: Recipe): void {
    this.recipe = recipe;
    if (this.datasetId) this.previewer.request(this.datasetId, recipe);
  }
}
