/**
 * The trained models the app holds: runs finished in this session (with their test and validation
 * predictions, for the Evaluate step) and model files opened from disk (file alone: no held-out rows).
 * The Train step adds to it; the Evaluate and Predict & export steps read from it.
 */
import { UserFacingError } from '../../engine/errors.ts';
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

export class ModelRegistry {
  private readonly models = new Map<string, TrainedModel>();
  private opened = 0;

  add(model: TrainedModel): TrainedModel {
    this.models.set(model.modelId, model);
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

  list(): readonly TrainedModel[] {
    return [...this.models.values()];
  }

  /**
   * The open model that `model` is a copy of (same source data, same creation time, same weights): a project's
   * run that is open already, so reopening it must not list it twice.
   */
  findSame(model: ModelFile): TrainedModel | null {
    for (const entry of this.models.values()) if (sameModel(entry.model, model)) return entry;
    return null;
  }

  remove(modelId: string): boolean {
    return this.models.delete(modelId);
  }
}

function sameModel(a: ModelFile, b: ModelFile): boolean {
  return a.provenance.created === b.provenance.created && a.provenance.source.sha256 === b.provenance.source.sha256 && a.network.weightData === b.network.weightData;
}
