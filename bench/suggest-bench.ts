/**
 * CPU time the engine worker spends suggesting on a large table, as the app asks when a file opens: the Data
 * step's target suggestion, then the recipe suggested without a target (the `suggest` call: the ranking again,
 * the recipe for the first accepted target, its task). One thread; CPU time of this process, so the machine's
 * load changes it little. The table: the file given, else the 1M × 50 table of `npm run bench:memory`.
 *
 *   npx tsx bench/suggest-bench.ts [file.csv]
 */
import { cpuUsage } from 'node:process';
import { defaultRecipe, detectTask } from '../engine/prep/index.ts';
import { labelTally } from '../engine/prep/label-tally.ts';
import { suggestTarget } from '../engine/prep/target-choice.ts';
import { findColumn } from '../engine/table/table.ts';
import { loadTable } from '../main/io/load-table.ts';
import { writeWideTable } from './wide-table.ts';

const file = process.argv[2] ?? (await writeWideTable());
const { table } = await loadTable(file, { parallel: 'never' });

function cpuSeconds<T>(work: () => T): [T, number] {
  const start = cpuUsage();
  const result = work();
  const used = cpuUsage(start);
  return [result, (used.user + used.system) / 1e6];
}

const [target, targetSeconds] = cpuSeconds(() => suggestTarget(table));
const [recipe, recipeSeconds] = cpuSeconds(() => {
  const suggested = defaultRecipe(table);
  detectTask(findColumn(table, suggested.target.column)!, labelTally(findColumn(table, suggested.target.column)!).counts);
  return suggested;
});
console.log(`${file}: ${table.rowCount.toLocaleString('en-US')} rows × ${table.columns.length} columns`);
console.log(`target suggestion: ${targetSeconds.toFixed(2)} s CPU ("${target.suggested?.column}")`);
console.log(`recipe suggestion after it: ${recipeSeconds.toFixed(2)} s CPU (${recipe.steps.length} steps, target "${recipe.target.column}")`);
