/**
 * The Evaluate step's baselines: the chosen model's test score beside the majority class (or mean) and a linear
 * model, fetched once per model (a model's test score and baselines do not change).
 */
import type { BaselineComparison } from '../../../../main/api/calls/quality-calls.ts';
import type { Platform } from '../platform/platform.ts';

export class BaselinesState {
  /** Per model id; null: the model holds no baselines. */
  private readonly known = $state<Record<string, BaselineComparison | null>>({});
  private readonly asked = new Set<string>();

  constructor(private readonly platform: Platform) {}

  of(modelId: string | null): BaselineComparison | null {
    if (modelId === null) return null;
    return this.known[modelId] ?? null;
  }

  /** Fetches the comparison for a model once; a model without baselines shows none. */
  async load(modelId: string | null): Promise<void> {
    if (modelId === null || this.asked.has(modelId)) return;
    this.asked.add(modelId);
    try {
      this.known[modelId] = await this.platform.api.modelBaselines({ modelId });
    } catch {
      // Not worth a notice: the evaluation itself says what went wrong with the model.
      this.asked.delete(modelId);
    }
  }
}
