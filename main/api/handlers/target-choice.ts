/**
 * The target suggestion of an open dataset: the engine's one policy (engine/prep/target-suggestion.ts), told the
 * documented target of a bundled sample. Both the Data step's question (`suggestTarget`) and the default recipe
 * (`defaultRecipe`) read it, so they never disagree.
 */
import { suggestTarget, type TargetSuggestion } from '../../../engine/prep/target-suggestion.ts';
import type { Services } from '../handlers.ts';

export async function targetSuggestionFor(services: Pick<Services, 'datasets' | 'samples'>, datasetId: string): Promise<TargetSuggestion> {
  const { table, summary } = services.datasets.get(datasetId);
  const sample = summary.origin === 'sample' ? (await services.samples.list()).find((s) => s.fileName === summary.name) : undefined;
  return suggestTarget(table, sample ? { documented: { column: sample.target, reason: `The column this sample is meant to predict ("${sample.title}" says so)` } } : {});
}
