import { basename } from 'node:path';
import { UserFacingError } from '../../../engine/errors.ts';
import { DEFAULT_MAX_ROWS, DEFAULT_REPEATS, MAX_REPEATS, permutationImportance, type ImportanceResult } from '../../../engine/insight/importance.ts';
import { readModelFile } from '../../export/model-io.ts';
import { loadTable } from '../../io/load-table.ts';
import { rowsOf, rowsToJudge } from '../../results/judged-rows.ts';
import { numberOption } from '../args.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';

const DEFAULT_SEED = 42;

const USAGE = `usage: layerlab importance <model.json> <file> [--repeats ${DEFAULT_REPEATS}] [--seed ${DEFAULT_SEED}] [--max-rows ${DEFAULT_MAX_ROWS}] [--sheet NAME] [--json]
  Permutation importance: for each column of <file>, how much the test metric (accuracy, or R² for a number)
  drops when that column's values are shuffled among the rows, repeated --repeats times (mean ± spread).
  <file> must hold the target. When it is the file the model was trained on, its test rows are used; any other
  file is judged on every row; beyond --max-rows rows, on an even sample of them. --json prints
  {metric, baseline, columns: [{column, importance, std}]}, most important first.`;

const options = { repeats: { type: 'string' }, seed: { type: 'string' }, 'max-rows': { type: 'string' }, sheet: { type: 'string' }, json: { type: 'boolean' } } as const;

const fixed = (n: number) => n.toFixed(3).replace(/^-(0\.0+)$/, '$1');

function text(result: ImportanceResult, rowsText: string): string {
  const width = Math.max(...result.columns.map((c) => c.column.length), 6);
  const top = Math.max(...result.columns.map((c) => c.importance), 1e-12);
  const lines = result.columns.map((c) => {
    const name = c.column.padEnd(width);
    if (!c.used) return `  ${name}  ${'0'.padStart(6)}          ${c.note}`;
    const bar = '█'.repeat(Math.max(0, Math.round((c.importance / top) * 20)));
    return `  ${name}  ${fixed(c.importance).padStart(6)} ± ${fixed(c.std)}  ${bar}${c.note ? `  (${c.note})` : ''}`;
  });
  return [
    `Permutation importance on ${rowsText}: ${result.metric === 'r2' ? 'R²' : 'accuracy'} ${fixed(result.baseline)} as they are; ${result.repeats} shuffles per column, seed ${result.seed}.`,
    `How much the ${result.metric === 'r2' ? 'R²' : 'accuracy'} drops when a column is shuffled (near 0 or below: the model does not rely on it):`,
    ...lines,
    '',
  ].join('\n');
}

export const importanceCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and a data file that holds the target.\n${USAGE}`);
  const repeats = numberOption(values.repeats, 'repeats', DEFAULT_REPEATS, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_REPEATS, `a whole number from 1 to ${MAX_REPEATS}`);
  const seed = numberOption(values.seed, 'seed', DEFAULT_SEED, Number.isSafeInteger, 'a whole number');
  const maxRows = numberOption(values['max-rows'], 'max-rows', DEFAULT_MAX_ROWS, (n) => Number.isInteger(n) && n >= 2, 'a whole number of at least 2');
  const [modelPath, dataPath] = positionals as [string, string];
  const model = await readModelFile(modelPath);
  const loaded = await loadTable(dataPath, values.sheet ? { sheet: values.sheet } : {});
  const judged = rowsToJudge(model, loaded.table, loaded.source.sha256);
  const result = permutationImportance(model, loaded.table, judged.rows, { repeats, seed, maxRows });
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ ...result, basis: judged.basis })}\n`);
    return 0;
  }
  const name = basename(dataPath);
  const rowsText = `${rowsOf(result, judged.basis === 'test' ? 'test rows' : 'rows')} of ${name}${judged.basis === 'test' ? ' (the file it was trained on)' : ''}`;
  io.stdout.write(text(result, rowsText));
  return 0;
});
