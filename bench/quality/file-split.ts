/**
 * One table's fixed 80/20 split, shared by every tool of `bench:quality`: the same rows train Layerlab and
 * scikit-learn, the same rows test them. Rows without a target are left out first; classification splits are
 * stratified by class (a 7-class table of 100 rows would otherwise miss classes in training). scikit-learn gets
 * the cells as Layerlab read them, written to CSV, without the columns Layerlab's suggested recipe drops
 * (IDs, free text, mostly empty columns): both tools see the same rows and columns.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitRows } from '../../engine/prep/split.ts';
import { suggestRecipe } from '../../engine/prep/suggest.ts';
import { allRows, takeRows } from '../../engine/prep/table-ops.ts';
import { classIndices, planTarget, requireTargetColumn, rowsWithTarget } from '../../engine/prep/target.ts';
import type { Task } from '../../engine/prep/types.ts';
import { cellValue, type Table } from '../../engine/table/table.ts';
import { csvLine } from '../../main/export/csv-text.ts';

export interface FileSplit {
  readonly train: Table;
  readonly test: Table;
  readonly task: Task;
  readonly classes: number;
  readonly trainCsv: string;
  readonly testCsv: string;
  /** Test rows whose inputs copy a training row's (docs/quality.md: where trees lead on red wine). */
  readonly copiedTestRows: number;
}

/**
 * Test rows whose inputs (every column the tools see, the target left out) equal some training row's. A model
 * that fits its training rows almost exactly, as boosted trees and forests do, scores such rows nearly for
 * free; a network stopped early on the validation loss does not. Red wine: a fifth of its test rows.
 */
export function copiedTestRows(train: Table, test: Table, target: string, skip: ReadonlySet<string>): number {
  const inputs = (table: Table) => table.columns.filter((c) => c.name !== target && !skip.has(c.name));
  const key = (columns: ReturnType<typeof inputs>, row: number): string => JSON.stringify(columns.map((c) => cellValue(c, row)));
  const trainColumns = inputs(train);
  const seen = new Set<string>();
  for (let row = 0; row < train.rowCount; row++) seen.add(key(trainColumns, row));
  const testColumns = inputs(test);
  let copies = 0;
  for (let row = 0; row < test.rowCount; row++) if (seen.has(key(testColumns, row))) copies++;
  return copies;
}

function writeCsv(path: string, table: Table, skip: ReadonlySet<string>): void {
  const columns = table.columns.filter((c) => !skip.has(c.name));
  const lines = [csvLine(columns.map((c) => c.name))];
  for (let row = 0; row < table.rowCount; row++) lines.push(csvLine(columns.map((c) => cellValue(c, row))));
  writeFileSync(path, lines.join(''));
}

export function splitFile(table: Table, target: string, task: Task | undefined, seed: number, dir: string): FileSplit {
  const targetColumn = requireTargetColumn(table, target);
  const kept = takeRows(table, rowsWithTarget(targetColumn));
  const keptTarget = requireTargetColumn(kept, target);
  const plan = planTarget(keptTarget, allRows(kept.rowCount), { column: target, ...(task ? { task } : {}) });
  const classes = plan.task === 'regression' ? undefined : classIndices(keptTarget, plan.classLabels!);
  const rows = splitRows(kept.rowCount, { train: 0.8, validation: 0, test: 0.2, stratify: classes !== undefined, seed }, classes);
  const train = takeRows(kept, rows.train);
  const test = takeRows(kept, rows.test);
  const recipe = suggestRecipe(train, { target, task: plan.task });
  const dropped = new Set(recipe.steps.flatMap((s) => (s.kind === 'drop-columns' ? s.params.columns : [])));
  mkdirSync(dir, { recursive: true });
  const trainCsv = join(dir, 'train.csv');
  const testCsv = join(dir, 'test.csv');
  writeCsv(trainCsv, train, dropped);
  writeCsv(testCsv, test, dropped);
  return { train, test, task: plan.task, classes: plan.classLabels?.length ?? 0, trainCsv, testCsv, copiedTestRows: copiedTestRows(train, test, target, dropped) };
}
