/** Wires the services for one running app, whichever transport serves it. */
import { join } from 'node:path';
import type { AppInfo } from '../api/contract.ts';
import { EventHub } from '../api/event-hub.ts';
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
import { TrainingRuns } from '../training/training-runs.ts';
import { UploadStore } from './upload-store.ts';

export interface ServiceOptions {
  readonly info: AppInfo;
  readonly samplesDir: string;
  readonly settingsDir: string;
  /** The web host receives files as uploads; the desktop app opens them by path. */
  readonly acceptUploads: boolean;
}

export function createServices(options: ServiceOptions): Services {
  const events = new EventHub();
  const models = new ModelRegistry();
  const datasets = new DatasetStore();
  return {
    info: options.info,
    samples: new SampleLibrary(options.samplesDir),
    recent: new RecentFiles(join(options.settingsDir, 'recent-files.json')),
    datasets,
    recipes: new PreparedRecipeCache((datasetId) => datasets.get(datasetId).table),
    operations: new Operations(),
    events,
    models,
    insight: new InThreadInsightWork({ tableOf: (datasetId) => datasets.get(datasetId).table, modelOf: (modelId) => models.open(modelId).loaded }),
    predictions: new PredictionStore(),
    training: new TrainingRuns({ publish: (event) => events.publish(event), models, app: appIdentity }),
    uploads: options.acceptUploads ? new UploadStore(DEFAULT_LIMITS.maxBytes) : null,
    downloads: options.acceptUploads ? new DownloadStore() : null,
    loadTable,
    project: new ProjectSession(join(options.settingsDir, 'recovery'), { onDataState: (state) => events.publish({ type: 'projectData', state }) }),
  };
}

/** Stops what is running and deletes temporary files; a clean close leaves nothing to recover. */
export async function closeServices(services: Services): Promise<void> {
  services.operations.cancelAll();
  await services.project.close();
  await services.training.dispose();
  services.events.close();
  await services.uploads?.close();
  await services.downloads?.close();
}
