/** What the Evaluate and Predict & export calls (main/api/calls/results-calls.ts) do, in terms of the services. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isUserFacingError, UserFacingError } from '../../../engine/errors.ts';
import { loadModel, type LoadedModel } from '../../../engine/model/load-model.ts';
import type { ModelFile } from '../../../engine/model/model-file.ts';
import type { ModelPredictions } from '../../../engine/model/predict.ts';
import type { SplitEvaluation } from '../../../engine/pipeline/train-job.ts';
import type { Table } from '../../../engine/table/table.ts';
import { saveKerasScript } from '../../export/keras-script.ts';
import { saveOnnxModel } from '../../export/onnx/export-onnx.ts';
import { readModelFile, saveModelFile } from '../../export/model-io.ts';
import { savePredictionsCsv } from '../../export/predictions-csv.ts';
import { exportTfjsFolder } from '../../export/tfjs-folder.ts';
import { appIdentity } from '../../export/app-identity.ts';
import type { LoadedTable } from '../../io/load-table.ts';
import type { ProjectFile } from '../../project/project-file.ts';
import { checkDataset, openProject, saveProject, type DatasetCheck } from '../../project/project-store.ts';
import { cellRows, evaluate, heldOutFromTable, type HeldOut } from '../../results/evaluation.ts';
import { describePredictions, predictInChunks, predictOne } from '../../results/predictions.ts';
import { datasetStatus, editsOf, projectFromSession, referenceTo, viewOf, type WorkingState } from '../../results/project.ts';
import { details, summarize } from '../../results/model-summary.ts';
import type { DatasetOrigin } from '../../services/dataset-store.ts';
import type { TrainedModel } from '../../services/model-registry.ts';
import type { EvaluationSplit, FileDestination, FileSource, OpenedProjectSummary, ProjectData, SavedFile } from '../calls/results-calls.ts';
import type { resultsCalls } from '../calls/results-calls.ts';
import type { RequestOf } from '../contract.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

/** Predicted files kept in main until saved; older ones are let go. */
const KEEP_PREDICTIONS = 3;

interface KeptPredictions {
  readonly name: string;
  readonly table: Table;
  readonly model: LoadedModel;
  readonly predictions: ModelPredictions;
}

export function createResultsHandlers(services: Services): AreaHandlers<typeof resultsCalls> {
  const { models, datasets, events, operations } = services;
  const loadedModels = new Map<string, { file: ModelFile; loaded: LoadedModel }>();
  /** By table (a column's type change makes a new one) and model. */
  const recomputed = new WeakMap<Table, Map<string, HeldOut>>();
  const kept = new Map<string, KeptPredictions>();
  let predictionCount = 0;

  function modelOf(modelId: string): { entry: TrainedModel; loaded: LoadedModel } {
    const entry = models.get(modelId);
    let cached = loadedModels.get(modelId);
    if (!cached || cached.file !== entry.model) {
      cached = { file: entry.model, loaded: loadModel(entry.model) };
      loadedModels.set(modelId, cached);
    }
    return { entry, loaded: cached.loaded };
  }

  /** The held-out rows' predictions and the table they index, when main has them or can compute them. */
  function heldOutOf(entry: TrainedModel, loaded: LoadedModel, split: EvaluationSplit, datasetId: string | undefined) {
    const notes: string[] = [];
    if (entry.result) {
      const table = entry.datasetId ? tableOrNull(entry.datasetId) : null;
      return { evaluation: entry.result[split], basis: 'session' as const, table, notes };
    }
    const dataset = datasetId ? datasetOrNull(datasetId) : null;
    if (dataset) {
      if (dataset.summary.sha256 === loaded.file.provenance.source.sha256) {
        const byModel = recomputed.get(dataset.table) ?? new Map<string, HeldOut>();
        recomputed.set(dataset.table, byModel);
        let heldOut = byModel.get(entry.modelId);
        if (!heldOut) {
          try {
            heldOut = heldOutFromTable(loaded, dataset.table);
          } catch (error) {
            if (!isUserFacingError(error)) throw error;
            notes.push(`The held-out rows could not be prepared again from ${dataset.summary.name} (${error.message}) — was a column's type changed since training?`);
            return { evaluation: null, basis: null, table: null, notes };
          }
          byModel.set(entry.modelId, heldOut);
        }
        return { evaluation: heldOut[split], basis: 'dataset' as const, table: dataset.table, notes };
      }
      notes.push(`The open dataset (${dataset.summary.name}) is not the file this model was trained on (${loaded.file.provenance.source.name}), so its held-out rows cannot be found in it.`);
    }
    return { evaluation: null, basis: null, table: null, notes };
  }

  /** An open dataset, or null once Layerlab has let it go (it keeps the few most recent). */
  function datasetOrNull(datasetId: string) {
    try {
      return datasets.get(datasetId);
    } catch (error) {
      if (isUserFacingError(error)) return null;
      throw error;
    }
  }

  function tableOrNull(datasetId: string): Table | null {
    return datasetOrNull(datasetId)?.table ?? null;
  }

  /** The table the model was trained on, when it is open: the run's own, or the open dataset with the same bytes. */
  function trainingTable(entry: TrainedModel, loaded: LoadedModel, datasetId: string | undefined): Table | null {
    if (entry.datasetId) return tableOrNull(entry.datasetId);
    const dataset = datasetId ? datasetOrNull(datasetId) : null;
    return dataset?.summary.sha256 === loaded.file.provenance.source.sha256 ? dataset.table : null;
  }

  function thresholdFor(loaded: LoadedModel, requested: number | undefined): number {
    return requested ?? loaded.threshold;
  }

  function pathOf(source: FileSource): { path: string; name: string; uploadId: string | null } {
    if (source.kind === 'path') return { path: source.path, name: basename(source.path), uploadId: null };
    if (!services.uploads) throw new UserFacingError('unknown-upload', 'Uploaded files are only accepted by the browser version; open the file from disk instead.');
    const upload = services.uploads.get(source.uploadId);
    return { path: upload.path, name: upload.name, uploadId: source.uploadId };
  }

  async function withSource<T>(source: FileSource, work: (path: string, name: string) => Promise<T>): Promise<T> {
    const resolved = pathOf(source);
    try {
      return await work(resolved.path, resolved.name);
    } finally {
      if (resolved.uploadId) await services.uploads?.discard(resolved.uploadId);
    }
  }

  async function described(path: string, name: string, downloadId: string | null): Promise<SavedFile> {
    const info = await stat(path);
    return { name, path: downloadId ? null : path, downloadId, bytes: info.size };
  }

  /** Writes one file to the chosen path, or into the download folder under `name`. */
  async function saveOne(destination: FileDestination, name: string, write: (path: string) => Promise<void>): Promise<{ files: SavedFile[] }> {
    if (destination.kind === 'path') {
      await write(destination.path);
      return { files: [await described(destination.path, basename(destination.path), null)] };
    }
    const download = await downloadsOrFail().reserve(name);
    await write(download.path);
    return { files: [await described(download.path, download.name, download.downloadId)] };
  }

  function downloadsOrFail() {
    if (!services.downloads) throw new UserFacingError('unavailable', 'Downloads are only offered by the browser version; choose where to save the file instead.');
    return services.downloads;
  }

  function withThreshold(loaded: LoadedModel, file: ModelFile, threshold: number | undefined): ModelFile {
    if (threshold === undefined || loaded.recipe.target.task !== 'binary') return file;
    return { ...file, decision: { threshold } };
  }

  function baseName(entry: TrainedModel, loaded: LoadedModel): string {
    const source = loaded.file.provenance.source.name.replace(/\.[^.]+$/, '');
    return `${source}-${entry.modelId}`.replace(/[^A-Za-z0-9_.-]+/g, '-');
  }

  /** The project the window's working state makes: its models, its data file (or the one still awaited), its choices. */
  function workingProject({ name, datasetId, selectedModelId, step, ...rest }: RequestOf<'updateSession'>): ProjectFile {
    const open = models.list().map((entry) => modelOf(entry.modelId));
    const dataset = datasetId ? referenceTo(datasets.get(datasetId)) : (services.project.waiting?.reference ?? null);
    const working: WorkingState = { ...rest, selectedModelId: selectedModelId ?? null, step: step ?? null };
    return projectFromSession(name, open, dataset, working);
  }

  /** A project's models join the open ones; its data file waits to be opened (from where it was found, or located). */
  function reopen(project: ProjectFile, check: DatasetCheck, path: string | null): OpenedProjectSummary {
    const view = viewOf(project);
    const ids = new Map<string, string>();
    const summaries = project.runs.flatMap((run) => {
      if (!run.model) return [];
      const entry = models.add({ modelId: models.nextFileId(), label: run.label, datasetId: null, model: run.model, result: null, path: null });
      ids.set(run.id, entry.modelId);
      return [summarize(entry, modelOf(entry.modelId).loaded)];
    });
    const found = check.status === 'ok' || check.status === 'moved' || check.status === 'changed' ? check.path : null;
    services.project.opened(path, project.dataset ? { reference: project.dataset, path: found } : null);
    return {
      name: project.name,
      path,
      models: summaries,
      selectedModelId: (view.selectedModelId && ids.get(view.selectedModelId)) ?? summaries[summaries.length - 1]?.modelId ?? null,
      step: view.step,
      recipe: project.recipe,
      design: project.design,
      settings: project.settings,
      dataset: datasetStatus(project, check),
    };
  }

  /** Reads the awaited data file the way the project read it; a file with other bytes waits for the user's word. */
  async function openProjectData(operationId: string, source: FileSource | undefined, acceptChanged: boolean, signal: AbortSignal): Promise<ProjectData> {
    const session = services.project;
    const waiting = session.waiting;
    if (!waiting) throw new UserFacingError('no-project-data', 'No project is waiting for its data file. Open a project first, or open a data file in the Data step.');
    const edits = editsOf(waiting.reference);
    const opened = (loaded: LoadedTable, origin: DatasetOrigin, name: string): ProjectData => {
      const summary = datasets.add(loaded, origin, name, { ...edits, columnMissingMarkers: {} });
      session.waiting = null;
      session.held = null;
      return { status: 'opened', summary, markers: edits.columnMissingMarkers };
    };
    if (!source) {
      if (acceptChanged && session.held) return opened(session.held.loaded, session.held.origin, session.held.name);
      if (!waiting.path) throw new UserFacingError('data-not-found', `The data file ${waiting.reference.name} was not found. Locate it to go on.`);
      source = { kind: 'path', path: waiting.path };
    }
    const origin: DatasetOrigin = source.kind === 'upload' ? 'upload' : 'path';
    return withSource(source, async (path, name) => {
      try {
        const loaded = await services.loadTable(path, {
          signal,
          onProgress: (progress) => events.publish({ type: 'loadProgress', operationId, ...progress }),
          ...(waiting.reference.sheet ? { sheet: waiting.reference.sheet } : {}),
          ...(Object.keys(edits.columnTypes).length ? { columnTypes: edits.columnTypes } : {}),
          ...(edits.missingMarkers ? { missingMarkers: edits.missingMarkers } : {}),
          ...(edits.zeroMeansMissing ? { zeroMeansMissing: edits.zeroMeansMissing } : {}),
        });
        if (loaded.source.sha256 === waiting.reference.sha256 || acceptChanged) return opened(loaded, origin, name);
        session.held = { loaded, origin, name };
        return {
          status: 'changed',
          name,
          message: `Its SHA-256 differs from the file ${waiting.reference.name} the project was saved with: rows may have been added, removed or edited. Use it anyway (the saved models stay as they are; new runs train on it), or locate the original.`,
        };
      } finally {
        events.flush(operationId);
      }
    });
  }

  return {
    listModels: async () => models.list().map((entry) => summarize(entry, modelOf(entry.modelId).loaded)),
    modelDetails: async ({ modelId, datasetId }) => {
      const { entry, loaded } = modelOf(modelId);
      return details(entry, loaded, trainingTable(entry, loaded, datasetId));
    },
    evaluation: async ({ modelId, split, threshold, datasetId }) => {
      const { entry, loaded } = modelOf(modelId);
      const heldOut = heldOutOf(entry, loaded, split, datasetId);
      return evaluate(modelId, loaded, split, heldOut.basis ? { evaluation: heldOut.evaluation, basis: heldOut.basis } : null, thresholdFor(loaded, threshold), heldOut.notes);
    },
    evaluationRows: async ({ modelId, split, threshold, datasetId, actual, predicted, start, count }) => {
      const { entry, loaded } = modelOf(modelId);
      const classes = loaded.recipe.target.classLabels?.length ?? 0;
      if (classes === 0) throw new UserFacingError('not-classification', 'This model predicts numbers: it has no confusion matrix to list rows from.');
      if (actual >= classes || predicted >= classes) throw new UserFacingError('no-such-cell', `The confusion matrix has ${classes} classes; there is no cell (${actual}, ${predicted}).`);
      const heldOut = heldOutOf(entry, loaded, split, datasetId);
      const evaluation: SplitEvaluation | null = heldOut.evaluation;
      if (!evaluation || !heldOut.table) {
        throw new UserFacingError(
          'rows-unavailable',
          `The rows behind this cell are not available: ${heldOut.notes[0] ?? `open the data this model was trained on (${loaded.file.provenance.source.name}) in the Data step, then come back.`}`,
        );
      }
      return cellRows(loaded, evaluation, heldOut.table, { threshold: thresholdFor(loaded, threshold), actual, predicted, start, count });
    },
    predictOne: async ({ modelId, values, threshold }) => {
      const { loaded } = modelOf(modelId);
      return predictOne(loaded, values, thresholdFor(loaded, threshold));
    },
    predictFile: ({ operationId, modelId, source, threshold }) =>
      operations.run(operationId, (signal) =>
        withSource(source, async (path, name) => {
          const { loaded } = modelOf(modelId);
          try {
            const file = await services.loadTable(path, {
              signal,
              onProgress: (p) => events.publish({ type: 'predictProgress', operationId, phase: 'read', done: p.bytes, total: p.totalBytes }),
            });
            const table = file.table;
            const predictions = await predictInChunks(loaded, table, thresholdFor(loaded, threshold), signal, (done) =>
              events.publish({ type: 'predictProgress', operationId, phase: 'predict', done, total: table.rowCount }),
            );
            const predictionId = `predictions-${++predictionCount}`;
            kept.set(predictionId, { name, table, model: loaded, predictions });
            while (kept.size > KEEP_PREDICTIONS) kept.delete(kept.keys().next().value!);
            return describePredictions(predictionId, name, loaded, table, predictions);
          } finally {
            events.flush(operationId);
          }
        }),
      ),
    savePredictions: async ({ predictionId, destination }) => {
      const result = kept.get(predictionId);
      if (!result) throw new UserFacingError('predictions-gone', 'Those predictions are no longer kept (Layerlab keeps the last three files). Predict the file again, then save.');
      const name = `${result.name.replace(/\.[^.]+$/, '')}-predictions.csv`;
      return saveOne(destination, name, (path) => savePredictionsCsv(path, result.table, result.model, result.predictions));
    },
    exportModel: async ({ modelId, format, destination, threshold }) => {
      const { entry, loaded } = modelOf(modelId);
      const file = withThreshold(loaded, entry.model, threshold);
      const base = baseName(entry, loaded);
      if (format === 'json') return saveOne(destination, `${base}.json`, (path) => saveModelFile(path, file));
      if (format === 'keras') return saveOne(destination, `${base}-keras.py`, (path) => saveKerasScript(path, file));
      if (format === 'onnx') return saveOne(destination, `${base}.onnx`, async (path) => void (await saveOnnxModel(path, loaded, { threshold: file.decision?.threshold })));
      const dir = destination.kind === 'path' ? destination.path : await downloadsOrFail().folder();
      const written = await exportTfjsFolder(file, dir);
      const files = [written.modelPath, written.weightsPath];
      if (destination.kind === 'path') return { files: await Promise.all(files.map((path) => described(path, basename(path), null))) };
      return { files: await Promise.all(files.map((path) => downloadsOrFail().add(path)).map((d) => described(d.path, d.name, d.downloadId))) };
    },
    openModelFile: async ({ source }) =>
      withSource(source, async (path, name) => {
        const loaded = await readModelFile(path);
        const entry = models.add({ modelId: models.nextFileId(), label: name, datasetId: null, model: loaded.file, result: null, path: source.kind === 'path' ? path : null });
        loadedModels.set(entry.modelId, { file: entry.model, loaded });
        return summarize(entry, loaded);
      }),
    saveProject: async ({ destination, ...working }) => {
      const project = workingProject(working);
      const app = await appIdentity();
      const fileName = `${working.name.replace(/[^A-Za-z0-9_. -]+/g, '-').trim() || 'project'}.layerlab`;
      const saved = await saveOne(destination, fileName, async (path) => void (await saveProject(path, project, app)));
      await services.project.saved(destination.kind === 'path' ? destination.path : null);
      return saved;
    },
    openProject: async ({ source }) =>
      withSource(source, async (path) => {
        const opened = await openProject(path);
        return reopen(opened.project, opened.dataset, source.kind === 'path' ? path : null);
      }),
    openProjectData: ({ operationId, source, acceptChanged }) => operations.run(operationId, (signal) => openProjectData(operationId, source, acceptChanged === true, signal)),
    updateSession: async (working) => {
      services.project.report(workingProject(working));
      return { kept: true };
    },
    listRecoveries: async () =>
      (await services.project.list()).map((entry) => ({
        recoveryId: entry.id,
        name: entry.project.name,
        savedAt: entry.savedAt,
        datasetName: entry.project.dataset?.name ?? null,
        models: entry.project.runs.filter((run) => run.model).length,
        projectPath: entry.projectPath,
      })),
    openRecovery: async ({ recoveryId }) => {
      const entry = await services.project.find(recoveryId);
      const check = await checkDataset(entry.project, entry.projectPath ?? entry.project.dataset?.path ?? '');
      const project = check.status === 'moved' ? { ...entry.project, dataset: { ...entry.project.dataset!, path: check.path } } : entry.project;
      const summary = reopen(project, check, entry.projectPath);
      await services.project.adopt(entry);
      return summary;
    },
    discardRecovery: async ({ recoveryId }) => {
      const entry = await services.project.find(recoveryId).catch(() => null);
      if (entry) await services.project.forget(entry);
      return { discarded: entry !== null };
    },
  };
}
