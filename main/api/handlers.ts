/**
 * What each call does, in terms of the services (plain Node classes that know nothing of Electron or HTTP).
 * Both transports dispatch to these; the Electron shell adds the desktop-only ones (native dialogs).
 */
import type { LoadedTable, LoadOptions } from '../io/load-table.ts';
import type { ProjectSession } from '../project/session.ts';
import type { DatasetOrigin, DatasetStore } from '../services/dataset-store.ts';
import type { DownloadStore } from '../services/download-store.ts';
import type { EngineSession } from '../services/engine-pool/engine-session.ts';
import type { InsightWork } from '../services/insight-work.ts';
import type { ModelRegistry } from '../services/model-registry.ts';
import type { Operations } from '../services/operations.ts';
import type { PredictionStore } from '../services/prediction-store.ts';
import type { PreparedRecipes } from '../services/prepared-recipes.ts';
import type { RecentFiles } from '../services/recent-files.ts';
import type { SampleLibrary } from '../services/sample-library.ts';
import type { UploadStore } from '../services/upload-store.ts';
import type { AppSearches } from '../search/app-searches.ts';
import type { CrossValidations } from '../search/cross-validations.ts';
import type { TrainingRuns } from '../training/training-runs.ts';
import type { AppInfo, RequestOf } from './contract.ts';
import type { EventHub } from './event-hub.ts';
import type { FileAccess } from './file-access.ts';
import type { Handlers } from './handle.ts';
import { createEvaluationHandlers } from './handlers/evaluation-handlers.ts';
import { createExportHandlers } from './handlers/export-handlers.ts';
import { resolveSource } from './handlers/files.ts';
import { createProjectHandlers } from './handlers/project-handlers.ts';
import { createInsightHandlers } from './handlers/insight-handlers.ts';
import { createQualityHandlers } from './handlers/quality-handlers.ts';
import { createRecipeHandlers } from './handlers/recipe-handlers.ts';
import { createRunHandlers } from './handlers/run-handlers.ts';
import { createSearchHandlers } from './handlers/search-handlers.ts';
import { createTrainingHandlers } from './handlers/training-handlers.ts';

export interface Services {
  readonly info: AppInfo;
  readonly samples: SampleLibrary;
  readonly recent: RecentFiles;
  readonly datasets: DatasetStore;
  readonly operations: Operations;
  readonly events: EventHub;
  /** Engine work (profiles, previews, evaluation, file predictions…) in the engine worker pool, never on main's thread. */
  readonly engine: EngineSession;
  /** Recipes run on open datasets, prepared once for previews, the network preview and a run's start. */
  readonly recipes: PreparedRecipes;
  /** Trained models: the Train step adds, Evaluate and Predict & export read. */
  readonly models: ModelRegistry;
  /** Importance, what-if, the network picture and the report: engine work on a model and its judged rows. */
  readonly insight: InsightWork;
  /** Predicted files, kept until saved. */
  readonly predictions: PredictionStore;
  /** Training runs in workers; finished ones are added to `models`. */
  readonly training: TrainingRuns;
  /** Network searches in workers; a trial the user picks becomes a run in `training`. */
  readonly searches: AppSearches;
  /** The Train step's K-fold cross-validations, each in its own worker. */
  readonly crossValidations: CrossValidations;
  /** Only the web host receives uploaded files. */
  readonly uploads: UploadStore | null;
  /** Only the web host hands exports to the browser as downloads (the desktop saves to a chosen path). */
  readonly downloads: DownloadStore | null;
  /** Loads a file (in an engine worker: the columns arrive in shared memory, their missing cells counted). */
  readonly loadTable: (path: string, options: LoadOptions) => Promise<LoadedTable & { readonly missing?: readonly number[] }>;
  /** The project being worked on: where it was saved, its autosave and recovered states. */
  readonly project: ProjectSession;
  /** Which paths windows may name: none in the web host, the user's choices on the desktop. */
  readonly files: FileAccess;
}

type Source = RequestOf<'openDataset'>['source'];

interface ResolvedSource {
  readonly path: string;
  readonly origin: DatasetOrigin;
  readonly name: string | null;
  readonly uploadId: string | null;
}

function resolve(services: Services, source: Source): ResolvedSource {
  switch (source.kind) {
    case 'path':
      return { path: source.path, origin: 'path', name: null, uploadId: null };
    case 'sample':
      return { path: services.samples.pathOf(source.sampleId), origin: 'sample', name: null, uploadId: null };
    case 'upload':
      return { ...resolveSource(services, source), origin: 'upload' };
  }
}

export function createHandlers(services: Services): Handlers {
  const { datasets, events, operations, recent, samples, uploads } = services;
  return {
    appInfo: async () => services.info,
    listSamples: () => samples.list(),
    // A browser cannot open a path, so the desktop's recent files mean nothing there (and are nobody's business).
    listRecentFiles: async () => (services.files.pathsAllowed ? recent.list() : []),
    openDataset: ({ operationId, source, sheet }) =>
      operations.run(operationId, async (signal) => {
        const resolved = resolve(services, source);
        try {
          const loaded = await services.loadTable(resolved.path, {
            ...(sheet ? { sheet } : {}),
            signal,
            onProgress: (progress) => events.publish({ type: 'loadProgress', operationId, ...progress }),
          });
          if (resolved.origin === 'path') events.publish({ type: 'recentFilesChanged', files: await recent.add(resolved.path) });
          const summary = datasets.add(loaded, resolved.origin, resolved.name ?? loaded.source.name);
          // Another file to work on: a reopened project no longer waits for its own.
          services.project.settled();
          return summary;
        } finally {
          events.flush(operationId);
          if (resolved.uploadId) await uploads?.discard(resolved.uploadId);
        }
      }),
    datasetRows: async ({ datasetId, start, count }) => datasets.rows(datasetId, start, count),
    cancel: async ({ operationId }) => ({ cancelled: operations.cancel(operationId) }),
    ...createRecipeHandlers(services),
    ...createTrainingHandlers(services),
    ...createSearchHandlers(services),
    ...createQualityHandlers(services),
    ...createEvaluationHandlers(services),
    ...createExportHandlers(services),
    ...createProjectHandlers(services),
    ...createRunHandlers(services),
    ...createInsightHandlers(services),
  };
}
