import type { PreparedSearch } from '../../engine/search/search-data.ts';
import type { FittedRecipe } from '../../engine/prep/types.ts';
import type { InputEncoding } from '../../engine/search/trial-config.ts';
import type { PreparedInfo } from './protocol.ts';

/** The part of a prepared search the main thread may see: fitted recipes, row counts, non-test targets. */
export function preparedInfo(prepared: PreparedSearch): PreparedInfo {
  const fitted: Partial<Record<InputEncoding, FittedRecipe>> = {};
  for (const [encoding, data] of Object.entries(prepared.encodings)) fitted[encoding as InputEncoding] = data.fitted;
  const standard = prepared.encodings.standard!;
  return {
    fitted,
    reports: prepared.reports,
    rows: { nonTest: standard.rows.rows, test: prepared.test.standard!.rows },
    folds: prepared.folds.map((f) => ({ train: f.train.length, validation: f.validation.length })),
    y: Float32Array.from(standard.rows.y),
  };
}
