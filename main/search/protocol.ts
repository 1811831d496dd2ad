/**
 * The one message protocol between a search (main thread) and its trial workers. Every worker prepares the
 * data itself from the table and recipe (identical, deterministic results); then it runs whatever job it is
 * given. Out-of-fold predictions travel in the transfer list.
 */
import type { ModelBaselines } from '../../engine/model/model-file.ts';
import type { NetworkJSON } from '../../engine/nn/network-json.ts';
import type { SplitEvaluation } from '../../engine/pipeline/train-job.ts';
import type { FittedRecipe, Recipe, StepReport } from '../../engine/prep/types.ts';
import type { FoldChoice } from '../../engine/search/search-data.ts';
import type { TrialRequest } from '../../engine/search/scheduler.ts';
import type { TrialOutcome } from '../../engine/search/trial.ts';
import type { InputEncoding } from '../../engine/search/trial-config.ts';
import type { Table } from '../../engine/table/table.ts';

/** What the main thread learns from preparing: never the test rows' values. */
export interface PreparedInfo {
  readonly fitted: Readonly<Partial<Record<InputEncoding, FittedRecipe>>>;
  readonly reports: readonly StepReport[];
  /** Non-test rows (all folds together) and test rows. */
  readonly rows: { readonly nonTest: number; readonly test: number };
  readonly folds: readonly { readonly train: number; readonly validation: number }[];
  /** The non-test rows' targets as the network learns them: what ensembles are chosen against. */
  readonly y: Float32Array;
}

export type SearchJob =
  | { readonly type: 'prepare'; readonly table: Table; readonly recipe: Recipe; readonly folds: FoldChoice }
  | { readonly type: 'trial'; readonly request: TrialRequest; readonly control: SharedArrayBuffer }
  | { readonly type: 'baselines'; readonly seed: number; readonly control: SharedArrayBuffer }
  | { readonly type: 'test'; readonly encoding: InputEncoding; readonly networks: readonly NetworkJSON[] };

export type SearchJobResult =
  | { readonly type: 'prepared'; readonly info: PreparedInfo }
  | { readonly type: 'trial'; readonly outcome: TrialOutcome }
  | { readonly type: 'baselines'; readonly baselines: ModelBaselines | null }
  | { readonly type: 'test'; readonly evaluation: SplitEvaluation | null }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
