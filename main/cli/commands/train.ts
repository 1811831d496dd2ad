import { basename } from 'node:path';
import { UserFacingError } from '../../../engine/errors.ts';
import { ACTIVATIONS, isActivationName } from '../../../engine/nn/activations.ts';
import { OPTIMIZER_KINDS, type OptimizerKind } from '../../../engine/nn/optimizers/create-optimizer.ts';
import { defaultEpochs, defaultHiddenUnits, defaultPatience, defaultTrainingSettings, denseStack, MAX_DEFAULT_WIDTH, patienceSettings } from '../../../engine/pipeline/training-settings.ts';
import { runPreparedJob } from '../../../engine/pipeline/train-job.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { warmUpTraining } from '../../../engine/pipeline/warm-up.ts';
import { crossValidate } from '../../../engine/pipeline/cross-validate.ts';
import { buildModelFile } from '../../../engine/model/model-file.ts';
import { appIdentity, modelSource } from '../../export/app-identity.ts';
import { saveModelFile } from '../../export/model-io.ts';
import { loadTable } from '../../io/load-table.ts';
import { gradientHelperStarter } from '../../training/gradient-helper.ts';
import { fileAndTarget, LEARNING_OPTIONS, listOption, numberOption, typesOption } from '../args.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';
import { jsonSummary, textSummary } from '../train-summary.ts';
import { buildRecipe } from '../train-recipe.ts';

const USAGE = `usage: layerlab train <file> --target <column> [options]
  --drop a,b              columns to leave out (besides the ones the suggested recipe drops)
  --hidden 32,16          hidden layer sizes ("" for none) [default: 32,16; with 3+ classes about twice the
                          inputs plus classes, up to ${MAX_DEFAULT_WIDTH},${MAX_DEFAULT_WIDTH / 2}]
  --activation relu       hidden activation: ${ACTIVATIONS.join(', ')}
  --dropout 0             dropout rate after each hidden layer
  --epochs 100            most epochs (early stopping may end sooner) [default: 100, more for small tables:
                          about 4,000 batch steps, up to 400]
  --batch-size 32
  --optimizer adam        ${OPTIMIZER_KINDS.join(', ')}
  --learning-rate 0.001
  --test-size 0.2         share of rows held out for the final test
  --validation-size 0.1   share of rows watched by early stopping (0: no early stopping)
  --patience 10           epochs without validation improvement before stopping (0: never stop early)
                          [default: a tenth of the epochs, at least 10]
  --task binary|multiclass|regression   override the detected task
  --class-weight balanced weigh rare classes up
  --folds K               also K-fold cross-validate the network on the non-test rows: each metric as mean ± spread
  --type col=categorical  set column types (numeric, integer, boolean, categorical, datetime, text, id), comma-separated
  --sheet NAME            sheet of an .xlsx workbook
  --seed 42
  --threads 2             threads for large batches (1: one core; the weights are the same either way)
  --out model.json        save the trained model
  --json                  print one JSON object instead of the summary`;

const options = {
  ...LEARNING_OPTIONS,
  hidden: { type: 'string' },
  activation: { type: 'string' },
  dropout: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  optimizer: { type: 'string' },
  'learning-rate': { type: 'string' },
  'validation-size': { type: 'string' },
  patience: { type: 'string' },
  'class-weight': { type: 'string' },
  type: { type: 'string' },
  threads: { type: 'string' },
} as const;

const between = (lo: number, hi: number) => (n: number) => n >= lo && n < hi;

export const trainCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  const { file, target, task } = fileAndTarget(positionals, values, USAGE);

  const activation = values.activation ?? 'relu';
  if (!isActivationName(activation)) throw new UserFacingError('usage', `--activation must be one of ${ACTIVATIONS.join(', ')}, got "${activation}".`);
  const optimizer = (values.optimizer ?? 'adam') as OptimizerKind;
  if (!OPTIMIZER_KINDS.includes(optimizer)) throw new UserFacingError('usage', `--optimizer must be one of ${OPTIMIZER_KINDS.join(', ')}, got "${values.optimizer}".`);
  if (values['class-weight'] !== undefined && values['class-weight'] !== 'balanced') throw new UserFacingError('usage', `--class-weight takes "balanced", got "${values['class-weight']}".`);
  const chosenHidden = values.hidden === undefined ? null : listOption(values.hidden).map((u) => numberOption(u, 'hidden', 0, (n) => Number.isInteger(n) && n >= 1, 'whole numbers ≥ 1 separated by commas'));
  const testSize = numberOption(values['test-size'], 'test-size', 0.2, between(0, 1), 'a fraction in [0, 1)');
  const validationSize = numberOption(values['validation-size'], 'validation-size', 0.1, between(0, 1), 'a fraction in [0, 1)');
  if (testSize + validationSize >= 0.95) throw new UserFacingError('usage', `--test-size and --validation-size leave almost nothing to train on (${testSize} + ${validationSize}).`);
  const chosenPatience = values.patience === undefined ? null : numberOption(values.patience, 'patience', 10, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0');
  const chosenEpochs = values.epochs === undefined ? null : numberOption(values.epochs, 'epochs', 100, (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');
  const batchSize = numberOption(values['batch-size'], 'batch-size', 32, (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');
  const learningRate = numberOption(values['learning-rate'], 'learning-rate', optimizer === 'sgd' ? 0.01 : 0.001, (n) => n > 0, 'a number > 0');
  const seed = numberOption(values.seed, 'seed', 42, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0');
  const threads = numberOption(values.threads, 'threads', 2, (n) => n === 1 || n === 2, '1 or 2');
  const folds = values.folds === undefined ? null : numberOption(values.folds, 'folds', 0, (n) => Number.isInteger(n) && n >= 2, 'a whole number ≥ 2 (5 or 10 are usual)');

  const dropout = numberOption(values.dropout, 'dropout', 0, between(0, 1), 'a rate in [0, 1)');

  // Compiles and warms the training code (on generated rows) before anything is timed: once per process.
  const warming = performance.now();
  warmUpTraining();
  const warmUpSeconds = (performance.now() - warming) / 1000;
  const loaded = await loadTable(file, { ...(values.sheet ? { sheet: values.sheet } : {}), columnTypes: typesOption(values.type) });
  const recipe = buildRecipe(loaded.table, {
    target,
    drop: listOption(values.drop),
    ...(task ? { task } : {}),
    split: { test: testSize, validation: validationSize, seed },
  });
  const preparing = performance.now();
  const prepared = prepare(loaded.table, recipe);
  const prepareSeconds = (performance.now() - preparing) / 1000;
  // Epochs and patience follow the training rows unless chosen (small tables get more epochs: defaultEpochs).
  const epochs = chosenEpochs ?? defaultEpochs(prepared.train.rows, batchSize).epochs;
  const patience = chosenPatience ?? defaultPatience(epochs);
  const settings = defaultTrainingSettings({
    epochs,
    batchSize,
    optimizer: { kind: optimizer, learningRate } as never,
    seed,
    classWeight: values['class-weight'] === 'balanced' ? 'balanced' : 'none',
    ...(patience === 0 || validationSize === 0 ? { earlyStopping: false as const, reduceLrOnPlateau: false as const } : patienceSettings(patience)),
  });
  // The default width follows the prepared inputs (one-hot columns included) and the classes.
  const hidden = chosenHidden ?? defaultHiddenUnits(prepared.fitted.features.length, prepared.fitted.target.outputWidth);
  const design = { hidden: denseStack(hidden, activation, dropout) };
  // Before the timed job: `seconds` stays the one training job (its preparation included), with or without --folds.
  const crossValidation = folds === null ? null : crossValidate(loaded.table, recipe, design, settings, folds);
  const started = performance.now();
  const result = runPreparedJob({ prepared, design, settings }, {}, undefined, { startHelper: threads === 2 ? gradientHelperStarter() : null });
  const seconds = prepareSeconds + (performance.now() - started) / 1000;
  // Notes about the file come after a success: a refused run says one thing, the reason.
  for (const warning of loaded.warnings) io.stderr.write(`layerlab train: note: ${warning}\n`);

  if (values.out) {
    await saveModelFile(values.out, buildModelFile({ result, design, settings, source: modelSource(loaded), app: await appIdentity() }));
  }
  const summaryInput = { file: basename(file), table: loaded.table, result, seconds, warmUpSeconds, out: values.out ?? null, crossValidation };
  io.stdout.write(values.json ? `${JSON.stringify(jsonSummary(summaryInput))}\n` : textSummary(summaryInput));
  return 0;
});
