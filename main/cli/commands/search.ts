import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { appIdentity, modelSource } from '../../export/app-identity.ts';
import { saveModelFile } from '../../export/model-io.ts';
import { loadTable } from '../../io/load-table.ts';
import { WorkerExecutor } from '../../search/executors.ts';
import { searchModelFile } from '../../search/search-model.ts';
import { SearchSession } from '../../search/search-session.ts';
import { fileAndTarget, LEARNING_OPTIONS, listOption, numberOption } from '../args.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';
import { searchJson, searchText } from '../search-summary.ts';
import { buildRecipe } from '../train-recipe.ts';

/** Trials whose networks the final model may average (each brings its fold networks). */
export const DEFAULT_ENSEMBLE_TRIALS = 3;
const DEFAULT_BUDGET_SECONDS = 60;

const USAGE = `usage: layerlab search <file> --target <column> [options]
  Finds a good network for the file: trials of different depths, widths, activations, dropout, L1/L2,
  learning rates, batch sizes and class weights, each validated on the non-test rows (never the test rows),
  run in parallel on ${Math.min(2, availableParallelism())} worker threads. Reports the chosen model's test score once.
  --budget-seconds 60     wall-clock time for the whole search, preparation included [default 60 without --trials]
  --trials N              most trials to run; alone (no --budget-seconds) the search is deterministic
  --folds K               K-fold cross-validation of each trial (1: one hold-out) [default 5 up to 3,000 rows, else 1]
  --seed 42               seed of the split, the folds, the sampler and every trial
  --drop a,b              columns to leave out (besides the ones the suggested recipe drops)
  --task binary|multiclass|regression   override the detected task
  --test-size 0.2         share of rows held out for the final test
  --ensemble N            most trials the final model averages [default ${DEFAULT_ENSEMBLE_TRIALS}; 1: the best trial's networks only]
  --sheet NAME            sheet of an .xlsx workbook
  --out model.json        save the chosen model (layerlab predict reads it)
  --json                  print one JSON object instead of the summary`;

const options = {
  ...LEARNING_OPTIONS,
  'budget-seconds': { type: 'string' },
  trials: { type: 'string' },
  ensemble: { type: 'string' },
} as const;

const wholeAtLeast = (min: number) => (n: number) => Number.isInteger(n) && n >= min;

export const searchCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  const { file, target, task } = fileAndTarget(positionals, values, USAGE);
  const trials = values.trials === undefined ? undefined : numberOption(values.trials, 'trials', 0, wholeAtLeast(1), 'a whole number ≥ 1');
  const budgetSeconds =
    values['budget-seconds'] === undefined ? (trials === undefined ? DEFAULT_BUDGET_SECONDS : undefined) : numberOption(values['budget-seconds'], 'budget-seconds', 0, (n) => n > 0, 'a number of seconds above 0 (e.g. 60)');
  const folds = values.folds === undefined ? 'auto' : numberOption(values.folds, 'folds', 0, wholeAtLeast(1), 'a whole number ≥ 1 (1: one hold-out; 5 or 10 are usual)');
  const seed = numberOption(values.seed, 'seed', 42, wholeAtLeast(0), 'a whole number ≥ 0');
  const testSize = numberOption(values['test-size'], 'test-size', 0.2, (n) => n >= 0 && n < 0.9, 'a fraction in [0, 0.9)');
  const ensembleTrials = numberOption(values.ensemble, 'ensemble', DEFAULT_ENSEMBLE_TRIALS, wholeAtLeast(1), 'a whole number ≥ 1');

  const loaded = await loadTable(file, values.sheet ? { sheet: values.sheet } : {});
  const recipe = buildRecipe(loaded.table, { target, drop: listOption(values.drop), ...(task ? { task } : {}), split: { test: testSize, validation: 0, seed } });
  const session = new SearchSession(
    loaded.table,
    recipe,
    { ...(budgetSeconds !== undefined ? { budgetSeconds } : {}), ...(trials !== undefined ? { trials } : {}), folds, seed, ensembleTrials },
    new WorkerExecutor(Math.max(1, Math.min(2, availableParallelism()))),
  );
  const result = await session.run();
  if (values.out) await saveModelFile(values.out, searchModelFile(result, modelSource(loaded), await appIdentity()));
  // Notes about the file come after a success: a refused search says one thing, the reason.
  for (const warning of loaded.warnings) io.stderr.write(`layerlab search: note: ${warning}\n`);
  const summary = { file: basename(file), table: loaded.table, result, out: values.out ?? null };
  io.stdout.write(values.json ? `${JSON.stringify(searchJson(summary))}\n` : searchText(summary));
  return 0;
});
