/**
 * Projects in the window: saving the working state (recipe, network, settings, step, models and their
 * thresholds), opening a project or the state a crashed session left (one restore path for both), and its data
 * file (`data`, ProjectDataFile: main's state of it, rendered). Its working state is what autosave reports
 * (`report`, see SessionReport).
 */
import type { OpenedProjectSummary, RecoverySummary } from '../../../../main/api/calls/project-calls.ts';
import { STEPS, type StepId } from '../../../../main/api/steps.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import { restoreDesign, restoreSettings } from '../results/project-restore.ts';
import { toTrainingSettings } from '../training/settings.ts';
import { SessionReport, type WorkingState } from './session-report.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import { ProjectDataFile } from './project-data.svelte.ts';
import type { RecipeState } from './recipe.svelte.ts';
import type { ResultsState } from './results.svelte.ts';
import type { TrainingState } from './training.svelte.ts';

export interface ProjectParts {
  readonly dataset: DatasetState;
  readonly recipe: RecipeState;
  readonly training: TrainingState;
  readonly results: ResultsState;
  /** The step shown (the window's). */
  readonly step: { get(): StepId; set(step: StepId): void };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether this page was loaded by a reload (F5, Ctrl+R): its work is then taken back without asking. */
function pageWasReloaded(): boolean {
  const [navigation] = typeof performance === 'undefined' ? [] : performance.getEntriesByType('navigation');
  return (navigation as PerformanceNavigationTiming | undefined)?.type === 'reload';
}

function isStep(step: string | null): step is StepId {
  return STEPS.some((s) => s.id === step);
}

export class ProjectState {
  /** States a crashed session left, newest first; the window offers the first. */
  recoveries = $state.raw<readonly RecoverySummary[]>([]);
  /** The project's name once one is opened; otherwise it is named after its data. */
  opened = $state<string | null>(null);
  /** A reopened project's data file. */
  readonly data: ProjectDataFile;
  /** Autosave: the working state, reported to main as it changes. */
  readonly report: SessionReport;
  /** A recovered state is being restored. */
  private restoringRecovery = $state(false);
  /** A project is being put back: its half-restored state is not reported. */
  private restoring = false;
  /** Recovered states are being looked for at start: a fresh window's empty state must not be reported over them. */
  private listing = false;
  /**
   * A reloaded page is taking its work back: until it has, the Data step must not offer the sample list, which the
   * dataset coming back would replace under the user's click.
   */
  takingBack = $state(pageWasReloaded());

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly parts: ProjectParts,
  ) {
    this.data = new ProjectDataFile(platform, notices, parts);
    this.report = new SessionReport(platform.api, () => this.working(), () => this.restoring || this.listing);
    // This page has its own work now: the previous page's is no longer offered.
    parts.dataset.onOpened(() => {
      this.recoveries = this.recoveries.filter((r) => !r.live);
    });
  }

  /** What is under way: restoring a recovered state, or reading the project's data file. */
  get busy(): 'restore' | 'locate' | null {
    return this.restoringRecovery ? 'restore' : this.data.busy ? 'locate' : null;
  }

  /** What a saved project is called unless the user names it: the opened project's, the data file's, else the model's source. */
  get name(): string {
    const { dataset, results } = this.parts;
    return this.opened ?? dataset.summary?.name.replace(/\.[^.]+$/, '') ?? results.selected?.sourceName.replace(/\.[^.]+$/, '') ?? 'Layerlab project';
  }

  /** Whether there is anything a project would keep. */
  get hasWork(): boolean {
    return this.parts.dataset.summary !== null || this.parts.results.models.length > 0 || this.data.state.status !== 'idle';
  }

  /** The window's working state, as saveProject and updateSession take it (main keeps an awaited data file's own). */
  working(name = this.name): WorkingState {
    const { dataset, recipe, training, results } = this.parts;
    const datasetId = dataset.summary?.datasetId;
    const thresholds = Object.entries(results.thresholds).map(([modelId, threshold]) => ({ modelId, threshold }));
    return {
      name,
      step: this.parts.step.get(),
      design: { ...training.design, hidden: [...training.design.hidden] },
      settings: toTrainingSettings(training.form, training.task ?? 'binary'),
      ...(datasetId ? { datasetId } : {}),
      ...(results.modelId ? { selectedModelId: results.modelId } : {}),
      ...(recipe.recipe ? { recipe: recipe.recipe } : {}),
      ...(thresholds.length ? { thresholds } : {}),
    };
  }

  async save(name = this.name): Promise<void> {
    if (!this.hasWork) {
      this.notices.push('info', messages.nothingToSave, messages.nothingToSaveHint);
      return;
    }
    const file = `${name.replace(/[^A-Za-z0-9_. -]+/g, '-').trim() || 'project'}.layerlab`;
    const working = this.working(name);
    await this.parts.results.saver.save('project', 'project', file, (destination) => this.platform.api.saveProject({ destination, ...working }));
  }

  /** Picks a .layerlab file and puts everything back. */
  async open(): Promise<void> {
    let opened: OpenedProjectSummary;
    try {
      const picked = await this.platform.pickFile('project');
      if (!picked) return;
      opened = await this.platform.api.openProject({ source: await picked.prepare(new AbortController().signal) });
    } catch (error) {
      this.notices.push('error', messages.projectOpenFailed, errorText(error));
      return;
    }
    this.notices.push('success', messages.projectOpened(opened.name, opened.models.length));
    await this.restore(opened);
  }

  /**
   * At start: states a crashed session left are offered, and so is the work this running app's page had before it
   * was closed; after a reload (F5) that work is taken back at once. Both restore the way a project opens.
   */
  async loadRecoveries(reloaded = pageWasReloaded()): Promise<void> {
    this.listing = true;
    try {
      const found = await this.platform.api.listRecoveries();
      const live = found.find((r) => r.live);
      const resume = live && reloaded && !this.hasWork;
      this.recoveries = resume ? found.filter((r) => !r.live) : found;
      if (resume) await this.resume(live.recoveryId);
    } catch (error) {
      this.notices.push('warning', messages.recoveryListFailed, errorText(error));
    } finally {
      this.listing = false;
      this.takingBack = false;
      this.report.check();
    }
  }

  private async resume(recoveryId: string): Promise<void> {
    let opened: OpenedProjectSummary;
    try {
      opened = await this.platform.api.openRecovery({ recoveryId });
    } catch (error) {
      this.notices.push('error', messages.recoveryFailed, errorText(error));
      return;
    }
    this.notices.push('info', messages.sessionResumed(opened.name));
    await this.restore(opened);
  }

  /** Restores a recovered state exactly as a project is opened; it stays on offer if that fails. */
  async restoreRecovery(recoveryId: string): Promise<void> {
    this.restoringRecovery = true;
    let opened: OpenedProjectSummary;
    try {
      opened = await this.platform.api.openRecovery({ recoveryId });
    } catch (error) {
      this.notices.push('error', messages.recoveryFailed, messages.recoveryFailedHint(errorText(error)));
      return;
    } finally {
      this.restoringRecovery = false;
    }
    const live = this.recoveries.find((r) => r.recoveryId === recoveryId)?.live === true;
    this.recoveries = this.recoveries.filter((r) => r.recoveryId !== recoveryId);
    this.notices.push('success', live ? messages.sessionResumed(opened.name) : messages.recoveryRestored(opened.name));
    await this.restore(opened);
  }

  async discardRecovery(recoveryId: string): Promise<void> {
    this.recoveries = this.recoveries.filter((r) => r.recoveryId !== recoveryId);
    try {
      await this.platform.api.discardRecovery({ recoveryId });
    } catch (error) {
      this.notices.push('error', messages.unexpected, errorText(error));
    }
  }

  /** One restore path for an opened project and a recovered state; main now awaits its data file, if it has one. */
  private async restore(opened: OpenedProjectSummary): Promise<void> {
    const { training, results, step } = this.parts;
    this.restoring = true;
    try {
      this.opened = opened.name;
      // The saved step first, before anything is awaited: a step the user picks meanwhile is not taken back.
      if (isStep(opened.step)) step.set(opened.step);
      if (opened.design) restoreDesign(training, opened.design);
      if (opened.settings) restoreSettings(training, opened.settings);
      await results.refresh();
      if (opened.selectedModelId) void results.show(opened.selectedModelId);
      const data = opened.dataset;
      if (data.status === 'ok' || data.status === 'moved') {
        if (data.message) this.notices.push('info', data.message);
        await this.data.openFound(data.name, data.path);
      } else if (data.status === 'changed' && data.path) {
        // Read first; main then holds it and asks whether to take it.
        await this.data.openFound(data.name, data.path);
      } else if (data.status === 'open') {
        // A reloaded page: main still holds the dataset, taken back as it is.
        this.data.adoptOpen(data.summary, data.markers, opened.recipe);
      }
    } finally {
      this.restoring = false;
      this.report.check();
    }
  }
}
