/** Wires the services for one running app, whichever transport serves it. */
import { join } from 'node:path';
import type { AppEvent, AppInfo } from '../api/contract.ts';
import { EventHub } from '../api/event-hub.ts';
import { GrantedPaths, WebPaths, type FileAccess } from '../api/file-access.ts';
import type { Services } from '../api/handlers.ts';
import { appIdentity } from '../export/app-identity.ts';
import { DEFAULT_LIMITS } from '../io/limits.ts';
import { ProjectSession } from '../project/session.ts';
import { DatasetStore } from './dataset-store.ts';
import { DownloadStore } from './download-store.ts';
import { enginePool, type EnginePool } from './engine-pool/engine-pool.ts';
import { EngineSession } from './engine-pool/engine-session.ts';
import { PoolInsightWork } from './engine-pool/pool-insight-work.ts';
import { ModelRegistry } from './model-registry.ts';
import { Operations } from './operations.ts';
import { PredictionStore } from './prediction-store.ts';
import { RecentFiles } from './recent-files.ts';
import { SampleLibrary } from './sample-library.ts';
import { AppSearches } from '../search/app-searches.ts';
import { CrossValidations } from '../search/cross-validations.ts';
import { TrainingRuns } from '../training/training-runs.ts';
import { UploadStore } from './upload-store.ts';

export interface ServiceOptions {
  readonly info: AppInfo;
  readonly samplesDir: string;
  readonly settingsDir: string;
  /** The web host receives files as uploads; the desktop app opens them by path. */
  readonly acceptUploads: boolean;
  /** The engine workers; the process's pool (shared by every app in it) unless given. */
  readonly pool?: EnginePool;
  /** The desktop shell's own registry (its dialogs grant paths); by default the web host refuses every path. */
  readonly files?: FileAccess;
}

export function createServices(options: ServiceOptions): Services {
  const events = new EventHub();
  // Deleted or replaced models and closed datasets leave the engine workers' memory too.
  const models = new ModelRegistry((modelId) => engine.modelRemoved(modelId));
  const datasets = new DatasetStore(3, (datasetId) => engine.datasetChanged(datasetId));
  const recent = new RecentFiles(join(options.settingsDir, 'recent-files.json'));
  const engine = new EngineSession(options.pool ?? enginePool, {
    tableOf: (datasetId) => datasets.get(datasetId).table,
    modelOf: (modelId) => {
      const { model, result } = models.get(modelId);
      return { file: model, heldOut: result ? { test: result.test, validation: result.validation } : null };
    },
  });
  const publish = (event: AppEvent): void => {
    events.publish(event);
    // A run, search or cross-validation that ends gives its cores back to the engine pool.
    engine.coresChanged();
  };
  const training: TrainingRuns = new TrainingRuns({ publish, models, app: appIdentity, buildModel: (input) => engine.call('buildModelFile', input) });
  const crossValidations: CrossValidations = new CrossValidations({ publish });
  const searches: AppSearches = new AppSearches({ publish, flush: (searchId) => events.flush(searchId), training });
  // Training runs, searches and cross-validations each keep the cores their threads use: the engine pool works on
  // the others (never on fewer than one), so neither side starves the other (engine-pool.ts, `reserve`).
  engine.reserveCores('training', () => training.coresInUse());
  engine.reserveCores('search', () => searches.coresInUse());
  engine.reserveCores('cross-validation', () => crossValidations.coresInUse());
  return {
    info: options.info,
    samples: new SampleLibrary(options.samplesDir),
    recent,
    datasets,
    engine,
    recipes: engine,
    operations: new Operations(),
    events,
    models,
    insight: new PoolInsightWork(engine),
    predictions: new PredictionStore((predictionId) => engine.predictionsDropped(predictionId)),
    training,
    crossValidations,
    searches,
    uploads: options.acceptUploads ? new UploadStore(DEFAULT_LIMITS.maxBytes) : null,
    downloads: options.acceptUploads ? new DownloadStore() : null,
    loadTable: engine.loadTable,
    project: new ProjectSession(join(options.settingsDir, 'recovery'), { onDataState: (state) => events.publish({ type: 'projectData', state }) }),
    // The web host's pages name no paths; the desktop's name only those the user chose.
    files: options.files ?? (options.acceptUploads ? new WebPaths() : new GrantedPaths(async () => (await recent.list()).map((file) => file.path))),
  };
}

/** Stops what is running and deletes temporary files; a clean close leaves nothing to recover. */
export async function closeServices(services: Services): Promise<void> {
  services.operations.cancelAll();
  await services.project.close();
  await services.searches.dispose();
  await services.crossValidations.dispose();
  await services.training.dispose();
  services.engine.close();
  services.events.close();
  await services.uploads?.close();
  await services.downloads?.close();
}
