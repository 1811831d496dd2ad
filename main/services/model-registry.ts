/**
 * The trained models the app holds: runs finished in this session (with their test and validation
 * predictions, for the Evaluate step) and model files opened from disk (file alone: no held-out rows).
 * The Train step adds to it; the Evaluate and Predict & export steps read from it, each model loaded (its
 * network built, its recipe read) once.
 */
import { UserFacingError } from '../../engine/errors.ts';
import { loadModel, type LoadedModel } from '../../engine/model/load-model.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import type { TrainingResult } from '../../engine/pipeline/train-job.ts';

export interface TrainedModel {
  /** A run's id (`run-3`) or, for a file opened from disk, `file-<n>`. */
  readonly modelId: string;
  /** What the user sees: "Run 3 · 6-6-1 · adam" or the file name. */
  readonly label: string;
  /** The dataset it was trained on in this session; null when opened from a file. */
  readonly datasetId: string | null;
  readonly model: ModelFile;
  /** Runs of this session only: the held-out rows' predictions. */
  readonly result: TrainingResult | null;
  /** Set when opened from disk. */
  readonly path: string | null;
}

/** A model ready to predict with, beside what the registry knows of it. */
export interface OpenModel {
  readonly entry: TrainedModel;
  readonly loaded: LoadedModel;
}

export class ModelRegistry {
  private readonly models = new Map<string, TrainedModel>();
  private readonly loadedModels = new Map<string, { readonly file: ModelFile; readonly loaded: LoadedModel }>();
  private opened = 0;

  /** `loaded`: the model already loaded from the same file (a file just read), so it is not loaded twice. */
  add(model: TrainedModel, loaded?: LoadedModel): TrainedModel {
    this.models.set(model.modelId, model);
    if (loaded) this.loadedModels.set(model.modelId, { file: model.model, loaded });
    else this.loadedModels.delete(model.modelId);
    return model;
  }

  /** An id for a model file opened from disk. */
  nextFileId(): string {
    return `file-${++this.opened}`;
  }

  get(modelId: string): TrainedModel {
    const model = this.models.get(modelId);
    if (!model) throw new UserFacingError('unknown-model', 'That model is no longer open: train it again or open its model file.');
    return model;
  }

  /** The model, loaded on first use. */
  open(modelId: string): OpenModel {
    const entry = this.get(modelId);
    let cached = this.loadedModels.get(modelId);
    if (cached?.file !== entry.model) {
      cached = { file: entry.model, loaded: loadModel(entry.model) };
      this.loadedModels.set(modelId, cached);
    }
    return { entry, loaded: cached.loaded };
  }

  list(): readonly TrainedModel[] {
    return [...this.models.values()];
  }

  /** Every model, loaded. */
  openAll(): OpenModel[] {
    return this.list().map((entry) => this.open(entry.modelId));
  }

  remove(modelId: string): boolean {
    this.loadedModels.delete(modelId);
    return this.models.delete(modelId);
  }
}
