/**
 * Network outputs → answers in the user's words and units. Classification decides as the metrics module does
 * (binary: P(positive) ≥ threshold; multi-class: argmax, ties to the lower class) and names the class with its
 * label; regression undoes the target scaling.
 */
import { predictClasses } from '../metrics/confusion.ts';
import type { FittedRecipe } from './types.ts';

export interface DecodedPredictions {
  /** Classification: the predicted class label per row. */
  readonly labels?: readonly string[];
  /** Classification: the outputs as given — rows × 1 P(positive) for binary, rows × K for multi-class. */
  readonly probabilities?: Float32Array;
  readonly classLabels?: readonly string[];
  /** Regression: values in the target's units. */
  readonly values?: Float64Array;
}

export function decodePredictions(fitted: FittedRecipe, outputs: Float32Array, rows: number, threshold = 0.5): DecodedPredictions {
  const target = fitted.target;
  if (outputs.length !== rows * target.outputWidth) {
    throw new RangeError(`${outputs.length} outputs are not ${rows} rows × ${target.outputWidth} (the network's output width for this target).`);
  }
  if (target.task === 'regression') {
    const { mean, std } = target.scale ?? { mean: 0, std: 1 };
    return { values: Float64Array.from(outputs, (v) => v * std + mean) };
  }
  const classLabels = target.classLabels!;
  const classes = predictClasses(outputs, classLabels.length, threshold);
  return { labels: Array.from(classes, (c) => classLabels[c]!), probabilities: Float32Array.from(outputs), classLabels };
}
