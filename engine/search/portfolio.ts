/**
 * The configs every search tries first, in this order, before the sampler proposes its own: a portfolio of
 * strong defaults, as "Better by Default" (Holzmüller et al., NeurIPS 2024) recommends, measured on the
 * project's tables with cross-validation (docs/quality.md). Two-layer ReLU networks with a little dropout
 * lead, with numbers standardized and then in pieces; a wide-shallow one, a deeper funnel, a small fast one
 * and the linear model follow. Batch sizes grow with the table, so a large one still gets through epochs.
 * Small tables (the cross-validated ones, where one more trial is cheap) add a wide network held back by an
 * L2 penalty instead of dropout. Regression networks train without dropout: it adds noise to a number's
 * output that the averaged test-time network does not have; measured on the small regression tables
 * (docs/quality.md).
 */
import { CROSS_VALIDATION_MAX_ROWS } from './search-data.ts';
import { batchChoices, patienceFor } from './space.ts';
import type { SpaceContext } from './space.ts';
import type { TrialConfig } from './trial-config.ts';

/** Rows per batch for a table of this many non-test rows (the largest allowed at or below the preferred one). */
export function preferredBatch(rows: number): number {
  const preferred = rows < 2000 ? 32 : rows < 20000 ? 64 : 128;
  return batchChoices(rows).filter((b) => b <= preferred).at(-1) ?? 16;
}

export function portfolio(context: SpaceContext): TrialConfig[] {
  const common = { l1: 0, classWeight: 'none' as const, epochs: context.epochs, patience: patienceFor(context.epochs), batchSize: preferredBatch(context.rows) };
  const pieces = context.pieces ? 'pieces' : 'standard';
  const configs: TrialConfig[] = [
    { ...common, inputs: 'standard', hidden: [128, 128], activation: 'relu', dropout: 0.1, l2: 0, learningRate: 0.001 },
    { ...common, inputs: pieces, hidden: [128, 128], activation: 'relu', dropout: 0.1, l2: 0, learningRate: 0.001 },
    { ...common, inputs: 'standard', hidden: [512], activation: 'relu', dropout: 0.3, l2: 1e-5, learningRate: 0.001 },
    { ...common, inputs: pieces, hidden: [256, 128, 64], activation: 'gelu', dropout: 0.2, l2: 1e-5, learningRate: 0.0005 },
    { ...common, inputs: 'standard', hidden: [32, 16], activation: 'relu', dropout: 0, l2: 0, learningRate: 0.003 },
    { ...common, inputs: 'standard', hidden: [], activation: 'relu', dropout: 0, l2: 0, learningRate: 0.01 },
  ];
  if (context.rows <= CROSS_VALIDATION_MAX_ROWS) configs.push({ ...common, inputs: pieces, hidden: [256, 256], activation: 'relu', dropout: 0, l2: 1e-4, learningRate: 0.001 });
  const tuned = context.classification ? configs : configs.map((c) => ({ ...c, dropout: 0 }));
  // Without number columns both encodings are the same recipe: keep each network once.
  return tuned.filter((c, i) => tuned.findIndex((o) => JSON.stringify(o) === JSON.stringify(c)) === i);
}
