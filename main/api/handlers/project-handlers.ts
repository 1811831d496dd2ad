/**
 * What the project calls (main/api/calls/project-calls.ts) do: the window's working state saved as a project and
 * autosaved, a project or a recovered state opened (its models join the open ones), and its data file read the
 * way the project read it, through the states ProjectSession keeps.
 */
import { checkDataset, checkOwnSample, openProject, saveProject, type DatasetCheck } from '../../project/project-store.ts';
import type { ProjectFile } from '../../project/project-file.ts';
import type { HeldData } from '../../project/session.ts';
import { appIdentity } from '../../export/app-identity.ts';
import type { LoadedTable } from '../../io/load-table.ts';
import { summarize } from '../../results/model-summary.ts';
import { datasetStatus, editsOf, projectFromSession, referenceTo, viewOf, type WorkingState } from '../../results/project.ts';
import type { OpenedProjectSummary, ProjectData, projectCalls } from '../calls/project-calls.ts';
import type { DatasetSummary, RequestOf } from '../contract.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { saveOne, withSource } from './files.ts';

/** A dataset main still holds, handed back with a resumed state instead of being read again. */
type OpenedData = { readonly summary: DatasetSummary; readonly markers: Readonly<Record<string, readonly string[]>> };

export function createProjectHandlers(services: Services): AreaHandlers<typeof projectCalls> {
  const { models, datasets, events, operations, project: session } = services;
  const isSample = (path: string) => services.samples.isSampleFile(path);

  /** The project the window's working state makes: its models, its data file (or the one still awaited), its choices. */
  function workingProject({ name, datasetId, selectedModelId, step, recipe, ...rest }: RequestOf<'updateSession'>): ProjectFile {
    const awaited = session.awaited;
    const dataset = awaited ? awaited.reference : datasetId ? referenceTo(datasets.get(datasetId)) : null;
    // While its data file is awaited, the project keeps its own recipe, whatever else the window has open.
    const kept = awaited ? (awaited.recipe ?? undefined) : recipe;
    const working: WorkingState = { ...rest, ...(kept ? { recipe: kept } : {}), selectedModelId: selectedModelId ?? null, step: step ?? null };
    return projectFromSession(name, models.openAll(), dataset, working);
  }

  /**
   * A project's models join the open ones (a model open already is the same one, not a second copy); its data file
   * is awaited (from where it was found, or to be located), unless `openData` is the dataset main still holds.
   */
  function reopen(project: ProjectFile, check: DatasetCheck, path: string | null, openData: OpenedData | null = null): OpenedProjectSummary {
    const view = viewOf(project);
    const ids = new Map<string, string>();
    const summaries = project.runs.flatMap((run) => {
      if (!run.model) return [];
      const same = models.findSame(run.model);
      const entry = same
        ? models.add({ ...same, model: run.model.decision ? { ...same.model, decision: run.model.decision } : same.model })
        : models.add({ modelId: models.nextFileId(), label: run.label, datasetId: null, model: run.model, result: null, path: null });
      ids.set(run.id, entry.modelId);
      return [summarize(entry, models.open(entry.modelId).loaded)];
    });
    const found = check.status === 'ok' || check.status === 'moved' || check.status === 'changed' ? check.path : null;
    // The window opens it by naming it back (the user agreed to the project, which names it).
    if (found) services.files.offer(found);
    const message = 'message' in check ? check.message : null;
    session.opened(path, project.dataset && !openData ? { reference: project.dataset, found, message, recipe: project.recipe } : null);
    return {
      name: project.name,
      path,
      models: summaries,
      selectedModelId: (view.selectedModelId && ids.get(view.selectedModelId)) ?? summaries[summaries.length - 1]?.modelId ?? null,
      step: view.step,
      recipe: project.recipe,
      design: project.design,
      settings: project.settings,
      dataset: openData ? { status: 'open', ...openData } : datasetStatus(project, check),
    };
  }

  /** The state the window last reported, for a reloaded page: its dataset, when main still holds it, is taken as is. */
  function resumeLive(): OpenedProjectSummary {
    const live = session.live!;
    const dataset = live.datasetId && datasets.has(live.datasetId) ? datasets.get(live.datasetId) : null;
    const openData = dataset ? { summary: dataset.summary, markers: dataset.edits.columnMissingMarkers } : null;
    return reopen(live.project, { status: 'none' }, live.projectPath, openData);
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
        const opened = await openProject(path, { findData: services.files.pathsAllowed, isSample });
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
      session.report(workingProject(working), working.datasetId ?? null);
      return { kept: true };
    },
    listRecoveries: async () => {
      const { live } = session;
      const summary = (project: ProjectFile, recoveryId: string, savedAt: string, projectPath: string | null, isLive: boolean) => ({
        recoveryId,
        name: project.name,
        savedAt,
        datasetName: project.dataset?.name ?? null,
        models: project.runs.filter((run) => run.model).length,
        projectPath,
        live: isLive,
      });
      return [
        ...(live ? [summary(live.project, session.liveId, live.at, live.projectPath, true)] : []),
        ...(await session.list()).map((entry) => summary(entry.project, entry.id, entry.savedAt, entry.projectPath, false)),
      ];
    },
    openRecovery: async ({ recoveryId }) => {
      if (recoveryId === session.liveId && session.live) return resumeLive();
      const entry = await session.find(recoveryId);
      const check = services.files.pathsAllowed ? await checkDataset(entry.project, entry.projectPath ?? entry.project.dataset?.path ?? '') : await checkOwnSample(entry.project, isSample);
      const project = check.status === 'moved' ? { ...entry.project, dataset: { ...entry.project.dataset!, path: check.path } } : entry.project;
      const summary = reopen(project, check, entry.projectPath);
      await session.adopt(entry);
      return summary;
    },
    discardRecovery: async ({ recoveryId }) => {
      if (recoveryId === session.liveId && session.live) {
        session.discardLive();
        return { discarded: true };
      }
      const entry = await session.find(recoveryId).catch(() => null);
      if (entry) await session.forget(entry);
      return { discarded: entry !== null };
    },
  };
}
