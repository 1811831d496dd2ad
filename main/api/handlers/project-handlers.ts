/**
 * What the project calls (main/api/calls/project-calls.ts) do: the window's working state saved as a project and
 * autosaved, a project or a recovered state opened (its models join the open ones), and its data file read the
 * way the project read it, through the states ProjectSession keeps.
 */
import { checkDataset, openProject, saveProject, type DatasetCheck } from '../../project/project-store.ts';
import type { ProjectFile } from '../../project/project-file.ts';
import type { HeldData } from '../../project/session.ts';
import { appIdentity } from '../../export/app-identity.ts';
import type { LoadedTable } from '../../io/load-table.ts';
import { summarize } from '../../results/model-summary.ts';
import { datasetStatus, editsOf, projectFromSession, referenceTo, viewOf, type WorkingState } from '../../results/project.ts';
import type { OpenedProjectSummary, ProjectData, projectCalls } from '../calls/project-calls.ts';
import type { RequestOf } from '../contract.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { saveOne, withSource } from './files.ts';

export function createProjectHandlers(services: Services): AreaHandlers<typeof projectCalls> {
  const { models, datasets, events, operations, project: session } = services;

  /** The project the window's working state makes: its models, its data file (or the one still awaited), its choices. */
  function workingProject({ name, datasetId, selectedModelId, step, recipe, ...rest }: RequestOf<'updateSession'>): ProjectFile {
    const awaited = session.awaited;
    const dataset = awaited ? awaited.reference : datasetId ? referenceTo(datasets.get(datasetId)) : null;
    // While its data file is awaited, the project keeps its own recipe, whatever else the window has open.
    const kept = awaited ? (awaited.recipe ?? undefined) : recipe;
    const working: WorkingState = { ...rest, ...(kept ? { recipe: kept } : {}), selectedModelId: selectedModelId ?? null, step: step ?? null };
    return projectFromSession(name, models.openAll(), dataset, working);
  }

  /** A project's models join the open ones; its data file is awaited (from where it was found, or to be located). */
  function reopen(project: ProjectFile, check: DatasetCheck, path: string | null): OpenedProjectSummary {
    const view = viewOf(project);
    const ids = new Map<string, string>();
    const summaries = project.runs.flatMap((run) => {
      if (!run.model) return [];
      const entry = models.add({ modelId: models.nextFileId(), label: run.label, datasetId: null, model: run.model, result: null, path: null });
      ids.set(run.id, entry.modelId);
      return [summarize(entry, models.open(entry.modelId).loaded)];
    });
    const found = check.status === 'ok' || check.status === 'moved' || check.status === 'changed' ? check.path : null;
    const message = 'message' in check ? check.message : null;
    session.opened(path, project.dataset ? { reference: project.dataset, found, message, recipe: project.recipe } : null);
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

  /** The held or located file becomes the open dataset, read as the project read it. */
  function openAsProjectData({ loaded, origin, name }: HeldData): ProjectData {
    const awaited = session.requireAwaited();
    const edits = editsOf(awaited.reference);
    const summary = datasets.add(loaded, origin, name, { ...edits, columnMissingMarkers: {} });
    session.settled();
    return { status: 'opened', summary, markers: edits.columnMissingMarkers, recipe: awaited.recipe };
  }

  return {
    saveProject: async ({ destination, ...working }) => {
      const project = workingProject(working);
      const app = await appIdentity();
      const fileName = `${working.name.replace(/[^A-Za-z0-9_. -]+/g, '-').trim() || 'project'}.layerlab`;
      const saved = await saveOne(services, destination, fileName, async (path) => void (await saveProject(path, project, app)));
      await session.saved(destination.kind === 'path' ? destination.path : null);
      return saved;
    },
    openProject: async ({ source }) =>
      withSource(services, source, async (path) => {
        const opened = await openProject(path);
        return reopen(opened.project, opened.dataset, source.kind === 'path' ? path : null);
      }),
    projectData: async () => session.dataState,
    locateProjectData: ({ operationId, source }) =>
      operations.run(operationId, async (signal) => {
        const { reference } = session.requireAwaited();
        const edits = editsOf(reference);
        return withSource(services, source, async (path, name) => {
          let loaded: LoadedTable;
          try {
            loaded = await services.loadTable(path, {
              signal,
              onProgress: (progress) => events.publish({ type: 'loadProgress', operationId, ...progress }),
              ...(reference.sheet ? { sheet: reference.sheet } : {}),
              ...(Object.keys(edits.columnTypes).length ? { columnTypes: edits.columnTypes } : {}),
              ...(edits.missingMarkers ? { missingMarkers: edits.missingMarkers } : {}),
              ...(edits.zeroMeansMissing ? { zeroMeansMissing: edits.zeroMeansMissing } : {}),
            });
          } catch (error) {
            session.unreadable(name);
            throw error;
          } finally {
            events.flush(operationId);
          }
          const held: HeldData = { loaded, origin: source.kind === 'upload' ? 'upload' : 'path', name };
          if (loaded.source.sha256 === reference.sha256) return openAsProjectData(held);
          const message = `Its SHA-256 differs from the file ${reference.name} the project was saved with: rows may have been added, removed or edited. Use it anyway (the saved models stay as they are; new runs train on it), or locate the original.`;
          session.hold(held, message);
          return { status: 'changed', name, message };
        });
      }),
    acceptChangedData: async () => openAsProjectData(session.takeHeld()),
    updateSession: async (working) => {
      session.report(workingProject(working));
      return { kept: true };
    },
    listRecoveries: async () =>
      (await session.list()).map((entry) => ({
        recoveryId: entry.id,
        name: entry.project.name,
        savedAt: entry.savedAt,
        datasetName: entry.project.dataset?.name ?? null,
        models: entry.project.runs.filter((run) => run.model).length,
        projectPath: entry.projectPath,
      })),
    openRecovery: async ({ recoveryId }) => {
      const entry = await session.find(recoveryId);
      const check = await checkDataset(entry.project, entry.projectPath ?? entry.project.dataset?.path ?? '');
      const project = check.status === 'moved' ? { ...entry.project, dataset: { ...entry.project.dataset!, path: check.path } } : entry.project;
      const summary = reopen(project, check, entry.projectPath);
      await session.adopt(entry);
      return summary;
    },
    discardRecovery: async ({ recoveryId }) => {
      const entry = await session.find(recoveryId).catch(() => null);
      if (entry) await session.forget(entry);
      return { discarded: entry !== null };
    },
  };
}
