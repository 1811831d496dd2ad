/**
 * Why a yes/no model said what it said: the positive class's probability against the decision threshold in force,
 * in the words the Predict step shows beside the bars, so a prediction never seems to contradict its own numbers.
 */
import { share } from './metric-format.ts';

export interface Decision {
  readonly positive: string;
  readonly negative: string;
  /** P(positive). */
  readonly probability: number;
  readonly threshold: number;
  /** What the threshold decides: the positive class when P(positive) ≥ threshold. */
  readonly predicted: string;
  /** "P(male) 78.5% is below the chosen threshold 0.85, so: female". */
  readonly sentence: string;
}

/** The decision behind a binary prediction; null when the probabilities are not a yes/no pair. */
export function decisionOf(probabilities: readonly { readonly label: string; readonly probability: number }[], classLabels: readonly string[] | null, threshold: number): Decision | null {
  if (!classLabels || classLabels.length !== 2) return null;
  const [negative, positive] = classLabels as [string, string];
  const p = probabilities.find((c) => c.label === positive)?.probability;
  if (p === undefined) return null;
  const above = p >= threshold;
  const predicted = above ? positive : negative;
  const chosen = threshold === 0.5 ? 'the threshold' : 'the chosen threshold';
  const sentence = `P(${positive}) ${share(p)} is ${above ? 'at or above' : 'below'} ${chosen} ${threshold.toFixed(2)}, so: ${predicted}`;
  return { positive, negative, probability: p, threshold, predicted, sentence };
}
