/**
 * The Clean step's state: the cleaning recipe of the open dataset (target and split included), as the user
 * has shaped it, with undo and redo, the columns' profile (the Data step's cards read it too) and the preview
 * of what the recipe does. The model steps read `recipe` to train; only the Clean step changes it.
 *
 * What to predict is the user's decision: when a dataset opens, main suggests a target with its reason
 * (`targetSuggestion`) and the recipe waits (`awaitingTarget`) until the user confirms one. A sample, whose card
 * named its target before it was opened, and a project, which brings its own recipe, do not wait. Once a target is
 * chosen `recipe` is a recipe the engine accepts.
 */
import { ownValue } from '../../../../engine/own.ts';
import type { Recipe, TargetSuggestion, Task } from '../../../../engine/prep/index.ts';
import type { ColumnProfile } from '../../../../engine/table/profile.ts';
import { cleanedFileName, type ColumnTypesChanged, type DatasetProfile, type RecipePreview } from '../../../../main/api/calls/recipe-calls.ts';
import type { DatasetSummary } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import { setTask } from '../recipe/edits.ts';
import { WIZARD_OF_KIND, type WizardId } from '../recipe/wizards.ts';
import { ColumnEdits } from './column-edits.svelte.ts';
import { withChangedColumns } from './profile-update.ts';
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
  readonly target = $derived<TargetFacts | null>(this.recipe ? (ownValue(this.facts, this.recipe.target.column) ?? null) : null);
  suggesting = $state(false);
  /** Which column main suggests predicting, why, and the alternatives; null until the dataset's arrives. */
  targetSuggestion = $state.raw<TargetSuggestion | null>(null);
  /** The dataset is open but nobody has said what to predict yet: no recipe until the user confirms a target. */
  awaitingTarget = $state(false);
  /** Why no recipe could be suggested for the open dataset, when none could. */
  problem = $state<string | null>(null);
  /** Types and missing markers of the dataset's columns (the Data step's cards). */
  readonly columns: ColumnEdits;
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
    this.columns = new ColumnEdits(platform, notices, dataset, { datasetId: () => this.datasetId, columnsChanged: (...args) => this.columnsChanged(...args) });
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

  /**
   * A new dataset: its profile and the target suggestion; then a recipe once the target is known (at once for
   * a sample or a project's recipe, otherwise when the user confirms). The history starts empty.
   */
  async datasetOpened(summary: DatasetSummary): Promise<void> {
    this.datasetId = summary.datasetId;
    this.recipe = null;
    this.previewer.reset();
    this.facts = {};
    this.columns.markers = {};
    this.adopted = null;
    this.problem = null;
    this.targetSuggestion = null;
    this.awaitingTarget = false;
    this.past = [];
    this.future = [];
    this.editing = null;
    const api = this.platform.api;
    let profile: DatasetProfile;
    let suggestion: TargetSuggestion;
    try {
      [profile, suggestion] = await Promise.all([api.profileDataset({ datasetId: summary.datasetId }), api.suggestTarget({ datasetId: summary.datasetId })]);
    } catch (error) {
      if (this.datasetId === summary.datasetId) this.problem = errorText(error);
      return;
    }
    if (this.datasetId !== summary.datasetId) return;
    this.profile = profile;
    this.targetSuggestion = suggestion;
    const adopted = this.takeAdopted();
    if (adopted) {
      void this.learnTarget(adopted.target.column);
      this.show(adopted);
    } else if (summary.origin === 'sample' && suggestion.suggested) {
      this.awaitingTarget = true;
      await this.confirmTarget(suggestion.suggested.column);
    } else {
      this.awaitingTarget = true;
    }
  }

  /** The user's answer to "what should the network predict?": the first recipe, suggested for that column. */
  async confirmTarget(column: string): Promise<void> {
    const datasetId = this.datasetId;
    if (!datasetId) return;
    if (!this.awaitingTarget) return this.chooseTarget(column);
    this.suggesting = true;
    try {
      const suggested = await this.platform.api.suggestRecipe({ datasetId, target: column });
      if (this.datasetId !== datasetId || !this.awaitingTarget) return;
      this.learn(column, suggested);
      this.awaitingTarget = false;
      this.show(suggested.recipe);
    } catch (error) {
      if (this.datasetId === datasetId) this.notices.push('error', messages.targetUnusable(column), errorText(error));
    } finally {
      if (this.datasetId === datasetId) this.suggesting = false;
    }
  }

  /**
   * A recipe that comes back with the open dataset (a saved project's). Called while the suggestion is on its
   * way, it takes the suggestion's place; later, it is a change like any other (undoable).
   */
  adopt(recipe: Recipe): void {
    if (!this.datasetId) return;
    if (!this.recipe && !this.problem && !this.awaitingTarget) {
      this.adopted = recipe;
      return;
    }
    this.problem = null;
    this.awaitingTarget = false;
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

  /** The dataset's columns changed in main: the profile follows, then the recipe (or the target question). */
  private async columnsChanged(datasetId: string, columns: readonly string[], changed: ColumnTypesChanged): Promise<void> {
    if (this.profile) this.profile = withChangedColumns(this.profile, changed.columns);
    const edited = this.canUndo;
    if (this.recipe) await this.chooseTarget(this.recipe.target.column, this.recipe.target.task);
    else if (this.awaitingTarget) this.targetSuggestion = await this.platform.api.suggestTarget({ datasetId });
    if (edited) this.notices.push('info', messages.recipeSuggestedAgain(columns));
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
    if (!datasetId || ownValue(this.facts, column)) return;
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
