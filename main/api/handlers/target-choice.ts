/**
 * The target suggestion of an open dataset: the engine's one policy (engine/prep/target-choice.ts), told the
 * documented target of a bundled sample, as defaultRecipe is (suggestRecipe without a target), so the Data
 * step's question and a sample's first recipe never disagree.
 */
import { suggestTarget, type TargetSuggestion } from '../../../engine/prep/target-choice.ts';
import type { Services } from '../handlers.ts';

export async function targetSuggestionFor(services: Pick<Services, 'datasets' | 'samples'>, datasetId: string): Promise<TargetSuggestion> {
  const { table, summary } = services.datasets.get(datasetId);
  const target = services.samples.targetOf(summary);
  const sample = target === undefined ? undefined : (await services.samples.list()).find((s) => s.fileName === summary.name);
  return suggestTarget(table, target !== undefined ? { documented: { column: target, reason: `The column this sample is meant to predict ("${sample?.title ?? summary.name}" says so)` } } : {});
}
