/**
 * Files predicted in the Predict & export step, kept in main until the user saves them as CSV (the rows, the
 * model that predicted them and its predictions). Only the last few are kept: a predicted million-row file is
 * large, and an older one is predicted again in a moment.
 */
import { UserFacingError } from '../../engine/errors.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import type { ModelPredictions } from '../../engine/model/predict.ts';
import type { Table } from '../../engine/table/table.ts';

export interface KeptPredictions {
  /** The predicted file's name. */
  readonly name: string;
  readonly table: Table;
  readonly model: LoadedModel;
  readonly predictions: ModelPredictions;
}

/** Predicted files kept; older ones are let go (the message below says three). */
export const KEEP_PREDICTIONS = 3;

export class PredictionStore {
  private readonly kept = new Map<string, KeptPredictions>();
  private count = 0;

  /** Keeps a file's predictions; returns the id to save them by. */
  keep(predictions: KeptPredictions): string {
    const predictionId = `predictions-${++this.count}`;
    this.kept.set(predictionId, predictions);
    while (this.kept.size > KEEP_PREDICTIONS) this.kept.delete(this.kept.keys().next().value!);
    return predictionId;
  }

  get(predictionId: string): KeptPredictions {
    const kept = this.kept.get(predictionId);
    if (!kept) throw new UserFacingError('predictions-gone', 'Those predictions are no longer kept (Layerlab keeps the last three files). Predict the file again, then save.');
    return kept;
  }
}
