/**
 * The whole window's state: which step is shown, the theme, notices, the dataset, and the one place where
 * menu items, shortcuts, buttons and drops turn into actions (`run`).
 */
import type { AppCommand, AppEvent, AppInfo } from '../../../../main/api/contract.ts';
import { commandForKey, type KeyPress } from '../../../../main/api/shortcuts.ts';
import type { StepId } from '../../../../main/api/steps.ts';
import { messages } from '../messages.ts';
import { fileAt, type ChosenFile, type Platform } from '../platform/platform.ts';
import { DatasetState } from './dataset.svelte.ts';
import { InsightState } from './insight.svelte.ts';
import { Library } from './library.svelte.ts';
import { Notices } from './notices.svelte.ts';
import { ProjectState } from './project.svelte.ts';
import { RecipeState } from './recipe.svelte.ts';
import { ResultsState } from './results.svelte.ts';
import { ThemeState } from './theme.svelte.ts';
import { BaselinesState } from './baselines.svelte.ts';
import { CrossValidationState } from './cross-validation.svelte.ts';
import { SearchState } from './search.svelte.ts';
import { TrainingState } from './training.svelte.ts';

export class AppState {
  step = $state<StepId>('data');
  shortcutsOpen = $state(false);
  info = $state.raw<AppInfo | null>(null);
  readonly notices = new Notices();
  readonly theme = new ThemeState();
  readonly dataset: DatasetState;
  readonly library: Library;
  /** Clean step. */
  readonly recipe: RecipeState;
  /** Build and Train. */
  readonly training: TrainingState;
  /** Train: the network search. */
  readonly search: SearchState;
  /** Train: K-fold cross-validation beside a run. */
  readonly crossValidation: CrossValidationState;
  /** Evaluate: the baselines beside the network. */
  readonly baselines: BaselinesState;
  /** Evaluate and Predict & export. */
  readonly results: ResultsState;
  /** Which inputs matter, what-if curves, the trained network's picture, the report. */
  readonly insight: InsightState;
  /** Saving and opening projects, recovered work, autosave. */
  readonly project: ProjectState;

  constructor(readonly platform: Platform) {
    this.dataset = new DatasetState(platform, this.notices);
    this.library = new Library(platform, this.notices);
    this.recipe = new RecipeState(platform, this.dataset, this.notices);
    this.results = new ResultsState(platform, this.notices, this.dataset);
    this.insight = new InsightState(platform, this.notices, this.results, this.dataset);
    this.training = new TrainingState(platform, this.dataset, this.recipe, this.results, this.notices);
    this.baselines = new BaselinesState(platform);
    this.crossValidation = new CrossValidationState(platform, this.notices);
    this.training.crossValidation = this.crossValidation;
    this.search = new SearchState(platform, this.dataset, this.training, this.notices);
    const step = { get: () => this.step, set: (step: StepId) => (this.step = step) };
    this.project = new ProjectState(platform, this.notices, { dataset: this.dataset, recipe: this.recipe, training: this.training, results: this.results, step });
  }

  /** Subscribes to main's events and fetches what the first screen shows; returns the unsubscribe. */
  start(): () => void {
    const unsubscribe = this.platform.api.subscribe((event) => this.onEvent(event));
    void this.platform.api.appInfo().then((info) => (this.info = info), (error: unknown) => this.fail(error));
    void this.library.load();
    void this.training.load();
    void this.search.load();
    void this.project.loadRecoveries();
    void this.project.data.load();
    const stopReporting = this.project.report.start();
    const stopPreviewing = this.training.start();
    return () => {
      unsubscribe();
      stopReporting();
      stopPreviewing();
    };
  }

  async run(command: AppCommand): Promise<void> {
    try {
      switch (command.kind) {
        case 'open-file': {
          this.step = 'data';
          const file = await this.platform.pickFile('data');
          if (file) await this.dataset.open(file);
          return;
        }
        case 'open-path':
          this.step = 'data';
          await this.dataset.open(fileAt(command.path));
          return;
        case 'open-sample': {
          this.step = 'data';
          const sample = this.library.samples?.find((s) => s.id === command.sampleId);
          return await this.dataset.openSample(command.sampleId, sample?.fileName ?? command.sampleId);
        }
        case 'go-to-step':
          this.step = command.step;
          return;
        case 'toggle-theme':
          this.theme.toggle();
          return;
        case 'show-shortcuts':
          this.shortcutsOpen = true;
          return;
        case 'open-project':
          return await this.project.open();
        case 'save-project':
          return await this.project.save();
        case 'export-model':
          this.step = 'predict';
          if (this.results.modelId === null) this.notices.push('info', messages.noModel, messages.noModelHint);
          else await this.results.exportModel('json');
          return;
        case 'undo':
        case 'redo':
          return this.undoOrRedo(command.kind);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Build's "Find a good network": to the Train step, where the search and its budget come into view. */
  findNetwork(): void {
    this.search.invited = true;
    this.step = 'train';
  }

  /** Edit → Undo/Redo: a focused text field keeps its own history; elsewhere it is the Clean step's recipe. */
  private undoOrRedo(kind: 'undo' | 'redo'): void {
    if (document.activeElement?.closest('input, select, textarea')) {
      document.execCommand(kind);
      return;
    }
    this.step = 'clean';
    if (kind === 'undo') this.recipe.undo();
    else this.recipe.redo();
  }

  /** A key press that is one of the app's shortcuts runs its command; returns whether it was one. */
  handleKey(press: KeyPress): boolean {
    const command = commandForKey(press, this.platform.mac);
    if (command) void this.run(command);
    return command !== null;
  }

  /** Files dropped on the window: the first is opened, the rest are named in a notice. */
  drop(files: readonly File[]): void {
    const [first] = files;
    if (!first) {
      this.notices.push('warning', messages.notAFile);
      return;
    }
    if (files.length > 1) this.notices.push('info', messages.manyFilesDropped(first.name, files.length));
    let chosen: ChosenFile;
    try {
      chosen = this.platform.fromFile(first);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.step = 'data';
    void this.dataset.open(chosen);
  }

  fail(error: unknown): void {
    this.notices.push('error', messages.unexpected, error instanceof Error ? `${error.message} ${messages.unexpectedHint}` : messages.unexpectedHint);
  }

  private onEvent(event: AppEvent): void {
    if (event.type === 'command') void this.run(event.command);
    else if (event.type === 'recentFilesChanged') this.library.setRecent(event.files);
    else if (event.type === 'predictProgress') this.results.onEvent(event);
    else if (event.type === 'trainingProgress') this.training.onEvent(event);
    else if (event.type === 'previewProgress') this.recipe.previewer.onEvent(event);
    else if (event.type === 'searchProgress') this.search.onEvent(event);
    else if (event.type === 'crossValidationProgress') this.crossValidation.onEvent(event);
    else if (event.type === 'projectData') this.project.data.onEvent(event);
    else this.dataset.onEvent(event);
  }
}
