/**
 * Calls that help understand a trained model: which inputs matter (permutation importance), what-if curves for
 * the prediction form's row, the trained network's picture, and the training report.
 * Spread into `calls` by main/api/contract.ts; handlers live in main/api/handlers/insight-handlers.ts.
 */
import type { ImportanceResult } from '../../../engine/insight/importance.ts';
import { MAX_REPEATS } from '../../../engine/insight/importance.ts';
import type { NetworkPicture } from '../../../engine/insight/network-picture.ts';
import type { WhatIfResult } from '../../../engine/insight/what-if.ts';
import { call, id } from '../call-spec.ts';
import { v } from '../validate.ts';
import { destination, type SavedFiles } from './file-calls.ts';

export const insightCalls = {
  /**
   * Permutation importance of every column on the model's test rows: the run's own, or found again in the open
   * dataset when it is the file the model was trained on. `unavailable` says what to open when neither is at hand.
   */
  importance: call(
    v.object({ modelId: id, datasetId: v.optional(id), repeats: v.optional(v.number({ min: 1, max: MAX_REPEATS, integer: true })), seed: v.optional(v.number({ min: 0, max: 2 ** 31, integer: true })) }),
  ).returns<ImportanceView>(),
  /** The form's row with one input moved across its values, and the average over the test rows when they are at hand. */
  whatIf: call(
    v.object({
      modelId: id,
      datasetId: v.optional(id),
      column: v.string({ min: 1, max: 1000 }),
      /** The form's values; empty text is a missing value. */
      values: v.array(v.object({ column: v.string({ min: 1, max: 1000 }), value: v.string({ max: 1000 }) }), { max: 5000 }),
    }),
  ).returns<WhatIfView>(),
  /** The trained network's neurons and strongest weights, and how the test rows activate each drawn neuron. */
  networkPicture: call(v.object({ modelId: id, datasetId: v.optional(id) })).returns<NetworkPictureView>(),
  /** The training report as one self-contained HTML file. */
  saveReport: call(v.object({ modelId: id, datasetId: v.optional(id), threshold: v.optional(v.number({ min: 0, max: 1 })), destination })).returns<SavedFiles>(),
} as const;

export type ImportanceView =
  | { readonly status: 'ready'; readonly result: ImportanceResult; readonly rowsText: string }
  | { readonly status: 'unavailable'; readonly message: string };

export interface WhatIfView extends WhatIfResult {
  /** Why there is no average curve, when there is none. */
  readonly averageNote: string | null;
}

export interface NetworkPictureView {
  readonly picture: NetworkPicture;
  /** Whose activity the neurons show ("the 178 test rows of titanic.csv"); null when no rows were at hand. */
  readonly rowsText: string | null;
}
