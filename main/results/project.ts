/**
 * The session as a project and back: the open models become the project's runs (each a complete model file),
 * the selected model gives the recipe, design and settings, and the dataset is referenced by path and SHA-256.
 * Opening a project puts its models back among the open ones under fresh ids.
 */
import type { LoadedModel } from '../../engine/model/load-model.ts';
import type { LoadedTable } from '../io/load-table.ts';
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectFile } from '../project/project-file.ts';
import { datasetReference, type OpenedProject } from '../project/project-store.ts';
import type { OpenedProjectSummary } from '../api/calls/results-calls.ts';
import type { TrainedModel } from '../services/model-registry.ts';

export interface ProjectView {
  readonly selectedModelId: string | null;
  readonly step: string | null;
}

export function projectFromSession(name: string, models: readonly { entry: TrainedModel; loaded: LoadedModel }[], dataset: LoadedTable | null, view: ProjectView): ProjectFile {
  const selected = models.find((m) => m.entry.modelId === view.selectedModelId) ?? models[models.length - 1] ?? null;
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name,
    dataset: dataset ? datasetReference(dataset.source) : null,
    recipe: selected?.loaded.recipe.recipe ?? null,
    design: selected?.entry.model.training.design ?? null,
    settings: selected?.entry.model.training.settings ?? null,
    runs: models.map(({ entry }) => ({ id: entry.modelId, label: entry.label, startedAt: entry.model.provenance.created, status: 'completed', model: entry.model, error: null })),
    view: { selectedModelId: selected?.entry.modelId ?? null, step: view.step },
    saved: null,
  };
}

/** What the window needs to know about an opened project's data file. */
export function datasetStatus(opened: OpenedProject): OpenedProjectSummary['dataset'] {
  const check = opened.dataset;
  const name = opened.project.dataset?.name ?? '';
  switch (check.status) {
    case 'none':
      return { status: 'none' };
    case 'ok':
      return { status: 'ok', path: check.path, name, message: null };
    case 'moved':
      return { status: 'moved', path: check.path, name, message: check.message };
    case 'missing':
      return { status: 'missing', path: null, name, message: check.message };
    case 'changed':
      return { status: 'changed', path: check.path, name, message: check.message };
  }
}

export function viewOf(project: ProjectFile): ProjectView {
  const view = project.view as { selectedModelId?: unknown; step?: unknown };
  return { selectedModelId: typeof view.selectedModelId === 'string' ? view.selectedModelId : null, step: typeof view.step === 'string' ? view.step : null };
}
