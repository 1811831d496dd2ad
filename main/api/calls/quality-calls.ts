/**
 * Calls of the Evaluate step about model quality beyond the report: the baselines beside the network.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/quality-handlers.ts.
 */
import { call, id } from '../call-spec.ts';
import { v } from '../validate.ts';

export const qualityCalls = {
  /** The model's test score beside the majority class (or mean) and a linear model's; null without baselines. */
  modelBaselines: call(v.object({ modelId: id })).returns<BaselineComparison | null>(),
} as const;

export interface BaselineComparison {
  readonly metric: 'accuracy' | 'r2';
  /** Test rows scored; 0 when the model kept none. */
  readonly rows: number;
  readonly network: number | null;
  /** "Always the most frequent class" or "Always the mean". */
  readonly trivialName: string;
  readonly trivial: number | null;
  /** "Logistic regression" or "Linear regression". */
  readonly linearName: string;
  readonly linear: number | null;
  /** Set when the network does not beat the linear model: what that means and what to do. */
  readonly verdict: string | null;
}
