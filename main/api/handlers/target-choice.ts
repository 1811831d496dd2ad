/**
 * The target suggestion of an open dataset: the engine's one policy (engine/prep/target-choice.ts), told the
 * documented target of a bundled sample, as defaultRecipe is (suggestRecipe without a target), so the Data
 * step's question and a sample's first recipe never disagree. It reads every column, so it runs in the engine pool.
 */
import type { SuggestTargetOptions, TargetSuggestion } from '../../../engine/prep/target-choice.ts';
import type { Services } from '../handlers.ts';

export async function targetSuggestionFor(services: Pick<Services, 'datasets' | 'samples' | 'engine'>, datasetId: string): Promise<TargetSuggestion> {
  const { summary } = services.datasets.get(datasetId);
  const target = services.samples.targetOf(summary);
  const sample = target === undefined ? undefined : (await services.samples.list()).find((s) => s.fileName === summary.name);
  const options: SuggestTargetOptions = target !== undefined ? { documented: { column: target, reason: `The column this sample is meant to predict ("${sample?.title ?? summary.name}" says so)` } } : {};
  return services.engine.call('suggestTarget', { datasetId, options });
}
