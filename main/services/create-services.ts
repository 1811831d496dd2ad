/** Wires the services for one running app, whichever transport serves it. */
import { join } from 'node:path';
import type { AppInfo } from '../api/contract.ts';
import { EventHub } from '../api/event-hub.ts';
import { GrantedPaths, WebPaths, type FileAccess } from '../api/file-access.ts';
import type { Services } from '../api/handlers.ts';
import { appIdentity } from '../export/app-identity.ts';
import { DEFAULT_LIMITS } from '../io/limits.ts';
import { loadTable } from '../io/load-table.ts';
import { ProjectSession } from '../project/session.ts';
import { DatasetStore } from './dataset-store.ts';
import { DownloadStore } from './download-store.ts';
import { InThreadInsightWork } from './insight-work.ts';
import { ModelRegistry } from './model-registry.ts';
import { Operations } from './operations.ts';
import { PredictionStore } from './prediction-store.ts';
import { PreparedRecipeCache } from './prepared-recipes.ts';
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
  /** The desktop shell's own registry (its dialogs grant paths); by default the web host refuses every path. */
  readonly files?: FileAccess;
}

export function createServices(options: ServiceOptions): Services {
  const events = new EventHub();
  const models = new ModelRegistry();
  const datasets = new DatasetStore();
  const recent = new RecentFiles(join(options.settingsDir, 'recent-files.json'));
  const training = new TrainingRuns({ publish: (event) => events.publish(event), models, app: appIdentity });
  return {
    info: options.info,
    samples: new SampleLibrary(options.samplesDir),
    recent,
    datasets,
    recipes: new PreparedRecipeCache((datasetId) => datasets.get(datasetId).table),
    operations: new Operations(),
    events,
    models,
    insight: new InThreadInsightWork({ tableOf: (datasetId) => datasets.get(datasetId).table, modelOf: (modelId) => models.open(modelId).loaded }),
    predictions: new PredictionStore(),
    training,
    crossValidations: new CrossValidations({ publish: (event) => events.publish(event) }),
    searches: new AppSearches({ publish: (event) => events.publish(event), flush: (searchId) => events.flush(searchId), training }),
    uploads: options.acceptUploads ? new UploadStore(DEFAULT_LIMITS.maxBytes) : null,
    downloads: options.acceptUploads ? new DownloadStore() : null,
    loadTable,
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
  services.events.close();
  await services.uploads?.close();
  await services.downloads?.close();
}
