/**
 * A reopened project's data file in the window. Main keeps where it stands (ProjectDataState: awaited, found or
 * to be located, or read with other bytes and waiting for the user's word) and pushes it as `projectData`; this
 * class renders that state as the question the banner asks, and answers with main's plain calls, reading the
 * file through DatasetState (progress, cancel, notices).
 */
import type { ProjectData, ProjectDataState } from '../../../../main/api/calls/project-calls.ts';
import type { AppEvent, DatasetSummary } from '../../../../main/api/contract.ts';
import type { Recipe } from '../../../../engine/prep/types.ts';
import { messages } from '../messages.ts';
import { fileAt, type ChosenFile, type Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { RecipeState } from './recipe.svelte.ts';

/** What the banner asks: locate a file not found (or not readable), or take a file with other bytes. */
export interface DataQuestion {
  readonly status: 'missing' | 'changed';
  readonly name: string;
  readonly title: string;
  readonly message: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function questionOf(state: ProjectDataState): DataQuestion | null {
  switch (state.status) {
    case 'idle':
      return null;
    case 'confirm-changed':
      return { status: 'changed', name: state.name, title: messages.projectDataChanged(state.name), message: state.message };
    case 'awaiting-data':
      // A file found is being opened: nothing to ask yet.
      if (state.found !== null) return null;
      if (state.unreadable !== null) return { status: 'missing', name: state.unreadable, title: messages.projectDataUnreadTitle(state.unreadable), message: messages.projectDataUnread };
      return { status: 'missing', name: state.name, title: messages.projectDataMissing(state.name), message: state.message ?? '' };
  }
}

export class ProjectDataFile {
  /** Where the project's data file stands, as main says. */
  state = $state.raw<ProjectDataState>({ status: 'idle' });
  /** A data file is being read or taken. */
  busy = $state(false);
  /** The user went on without the data file: nothing is asked until main's state changes. */
  private dismissed = $state(false);
  readonly question = $derived(this.dismissed ? null : questionOf(this.state));

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly parts: { readonly dataset: DatasetState; readonly recipe: RecipeState },
  ) {}

  /** Main's state as it is now (a window that starts, or reloads). */
  async load(): Promise<void> {
    try {
      this.show(await this.platform.api.projectData());
    } catch (error) {
      this.notices.push('error', messages.projectDataFailed, errorText(error));
    }
  }

  onEvent(event: AppEvent): void {
    if (event.type === 'projectData') this.show(event.state);
  }

  /** Opens the data file where the project found it. */
  openFound(name: string, path: string): Promise<void> {
    return this.read({ ...fileAt(path), name });
  }

  /** The user locates the data file (open dialog on the desktop, an upload in a browser). */
  async locate(): Promise<void> {
    const picked = await this.platform.pickFile('dataset');
    if (picked) await this.read(picked);
  }

  /** The user takes the file whose bytes differ from the project's (main holds it, already read). */
  async useChanged(): Promise<void> {
    this.busy = true;
    try {
      const data = await this.platform.api.acceptChangedData();
      if (data.status !== 'opened') return;
      this.parts.dataset.adopt(await this.withMarkers(data), true);
      this.opened(data);
    } catch (error) {
      this.notices.push('error', messages.projectDataFailed, errorText(error));
    } finally {
      this.busy = false;
    }
  }

  /** A reloaded page's dataset, which main still holds: shown again with its markers and the recipe it had. */
  adoptOpen(summary: DatasetSummary, markers: Readonly<Record<string, readonly string[]>>, recipe: Recipe | null): void {
    this.parts.dataset.adopt(summary, true);
    this.opened({ status: 'opened', summary, markers, recipe });
  }

  /** Continues without the data file: the models stay open for Evaluate and Predict. */
  dismiss(): void {
    this.dismissed = true;
  }

  private show(state: ProjectDataState): void {
    this.state = state;
    this.dismissed = false;
  }

  /** Reads `file` as the project's data file through DatasetState; a file that is not the project's stays held in main. */
  private async read(file: ChosenFile): Promise<void> {
    this.busy = true;
    let answer: ProjectData | null = null;
    try {
      await this.parts.dataset.open(file, async (operationId, source) => {
        answer = await this.platform.api.locateProjectData({ operationId, source });
        return answer.status === 'opened' ? await this.withMarkers(answer) : null;
      }, true);
      const data = answer as ProjectData | null;
      if (data?.status === 'opened') this.opened(data);
    } finally {
      this.busy = false;
    }
  }

  /** The dataset with the project's missing markers, set through the Data step's own call (so they can be changed again). */
  private async withMarkers(data: Extract<ProjectData, { status: 'opened' }>): Promise<DatasetSummary> {
    let summary = data.summary;
    for (const [column, markers] of Object.entries(data.markers)) {
      summary = (await this.platform.api.setMissingMarkers({ datasetId: summary.datasetId, column, markers: [...markers] })).summary;
    }
    return summary;
  }

  /** The data file is open: its markers show on the Data step's cards, the project's recipe takes the suggestion's place. */
  private opened(data: Extract<ProjectData, { status: 'opened' }>): void {
    const { recipe } = this.parts;
    recipe.columns.markers = data.markers;
    if (data.recipe) recipe.adopt(data.recipe);
  }
}
