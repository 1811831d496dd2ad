/**
 * The Build and Train steps' state: the network design, the training settings and the runs (live progress,
 * side by side). Reads the recipe from RecipeState; never changes it. A finished run is handed to
 * ResultsState (`results.show(modelId)`) for the Evaluate and Predict & export steps.
 */
import type { Recipe } from '../../../../engine/prep/types.ts';
import type { NetworkPreview, RunSummary, TrainingProgressEvent } from '../../../../main/api/calls/training-calls.ts';
import type { AppEvent } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';
import { addLayer, designName, designParameters, moveLayer, presetLayers, removeLayer, sizedDefault, sizeRefusal, toNetworkDesign, updateLayer, type HiddenLayer, type TableShape } from '../network/design.ts';
import { defaultTrainForm, lossFor, sizedForm, toTrainingSettings, withPenalties, type TrainForm } from '../training/settings.ts';
import type { Platform } from '../platform/platform.ts';
import type { CrossValidationState } from './cross-validation.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import { LiveRun } from './live-run.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { RecipeState } from './recipe.svelte.ts';
import type { ResultsState } from './results.svelte.ts';
import { RunEdits } from './run-edits.svelte.ts';

/** Events kept per run that this window has not added yet (a run that never shows up must not grow without end). */
const MAX_EARLY_EVENTS = 500;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class TrainingState {
  layers = $state.raw<readonly HiddenLayer[]>(presetLayers('default'));
  /** The preset the layers came from, until the user edits them. */
  preset = $state<string | null>('default');
  form = $state.raw<TrainForm>(defaultTrainForm());
  /** Whether the form's epochs and patience still follow the table (`layerlab train`'s); the user's own stay. */
  private formSized = true;
  /** What the recipe makes of the dataset: inputs, output, task. Null until asked, or when it cannot be built. */
  preview = $state.raw<NetworkPreview | null>(null);
  previewError = $state<string | null>(null);
  runs = $state.raw<readonly LiveRun[]>([]);
  selectedId = $state<string | null>(null);
  /** Runs whose validation curves are drawn together. */
  compared = $state.raw<readonly string[]>([]);
  starting = $state(false);
  /** Set by AppState: checks a new run on K folds when the form asks for it. */
  crossValidation: CrossValidationState | null = null;
  private previewKey: string | null = null;
  private readonly early = new Map<string, TrainingProgressEvent[]>();
  private loading: Promise<void> | null = null;

  readonly task = $derived(this.preview?.task ?? null);
  /** What the default preset is sized for; null until the recipe's inputs are known. */
  readonly shape = $derived.by((): TableShape | null => (this.preview ? { inputs: this.preview.features.length, outputs: this.preview.output.units } : null));
  /** Regression only: `relu` keeps predictions at 0 or above (prices, counts); classification outputs follow the task. */
  regressionOutput = $state<'linear' | 'relu'>('linear');
  readonly design = $derived.by(() => {
    const design = toNetworkDesign(this.layers);
    return this.task === 'regression' && this.regressionOutput !== 'linear' ? { ...design, outputActivation: this.regressionOutput } : design;
  });
  /** The output layer's activation as the next run builds it. */
  readonly outputActivation = $derived(this.task === 'regression' ? this.regressionOutput : (this.preview?.output.activation ?? null));
  private readonly counts = $derived(this.shape ? designParameters(this.design, this.shape) : null);
  readonly parameters = $derived(this.counts?.trainable ?? null);
  /** The cap's refusal, said in the Build step as soon as the design passes it (a run of it would be refused). */
  readonly sizeProblem = $derived(this.counts ? sizeRefusal(this.counts) : null);
  readonly name = $derived(designName(this.layers, this.preview?.output.units ?? 1));
  /** The runs listed: those of the open dataset (the same file, by SHA-256), or every run when the user asks. */
  readonly visibleRuns = $derived.by(() => {
    const sha = this.dataset.summary?.sha256;
    return this.results.everyDataset || !sha ? this.runs : this.runs.filter((r) => r.summary.dataset.sha256 === sha);
  });
  readonly selected = $derived(this.visibleRuns.find((r) => r.runId === this.selectedId) ?? this.visibleRuns.at(-1) ?? null);
  /** Renaming and deleting finished runs (with an undo). */
  readonly edits: RunEdits;
  readonly running = $derived(this.runs.filter((r) => !r.finished));

  constructor(
    protected readonly platform: Platform,
    protected readonly dataset: DatasetState,
    protected readonly recipeState: RecipeState,
    protected readonly results: ResultsState,
    protected readonly notices: Notices,
  ) {
    this.edits = new RunEdits(platform, notices, results, this);
    dataset.onOpened((_, how) => {
      if (!how.restored) this.resetForNewDataset();
    });
  }

  /** The Clean step's recipe, once the user has said what to predict (a sample's and a project's at once). */
  get recipe(): Recipe | null {
    return this.recipeState.recipe;
  }

  /** Keeps the preview up to date with the open dataset and its recipe from now on; returns the stop function. */
  start(): () => void {
    return $effect.root(() => {
      $effect(() => void this.sync());
    });
  }

  /** Brings the preview up to date with the open dataset and its recipe; cheap when nothing changed. */
  async sync(): Promise<void> {
    const datasetId = this.dataset.summary?.datasetId;
    if (!datasetId) return;
    if (!this.previewKey?.startsWith(`${datasetId}:`)) {
      // Another dataset: what was said about the previous one no longer holds.
      this.preview = null;
      this.previewError = null;
    }
    const recipe = this.recipe;
    if (!recipe) {
      // Why the Clean step has no recipe, if it knows: nothing can be built without one.
      this.previewError = this.recipeState.problem;
      return;
    }
    const key = `${datasetId}:${JSON.stringify(recipe)}`;
    if (key === this.previewKey) return;
    this.previewKey = key;
    try {
      const preview = await this.platform.api.networkPreview({ datasetId, recipe, design: { hidden: [] } });
      if (this.previewKey !== key) return;
      this.preview = preview;
      this.previewError = null;
      // Untouched default layers follow the table, as `layerlab train` sizes them; edited or restored ones stay.
      if (this.preset === 'default') this.layers = sizedDefault(this.layers, this.shape);
      this.sizeForm();
    } catch (error) {
      if (this.previewKey !== key) return;
      this.preview = null;
      this.previewError = errorText(error);
    }
  }

  usePreset(presetId: string): void {
    this.layers = presetLayers(presetId, this.shape);
    this.preset = presetId;
  }

  addLayer(afterIndex?: number): void {
    this.edit(addLayer(this.layers, afterIndex));
  }

  removeLayer(id: number): void {
    this.edit(removeLayer(this.layers, id));
  }

  moveLayer(id: number, by: -1 | 1): void {
    this.edit(moveLayer(this.layers, id, by));
  }

  updateLayer(id: number, change: Partial<Omit<HiddenLayer, 'id'>>): void {
    this.edit(updateLayer(this.layers, id, change));
  }

  setForm(change: Partial<TrainForm>): void {
    this.form = { ...this.form, ...change };
    if ('epochs' in change || 'patience' in change) this.formSized = false;
    this.sizeForm();
  }

  /** Starts a run with the current design and settings; several may run side by side. */
  async train(): Promise<void> {
    const datasetId = this.dataset.summary?.datasetId;
    const recipe = this.recipe;
    const task = this.task;
    if (!datasetId || !recipe || !task) {
      this.notices.push('warning', messages.trainNotReady, this.previewError ?? messages.trainNotReadyHint);
      return;
    }
    this.starting = true;
    try {
      const request = { datasetId, recipe, design: withPenalties(this.design, this.form), settings: toTrainingSettings(this.form, task) };
      const summary = await this.platform.api.startTraining(request);
      this.show(summary);
      if (this.form.folds > 0) void this.crossValidation?.start({ ...request, runId: summary.runId, folds: this.form.folds });
    } catch (error) {
      this.notices.push('error', messages.trainFailed, errorText(error));
    } finally {
      this.starting = false;
    }
  }

  pause(runId: string): Promise<void> {
    return this.control(() => this.platform.api.pauseTraining({ runId }));
  }

  resume(runId: string): Promise<void> {
    return this.control(() => this.platform.api.resumeTraining({ runId }));
  }

  stop(runId: string): Promise<void> {
    return this.control(() => this.platform.api.stopTraining({ runId }));
  }

  select(runId: string): void {
    this.selectedId = runId;
    const modelId = this.runs.find((r) => r.runId === runId)?.summary.modelId;
    if (modelId) void this.results.show(modelId);
  }

  toggleCompared(runId: string): void {
    this.compared = this.compared.includes(runId) ? this.compared.filter((id) => id !== runId) : [...this.compared, runId];
  }

  /** Fetches the runs main already has (after the window reloads, or started elsewhere). */
  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        for (const summary of await this.platform.api.listRuns()) this.add(summary);
      } catch (error) {
        this.notices.push('error', messages.runsFailed, errorText(error));
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  onEvent(event: AppEvent): void {
    if (event.type !== 'trainingProgress') return;
    const run = this.runs.find((r) => r.runId === event.runId);
    if (!run) {
      // News of a run this window has not heard of yet: its startTraining answer is still on the way, or another
      // window started it. Kept until the run is added, so no epoch is lost.
      const early = this.early.get(event.runId) ?? [];
      if (early.length < MAX_EARLY_EVENTS) early.push(event);
      this.early.set(event.runId, early);
      if (!this.starting) void this.load();
      return;
    }
    const wasFinished = run.finished;
    run.apply(event);
    if (!wasFinished && run.finished) this.announce(run);
  }

  /** Another dataset: the network and training settings made for the previous one do not carry over. */
  private resetForNewDataset(): void {
    const defaults = defaultTrainForm();
    const chosen = (layers: readonly HiddenLayer[], form: TrainForm) => JSON.stringify([toNetworkDesign(layers), toTrainingSettings(form, 'binary')]);
    const changed = chosen(this.layers, this.form) !== chosen(presetLayers('default', this.shape), this.preview ? sizedForm(defaults, this.preview.rows.train) : defaults) || this.regressionOutput !== 'linear';
    this.layers = presetLayers('default');
    this.preset = 'default';
    this.form = defaults;
    this.formSized = true;
    this.regressionOutput = 'linear';
    this.selectedId = null;
    if (changed) this.notices.push('info', messages.settingsReset);
  }

  /** A finished run made elsewhere (a search's trial): added, selected, its model shown in Evaluate. */
  show(summary: RunSummary): void {
    this.add(summary);
    this.select(summary.runId);
  }

  /** The loss the next run uses, for the form. */
  get loss(): string | null {
    return this.task ? lossFor(this.task, this.form) : null;
  }

  private sizeForm(): void {
    if (this.formSized && this.preview) this.form = sizedForm(this.form, this.preview.rows.train);
  }

  private edit(layers: HiddenLayer[]): void {
    this.layers = layers;
    this.preset = null;
  }

  /** Adds a run once, with the news that arrived before it. */
  private add(summary: RunSummary): void {
    if (this.runs.some((r) => r.runId === summary.runId)) return;
    const run = new LiveRun(summary);
    this.runs = [...this.runs, run];
    const early = this.early.get(summary.runId) ?? [];
    this.early.delete(summary.runId);
    for (const event of early) this.onEvent(event);
  }

  private async control(call: () => Promise<{ changed: boolean }>): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.notices.push('error', messages.trainFailed, errorText(error));
    }
  }

  private announce(run: LiveRun): void {
    const { summary } = run;
    if (summary.status === 'failed') {
      this.notices.push('error', messages.runFailed(summary.label), summary.error?.message ?? '');
      return;
    }
    if (summary.modelId) void this.results.show(summary.modelId);
    const metric = summary.outcome?.testMetric;
    const score = metric && metric.value !== null ? (metric.name === 'accuracy' ? `${(metric.value * 100).toFixed(1)}% test accuracy` : `test R² ${metric.value.toFixed(3)}`) : null;
    this.notices.push(summary.status === 'completed' ? 'success' : 'info', messages.runFinished(summary.label, summary.status === 'stopped', score), summary.outcome?.message ?? '');
  }
}
