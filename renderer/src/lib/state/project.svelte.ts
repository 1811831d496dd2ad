/**
 * Projects in the window: saving the working state (recipe, network, settings, step, models and their
 * thresholds), opening a project or the state a crashed session left (one restore path for both), the data file
 * that must be located or confirmed. Its working state is what autosave reports (`report`, see SessionReport).
 */
import type { OpenedProjectSummary, ProjectData, RecoverySummary } from '../../../../main/api/calls/results-calls.ts';
import type { DatasetSummary, RequestOf } from '../../../../main/api/contract.ts';
import { STEPS, type StepId } from '../../../../main/api/steps.ts';
import type { Recipe } from '../../../../engine/prep/types.ts';
import { messages } from '../messages.ts';
import type { ChosenFile, DatasetSource, Platform } from '../platform/platform.ts';
import { pickFile } from '../results/file-transfer.ts';
import { restoreDesign, restoreSettings } from '../results/project-restore.ts';
import { toTrainingSettings } from '../training/settings.ts';
import { SessionReport, type WorkingState } from './session-report.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { RecipeState } from './recipe.svelte.ts';
import type { ResultsState } from './results.svelte.ts';
import type { TrainingState } from './training.svelte.ts';

/** The project's data file when it needs the user: not found (locate it) or not the same bytes (use it, or locate). */
export interface DataQuestion {
  readonly status: 'missing' | 'changed';
  readonly name: string;
  readonly title: string;
  readonly message: string;
  /** Where the changed file is, when it was found by the project (not located by the user). */
  readonly path: string | null;
}

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
  question = $state.raw<DataQuestion | null>(null);
  /** What is under way: restoring a recovered state, or opening the located data file. */
  busy = $state<'restore' | 'locate' | null>(null);
  /** The project's name once one is opened; otherwise it is named after its data. */
  opened = $state<string | null>(null);
  /** A project's recipe, until its data file is open and the Clean step has taken it. */
  private waitingRecipe: Recipe | null = null;
  /** The project's data file once open: another dataset opened later is not the project's. */
  private projectDatasetId: string | null = null;
  /** A project's data file is not open yet: the window's other dataset (if any) is not the project's. */
  private awaitingData = false;
  private restoring = false;
  /** Recovered states are being looked for at start: a fresh window's empty state must not be reported over them. */
  private listing = false;
  /** Autosave: the working state, reported to main as it changes. */
  readonly report: SessionReport;

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly parts: ProjectParts,
  ) {
    this.report = new SessionReport(platform.api, () => this.working(), () => this.restoring || this.listing);
    // Another file opened in the Data step while the project's was awaited: the work goes on with that one.
    parts.dataset.onOpened((summary) => {
      // This page has its own work now: the previous page's is no longer offered.
      this.recoveries = this.recoveries.filter((r) => !r.live);
      if (summary.datasetId === this.projectDatasetId) return;
      this.waitingRecipe = null;
      this.awaitingData = false;
      this.question = null;
    });
  }

  /** What a saved project is called unless the user names it: the opened project's, the data file's, else the model's source. */
  get name(): string {
    const { dataset, results } = this.parts;
    return this.opened ?? dataset.summary?.name.replace(/\.[^.]+$/, '') ?? results.selected?.sourceName.replace(/\.[^.]+$/, '') ?? 'Layerlab project';
  }

  /** Whether there is anything a project would keep. */
  get hasWork(): boolean {
    return this.parts.dataset.summary !== null || this.parts.results.models.length > 0 || this.question !== null;
  }

  /** The window's working state, as saveProject and updateSession take it. */
  working(name = this.name): WorkingState {
    const { dataset, recipe, training, results } = this.parts;
    const datasetId = this.awaitingData ? undefined : dataset.summary?.datasetId;
    const current = recipe.recipe ?? this.waitingRecipe;
    const thresholds = Object.entries(results.thresholds).map(([modelId, threshold]) => ({ modelId, threshold }));
    return {
      name,
      step: this.parts.step.get(),
      design: { ...training.design, hidden: [...training.design.hidden] },
      settings: toTrainingSettings(training.form, training.task ?? 'binary'),
      ...(datasetId ? { datasetId } : {}),
      ...(results.modelId ? { selectedModelId: results.modelId } : {}),
      ...(current ? { recipe: current } : {}),
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
      const picked = await pickFile(this.platform, 'project');
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
    this.busy = 'restore';
    let opened: OpenedProjectSummary;
    try {
      opened = await this.platform.api.openRecovery({ recoveryId });
    } catch (error) {
      this.notices.push('error', messages.recoveryFailed, messages.recoveryFailedHint(errorText(error)));
      return;
    } finally {
      this.busy = null;
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

  /** The user locates the project's data file (open dialog on the desktop, an upload in a browser). */
  async locate(): Promise<void> {
    const picked = await pickFile(this.platform, 'dataset');
    if (!picked) return;
    await this.openData({ name: picked.name, uploadBytes: picked.uploadBytes, prepare: (onUploaded, signal) => picked.prepare(signal, onUploaded) }, false);
  }

  /** The user takes the changed file anyway: the one the project found, or the one just located. */
  async useChanged(): Promise<void> {
    const question = this.question;
    if (question?.status !== 'changed') return;
    if (question.path) {
      const path = question.path;
      await this.openData({ name: question.name, uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) }, true);
      return;
    }
    this.busy = 'locate';
    try {
      const data = await this.platform.api.openProjectData({ operationId: crypto.randomUUID(), acceptChanged: true });
      if (data.status !== 'opened') return;
      this.parts.dataset.adopt(await this.withMarkers(data), true);
      this.dataOpened(data);
    } catch (error) {
      this.notices.push('error', messages.projectDataFailed, errorText(error));
    } finally {
      this.busy = null;
    }
  }

  /** Continues without the data file: the models stay open for Evaluate and Predict. */
  dismissQuestion(): void {
    this.question = null;
  }

  /** One restore path for an opened project and a recovered state. */
  private async restore(opened: OpenedProjectSummary): Promise<void> {
    const { training, results, step } = this.parts;
    this.restoring = true;
    try {
      this.opened = opened.name;
      this.question = null;
      this.projectDatasetId = null;
      this.waitingRecipe = opened.recipe;
      this.awaitingData = opened.dataset.status !== 'none';
      if (opened.design) restoreDesign(training, opened.design);
      if (opened.settings) restoreSettings(training, opened.settings);
      await results.refresh();
      if (opened.selectedModelId) void results.show(opened.selectedModelId);
      if (isStep(opened.step)) step.set(opened.step);
      const data = opened.dataset;
      if (data.status === 'ok' || data.status === 'moved') {
        if (data.message) this.notices.push('info', data.message);
        const path = data.path;
        await this.openData({ name: data.name, uploadBytes: 0, prepare: async () => ({ kind: 'path', path }) }, false);
      } else if (data.status === 'open') {
        this.projectDatasetId = data.summary.datasetId;
        this.parts.dataset.adopt(data.summary, true);
        this.dataOpened({ status: 'opened', summary: data.summary, markers: data.markers });
      } else if (data.status === 'missing' || data.status === 'changed') {
        const title = data.status === 'changed' ? messages.projectDataChanged(data.name) : messages.projectDataMissing(data.name);
        this.question = { status: data.status, name: data.name, title, message: data.message, path: data.status === 'changed' ? data.path : null };
      } else {
        this.waitingRecipe = null;
      }
    } finally {
      this.restoring = false;
      this.report.check();
    }
  }

  /** Opens the project's data file through DatasetState (progress, cancel); a changed file becomes a question. */
  private async openData(file: ChosenFile, acceptChanged: boolean): Promise<void> {
    this.busy = 'locate';
    let answer: ProjectData | null = null;
    try {
      await this.parts.dataset.open(file, async (operationId, source) => {
        const data = await this.platform.api.openProjectData({ operationId, source: this.fileSource(source), ...(acceptChanged ? { acceptChanged } : {}) });
        answer = data;
        return data.status === 'opened' ? await this.withMarkers(data) : null;
      }, true);
      const data = answer as ProjectData | null;
      if (data?.status === 'changed') this.question = { status: 'changed', name: data.name, title: messages.projectDataChanged(data.name), message: data.message, path: null };
      else if (data) this.dataOpened(data);
      // Not read (DatasetState said why): the user may locate another copy.
      else this.question = { status: 'missing', name: file.name, title: messages.projectDataUnreadTitle(file.name), message: messages.projectDataUnread, path: null };
    } finally {
      this.busy = null;
    }
  }

  /** The dataset with the project's missing markers, set through the Data step's own call (so they can be changed again). */
  private async withMarkers(data: Extract<ProjectData, { status: 'opened' }>): Promise<DatasetSummary> {
    let summary = data.summary;
    for (const [column, markers] of Object.entries(data.markers)) {
      summary = (await this.platform.api.setMissingMarkers({ datasetId: summary.datasetId, column, markers: [...markers] })).summary;
    }
    this.projectDatasetId = summary.datasetId;
    return summary;
  }

  /** The data file is open: its markers show on the Data step's cards, the recipe takes the suggestion's place. */
  private dataOpened(data: Extract<ProjectData, { status: 'opened' }>): void {
    this.question = null;
    this.awaitingData = false;
    const { recipe } = this.parts;
    recipe.markers = data.markers;
    if (this.waitingRecipe) recipe.adopt(this.waitingRecipe);
  }

  private fileSource(source: DatasetSource): RequestOf<'openProjectData'>['source'] {
    if (source.kind === 'sample') throw new Error('A project reads its data file from a path or an upload.');
    return source;
  }
}
