/**
 * The session as a project and back. The window's working state (recipe, network design, training settings,
 * step, selected model, thresholds) goes in as the window has it; the open models become the project's runs
 * (each a complete model file, with the decision threshold the user chose); the dataset is referenced by path,
 * SHA-256 and how it was read. Opening a project puts its models back among the open ones under fresh ids.
 */
import type { LoadedModel } from '../../engine/model/load-model.ts';
import { withDecisionThreshold } from '../../engine/model/model-file.ts';
import type { NetworkDesign, TrainingSettings } from '../../engine/pipeline/training-settings.ts';
import type { Recipe } from '../../engine/prep/types.ts';
import type { LoadedTable } from '../io/load-table.ts';
import { PROJECT_FORMAT, PROJECT_VERSION, type DatasetReadOptions, type DatasetReference, type ProjectFile } from '../project/project-file.ts';
import { datasetReference, type DatasetCheck } from '../project/project-store.ts';
import type { OpenedProjectSummary } from '../api/calls/project-calls.ts';
import type { DatasetOrigin, ReadEdits } from '../services/dataset-store.ts';
import type { TrainedModel } from '../services/model-registry.ts';

export interface ProjectView {
  readonly selectedModelId: string | null;
  readonly step: string | null;
}

/** What the window is working on; anything left out falls back to the selected model's. */
export interface WorkingState extends ProjectView {
  readonly recipe?: Recipe;
  readonly design?: NetworkDesign;
  readonly settings?: TrainingSettings;
  /** Decision thresholds the user chose (binary models), by model id. */
  readonly thresholds?: readonly { readonly modelId: string; readonly threshold: number }[];
}

/** An open dataset, as the DatasetStore holds it. */
export interface OpenDataset {
  readonly loaded: LoadedTable;
  readonly summary: { readonly name: string; readonly origin: DatasetOrigin };
  readonly edits: ReadEdits;
}

/** The loader's options and the user's changes, leaving out what is empty. */
function readOptions(edits: ReadEdits): DatasetReadOptions {
  const some = <T extends object>(value: T | undefined) => value !== undefined && Object.keys(value).length > 0;
  return {
    ...(some(edits.missingMarkers) ? { missingMarkers: edits.missingMarkers } : {}),
    ...(some(edits.zeroMeansMissing) ? { zeroMeansMissing: edits.zeroMeansMissing } : {}),
    ...(some(edits.columnTypes) ? { columnTypes: edits.columnTypes } : {}),
    ...(some(edits.columnMissingMarkers) ? { columnMissingMarkers: edits.columnMissingMarkers } : {}),
  };
}

/** The reference a project keeps to an open dataset; a file a browser uploaded has only its name. */
export function referenceTo(dataset: OpenDataset): DatasetReference {
  const reference = datasetReference(dataset.loaded.source, readOptions(dataset.edits));
  return dataset.summary.origin === 'upload' ? { ...reference, path: dataset.summary.name, name: dataset.summary.name } : { ...reference, name: dataset.summary.name };
}

/** The loader options a reference asks for (read again the way the project last read it). */
export function editsOf(reference: DatasetReference): ReadEdits {
  const { columnTypes = {}, columnMissingMarkers = {}, missingMarkers, zeroMeansMissing } = reference.options;
  return { columnTypes, columnMissingMarkers, ...(missingMarkers ? { missingMarkers } : {}), ...(zeroMeansMissing ? { zeroMeansMissing } : {}) };
}

export function projectFromSession(name: string, models: readonly { entry: TrainedModel; loaded: LoadedModel }[], dataset: DatasetReference | null, working: WorkingState): ProjectFile {
  const selected = models.find((m) => m.entry.modelId === working.selectedModelId) ?? models[models.length - 1] ?? null;
  const thresholds = new Map((working.thresholds ?? []).map((t) => [t.modelId, t.threshold]));
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name,
    dataset,
    recipe: working.recipe ?? selected?.loaded.recipe.recipe ?? null,
    design: working.design ?? selected?.entry.model.training.design ?? null,
    settings: working.settings ?? selected?.entry.model.training.settings ?? null,
    runs: models.map(({ entry }) => ({
      id: entry.modelId,
      label: entry.label,
      startedAt: entry.model.provenance.created,
      status: 'completed',
      model: withDecisionThreshold(entry.model, thresholds.get(entry.modelId)),
      error: null,
    })),
    view: { selectedModelId: selected?.entry.modelId ?? null, step: working.step },
    saved: null,
  };
}

/** What the window needs to know about an opened project's data file. */
export function datasetStatus(project: ProjectFile, check: DatasetCheck): OpenedProjectSummary['dataset'] {
  const name = project.dataset?.name ?? '';
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
