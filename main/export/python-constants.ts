/**
 * The constants the exported Python scripts (Keras, PyTorch) start with: where the data came from and how it was
 * read, the target and its classes, the raw columns and their kinds, the features, and the training settings.
 * The shared cleaning code reads only these.
 */
import type { ModelFile } from '../../engine/model/model-file.ts';
import { numberLabel } from '../../engine/prep/table-ops.ts';
import { py, pyFloat } from './python-literal.ts';

function inputKinds(file: ModelFile): Record<string, string> {
  return Object.fromEntries(file.recipe.inputSchema.map((c) => [c.name, c.type === 'datetime' ? 'date' : c.storage === 'number' ? 'number' : 'text']));
}

/** Python's name for the encoding Layerlab detected; utf-8-sig also skips a byte-order mark. */
function pythonEncoding(encoding: string | null | undefined): string | null {
  if (!encoding) return null;
  return encoding === 'utf-8' ? 'utf-8-sig' : encoding;
}

/** Whether the target's classes are numbers (Layerlab names them as JavaScript writes numbers): then cells are read as numbers. */
function classesAreNumbers(classLabels: readonly string[] | undefined): boolean {
  return classLabels !== undefined && classLabels.every((label) => label.trim() !== '' && numberLabel(Number(label)) === label);
}

export function pythonConstants(file: ModelFile): string {
  const { recipe, provenance, training } = file;
  const target = recipe.target;
  const source = provenance.source;
  const split = recipe.recipe.split;
  const metrics = file.metrics.test as Record<string, unknown> | null;
  const reported = metrics ? Object.fromEntries(['accuracy', 'balancedAccuracy', 'auc', 'r2', 'rmse', 'mae'].filter((k) => typeof metrics[k] === 'number').map((k) => [k, metrics[k] as number])) : {};
  return [
    `SOURCE = ${py({ name: source.name, sha256: source.sha256, rows: source.rows, sheet: source.sheet ?? null, delimiter: source.delimiter ?? null, decimalComma: source.decimalComma ?? false, encoding: pythonEncoding(source.encoding) })}`,
    `TARGET = ${py(target.column)}`,
    `TASK = ${py(target.task)}`,
    `CLASS_LABELS = ${py(target.classLabels ? [...target.classLabels] : null)}`,
    `TARGET_IS_NUMBER = ${py(classesAreNumbers(target.classLabels))}  # classes read from the cells as numbers ("1.0" is class "1")`,
    `TARGET_SCALE = ${py(target.scale ? { mean: target.scale.mean, std: target.scale.std } : null)}`,
    `THRESHOLD = ${pyFloat(file.decision?.threshold ?? 0.5)}  # binary: P(${target.classLabels?.[1] ?? 'positive'}) at or above it predicts ${target.classLabels?.[1] ?? 'the positive class'}`,
    `INPUT_COLUMNS = ${py(inputKinds(file))}`,
    `FEATURES = ${py([...recipe.features])}`,
    `SEED = ${training.settings.seed}`,
    `SPLIT = ${py({ validation: split.validation, test: split.test, stratify: split.stratify, seed: split.seed })}`,
    `EPOCHS = ${training.settings.epochs}`,
    `BATCH_SIZE = ${training.settings.batchSize}`,
    `CLASS_WEIGHT = ${py(training.settings.classWeight)}`,
    `LAYERLAB_TEST_METRICS = ${py(reported)}`,
  ].join('\n');
}
