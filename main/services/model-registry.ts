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

/** Deleted models kept for an undo; older ones are let go. */
const KEEP_DELETED = 20;

/** A model ready to predict with, beside what the registry knows of it. */
export interface OpenModel {
  readonly entry: TrainedModel;
  readonly loaded: LoadedModel;
}

export class ModelRegistry {
  private readonly models = new Map<string, TrainedModel>();
  private readonly loadedModels = new Map<string, { readonly file: ModelFile; readonly loaded: LoadedModel }>();
  /** Deleted models, with where they stood in the list, until an undo brings them back. */
  private readonly deleted = new Map<string, { readonly entry: TrainedModel; readonly index: number }>();
  private opened = 0;

  /**
   * `dropped`: told whenever a model's file is let go (deleted, or replaced by another file under its id), so the
   * engine workers let go of their copy too; an undo or the next call that reads the model sends it again.
   */
  constructor(private readonly dropped: (modelId: string) => void = () => {}) {}

  /** `loaded`: the model already loaded from the same file (a file just read), so it is not loaded twice. */
  add(model: TrainedModel, loaded?: LoadedModel): TrainedModel {
    const replaced = this.models.get(model.modelId);
    this.models.set(model.modelId, model);
    if (replaced && replaced.model !== model.model) this.dropped(model.modelId);
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
    if (model) return model;
    // A deleted run can still come back (Undo): say so rather than "train it again".
    if (this.deleted.has(modelId)) throw new UserFacingError('unknown-model', 'That run was deleted: press Undo above the runs list to bring it back, or train it again.');
    throw new UserFacingError('unknown-model', 'That model is no longer open: train it again or open its model file.');
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

  /**
   * The open model that `model` is a copy of (same source data, same creation time, same weights): a project's
   * run that is open already, so reopening it must not list it twice.
   */
  findSame(model: ModelFile): TrainedModel | null {
    for (const entry of this.models.values()) if (sameModel(entry.model, model)) return entry;
    return null;
  }

  /** Puts a model aside (an undo brings it back); false when it is not open. */
  remove(modelId: string): boolean {
    const entry = this.models.get(modelId);
    if (!entry) return false;
    this.deleted.set(modelId, { entry, index: [...this.models.keys()].indexOf(modelId) });
    while (this.deleted.size > KEEP_DELETED) this.deleted.delete(this.deleted.keys().next().value!);
    this.loadedModels.delete(modelId);
    this.models.delete(modelId);
    this.dropped(modelId);
    return true;
  }

  /** Brings a deleted model back where it was in the list; false when it is not among the deleted. */
  restore(modelId: string): boolean {
    const kept = this.deleted.get(modelId);
    if (!kept) return false;
    this.deleted.delete(modelId);
    const entries = [...this.models.entries()];
    entries.splice(Math.min(kept.index, entries.length), 0, [modelId, kept.entry]);
    this.models.clear();
    for (const [id, entry] of entries) this.models.set(id, entry);
    return true;
  }

  rename(modelId: string, label: string): boolean {
    const entry = this.models.get(modelId);
    if (!entry) return false;
    this.models.set(modelId, { ...entry, label });
    return true;
  }
}

function sameModel(a: ModelFile, b: ModelFile): boolean {
  return a.provenance.created === b.provenance.created && a.provenance.source.sha256 === b.provenance.source.sha256 && a.network.weightData === b.network.weightData;
}
