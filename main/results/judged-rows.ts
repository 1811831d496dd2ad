/**
 * Which rows of a table judge a model (importance, partial dependence, a report's numbers): its test rows when the
 * table is the very file it was trained on (same SHA-256: the recipe's seeded split finds them again), otherwise
 * every row, as for a fresh file held back for testing.
 */
import type { ImportanceResult } from '../../engine/insight/importance.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import { prepare } from '../../engine/prep/prepare.ts';
import { allRows } from '../../engine/prep/table-ops.ts';
import type { Table } from '../../engine/table/table.ts';

export interface RowsToJudge {
  readonly rows: Int32Array;
  /** 'test': the model's held-out test rows; 'all': every row of a file other than the training file. */
  readonly basis: 'test' | 'all';
}

const count = (n: number) => n.toLocaleString('en-US');

/** The rows an importance was measured on, in words: "the 178 test rows", "all 400 rows", "an even sample of 5,000 of the 20,354 test rows". */
export function rowsOf(result: Pick<ImportanceResult, 'rows' | 'sampledFrom'>, what: 'rows' | 'test rows'): string {
  if (result.sampledFrom !== null) return `an even sample of ${count(result.rows)} of the ${count(result.sampledFrom)} ${what}`;
  return what === 'rows' ? `all ${count(result.rows)} rows` : `the ${count(result.rows)} ${what}`;
}

export function rowsToJudge(model: LoadedModel, table: Table, sha256: string): RowsToJudge {
  if (sha256 !== model.file.provenance.source.sha256) return { rows: allRows(table.rowCount), basis: 'all' };
  return { rows: prepare(table, model.recipe.recipe).test.rowIndex, basis: 'test' };
}
