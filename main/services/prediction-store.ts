/**
 * Files predicted in the Predict & export step, kept until the user saves them as CSV. The rows and their
 * predictions stay in the engine worker that predicted them (a predicted million-row file is large, and main
 * only writes it out); main keeps which ones exist. Only the last few are kept: an older one is predicted
 * again in a moment.
 */
import { UserFacingError } from '../../engine/errors.ts';

export interface KeptPredictions {
  /** The predicted file's name. */
  readonly name: string;
}

/** Predicted files kept; older ones are let go (the message below says three). */
export const KEEP_PREDICTIONS = 3;

export class PredictionStore {
  private readonly kept = new Map<string, KeptPredictions>();
  private count = 0;

  /** `onDrop`: a file's predictions are let go (the worker holding them may forget them). */
  constructor(private readonly onDrop: (predictionId: string) => void = () => undefined) {}

  /** The id the next predicted file is kept under. */
  nextId(): string {
    return `predictions-${++this.count}`;
  }

  /** Keeps a file's predictions under an id from `nextId`. */
  keep(predictionId: string, predictions: KeptPredictions): string {
    this.kept.set(predictionId, predictions);
    while (this.kept.size > KEEP_PREDICTIONS) {
      const oldest = this.kept.keys().next().value!;
      this.kept.delete(oldest);
      this.onDrop(oldest);
    }
    return predictionId;
  }

  get(predictionId: string): KeptPredictions {
    const kept = this.kept.get(predictionId);
    if (!kept) throw new UserFacingError('predictions-gone', 'Those predictions are no longer kept (Layerlab keeps the last three files). Predict the file again, then save.');
    return kept;
  }
}
