/**
 * A runnable Keras (Python) script from a model file: the four steps of the classic "ANN with Keras" recipe
 * as code — clean the data (the fitted recipe, constants written in), build the same network, train it with
 * the same settings, evaluate it with a confusion matrix — for learners, and for training at scale elsewhere.
 * Needs pandas, numpy, scikit-learn (the split) and Keras 3; pandas and numpy alone run the cleaning, so
 * `clean(load_data(path))` also works where Keras is not installed.
 */
import type { ModelFile } from '../../engine/model/model-file.ts';
import type { LayerSpec } from '../../engine/nn/network-spec.ts';
import type { OptimizerSettings } from '../../engine/nn/optimizers/create-optimizer.ts';
import { specFromTopology } from '../../engine/model/tfjs-topology.ts';
import { writeFileAtomic } from '../project/atomic-write.ts';
import { cleaningCode } from './keras-cleaning.ts';
import { PYTHON_HELPERS } from './keras-helpers.ts';
import { py, pyComment, pyFloat } from './python-literal.ts';

const KERAS_LOSS: Record<string, string> = {
  binary_crossentropy: '"binary_crossentropy"',
  categorical_crossentropy: '"categorical_crossentropy"',
  sparse_categorical_crossentropy: '"sparse_categorical_crossentropy"',
  mse: '"mean_squared_error"',
  mae: '"mean_absolute_error"',
  huber: 'keras.losses.Huber(delta=1.0)',
};

const OPTIMIZER: Record<OptimizerSettings['kind'], [className: string, args: Record<string, string>]> = {
  adam: ['Adam', { beta1: 'beta_1', beta2: 'beta_2', epsilon: 'epsilon', amsgrad: 'amsgrad' }],
  adamw: ['AdamW', { beta1: 'beta_1', beta2: 'beta_2', epsilon: 'epsilon', amsgrad: 'amsgrad' }],
  sgd: ['SGD', { momentum: 'momentum', nesterov: 'nesterov' }],
  rmsprop: ['RMSprop', { rho: 'rho', momentum: 'momentum', epsilon: 'epsilon', centered: 'centered' }],
  adagrad: ['Adagrad', { initialAccumulatorValue: 'initial_accumulator_value', epsilon: 'epsilon' }],
};
const COMMON_OPTIMIZER_ARGS: Record<string, string> = { learningRate: 'learning_rate', weightDecay: 'weight_decay', clipnorm: 'clipnorm', globalClipnorm: 'global_clipnorm', clipvalue: 'clipvalue' };

function optimizerCode(settings: OptimizerSettings): string {
  const [className, own] = OPTIMIZER[settings.kind];
  const names = { ...COMMON_OPTIMIZER_ARGS, ...own };
  const args = Object.entries(settings)
    .filter(([key, value]) => key !== 'kind' && value !== undefined && names[key])
    .map(([key, value]) => `${names[key]}=${typeof value === 'number' ? pyFloat(value) : py(value as boolean)}`);
  return `keras.optimizers.${className}(${args.join(', ')})`;
}

function layerCode(layer: LayerSpec): string {
  if (layer.type === 'dropout') return `layers.Dropout(${pyFloat(layer.rate)})`;
  if (layer.type === 'batchNormalization') return `layers.BatchNormalization(momentum=${pyFloat(layer.momentum ?? 0.99)}, epsilon=${pyFloat(layer.epsilon ?? 1e-3)})`;
  const args = [String(layer.units), `activation=${py(layer.activation ?? 'linear')}`];
  if (layer.useBias === false) args.push('use_bias=False');
  if (layer.kernelInitializer && layer.kernelInitializer !== 'glorot_uniform') args.push(`kernel_initializer=${py(layer.kernelInitializer)}`);
  if (layer.biasInitializer && layer.biasInitializer !== 'zeros') args.push(`bias_initializer=${py(layer.biasInitializer)}`);
  if (layer.l1 || layer.l2) args.push(`kernel_regularizer=keras.regularizers.L1L2(l1=${pyFloat(layer.l1 ?? 0)}, l2=${pyFloat(layer.l2 ?? 0)})`);
  return `layers.Dense(${args.join(', ')})`;
}

function callbacksCode(file: ModelFile): string[] {
  const { earlyStopping, reduceLrOnPlateau } = file.training.settings;
  const lines: string[] = [];
  if (earlyStopping) {
    lines.push(`keras.callbacks.EarlyStopping(monitor=monitor, patience=${earlyStopping.patience}, min_delta=${pyFloat(earlyStopping.minDelta ?? 0)}, restore_best_weights=${py(earlyStopping.restoreBestWeights)})`);
  }
  if (reduceLrOnPlateau) {
    lines.push(`keras.callbacks.ReduceLROnPlateau(monitor=monitor, patience=${reduceLrOnPlateau.patience}, factor=${pyFloat(reduceLrOnPlateau.factor)}, min_lr=${pyFloat(reduceLrOnPlateau.minLearningRate ?? 0)})`);
  }
  return lines;
}

function inputKinds(file: ModelFile): Record<string, string> {
  return Object.fromEntries(file.recipe.inputSchema.map((c) => [c.name, c.type === 'datetime' ? 'date' : c.storage === 'number' ? 'number' : 'text']));
}

/** Python's name for the encoding Layerlab detected; utf-8-sig also skips a byte-order mark. */
function pythonEncoding(encoding: string | null | undefined): string | null {
  if (!encoding) return null;
  return encoding === 'utf-8' ? 'utf-8-sig' : encoding;
}

function constants(file: ModelFile): string {
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
    `TARGET_SCALE = ${py(target.scale ? { mean: target.scale.mean, std: target.scale.std } : null)}`,
    `THRESHOLD = ${pyFloat(file.decision?.threshold ?? 0.5)}  # binary: P(${target.classLabels?.[1] ?? 'positive'}) at or above it predicts ${target.classLabels?.[1] ?? 'the positive class'}`,
    `INPUT_COLUMNS = ${py(inputKinds(file))}`,
    `FEATURES = ${py([...recipe.features])}`,
    `SEED = ${training.settings.seed}`,
    `SPLIT = ${py({ validation: split.validation, test: split.test, stratify: split.stratify })}`,
    `EPOCHS = ${training.settings.epochs}`,
    `BATCH_SIZE = ${training.settings.batchSize}`,
    `CLASS_WEIGHT = ${py(training.settings.classWeight)}`,
    `LAYERLAB_TEST_METRICS = ${py(reported)}`,
  ].join('\n');
}

const STEP1_TAIL = String.raw`
    missing = [name for name in FEATURES if name not in frame.columns]
    if missing:
        raise ValueError(f"the recipe did not produce the features {missing}")
    features = frame[FEATURES].astype("float64")
    usable = np.isfinite(features).all(axis=1)
    y = encode_target(frame[TARGET]) if TARGET in frame.columns else None
    if training and y is not None:
        usable &= y.notna()
    if not usable.all():
        print(f"{int((~usable).sum())} rows left out: empty or infinite values the recipe does not fill")
    return features[usable].astype("float32"), (y[usable] if y is not None else None)


def encode_target(values):
    """y as the network learns it: 0/1, the class index, or the standardized value."""
    if TASK == "regression":
        return values if TARGET_SCALE is None else (values - TARGET_SCALE["mean"]) / TARGET_SCALE["std"]
    return values.map({label: index for index, label in enumerate(CLASS_LABELS)}).astype("float64")
`;

const STEP3_AND_4 = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 3: train it. Same proportions, seed and settings as in Layerlab; scikit-learn draws its own rows, so the
# split (and therefore the scores) differ a little from Layerlab's.
# ---------------------------------------------------------------------------------------------------------
def split(X, y):
    from sklearn.model_selection import train_test_split

    def cut(X, y, fraction):
        if fraction <= 0:
            return X, X.iloc[:0], y, y.iloc[:0]
        stratify = y if TASK != "regression" and SPLIT["stratify"] else None
        return train_test_split(X, y, test_size=fraction, stratify=stratify, random_state=SEED)

    X_rest, X_test, y_rest, y_test = cut(X, y, SPLIT["test"])
    X_train, X_val, y_train, y_val = cut(X_rest, y_rest, SPLIT["validation"] / (1 - SPLIT["test"]))
    return X_train, X_val, X_test, y_train, y_val, y_test


def train(model, X_train, y_train, X_val, y_val):
    import keras

    validation = (X_val.to_numpy(), y_val.to_numpy()) if len(X_val) else None
    monitor = "val_loss" if validation else "loss"
    class_weight = None
    if CLASS_WEIGHT == "balanced" and TASK != "regression":
        counts = y_train.value_counts()
        class_weight = {int(k): len(y_train) / (len(CLASS_LABELS) * n) for k, n in counts.items()}
    return model.fit(X_train.to_numpy(), y_train.to_numpy(), validation_data=validation, epochs=EPOCHS, batch_size=BATCH_SIZE,
                     callbacks=callbacks(keras, monitor), class_weight=class_weight, verbose=2)


# ---------------------------------------------------------------------------------------------------------
# Step 4: evaluate it on the test rows (Layerlab's own test scores are in LAYERLAB_TEST_METRICS).
# ---------------------------------------------------------------------------------------------------------
def evaluate(model, X_test, y_test):
    outputs = model.predict(X_test.to_numpy(), verbose=0)
    if TASK == "regression":
        scale = TARGET_SCALE or {"mean": 0.0, "std": 1.0}
        actual = y_test.to_numpy() * scale["std"] + scale["mean"]
        predicted = outputs[:, 0] * scale["std"] + scale["mean"]
        errors = predicted - actual
        r2 = 1 - np.sum(errors ** 2) / np.sum((actual - actual.mean()) ** 2)
        print(f"test R² {r2:.4f}, RMSE {np.sqrt(np.mean(errors ** 2)):.4f}, MAE {np.mean(np.abs(errors)):.4f}")
    else:
        actual = y_test.to_numpy().astype(int)
        predicted = (outputs[:, 0] >= THRESHOLD).astype(int) if TASK == "binary" else outputs.argmax(axis=1)
        confusion = np.zeros((len(CLASS_LABELS), len(CLASS_LABELS)), dtype=int)
        np.add.at(confusion, (actual, predicted), 1)
        print(f"test accuracy {np.mean(actual == predicted):.4f}")
        print("confusion matrix (rows: actual, columns: predicted)")
        print(pd.DataFrame(confusion, index=CLASS_LABELS, columns=CLASS_LABELS).to_string())
    print(f"Layerlab's test scores: {LAYERLAB_TEST_METRICS}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=SOURCE["name"], help=f"the data file (default: {SOURCE['name']})")
    parser.add_argument("--save", default="model.keras", help="where to save the trained Keras model")
    args = parser.parse_args()

    import keras

    keras.utils.set_random_seed(SEED)
    X, y = clean(load_data(args.data))
    print(f"{len(X)} rows x {X.shape[1]} features after cleaning")
    X_train, X_val, X_test, y_train, y_val, y_test = split(X, y)
    model = build_model()
    model.summary()
    train(model, X_train, y_train, X_val, y_val)
    if len(X_test):
        evaluate(model, X_test, y_test)
    model.save(args.save)
    print(f"saved {args.save}")


if __name__ == "__main__":
    main()
`;

function header(file: ModelFile): string {
  const { recipe, provenance } = file;
  const target = recipe.target;
  const what = target.task === 'regression' ? `"${target.column}" (regression)` : `"${target.column}" (${target.task}: ${target.classLabels!.join(' / ')})`;
  return [
    '#!/usr/bin/env python3',
    pyComment(
      [
        `Exported by ${provenance.app.name} ${provenance.app.version} from a model trained on ${provenance.source.name}`,
        `(${provenance.source.rows} rows, SHA-256 ${provenance.source.sha256}) on ${provenance.created}.`,
        `It predicts ${what} from ${recipe.features.length} features.`,
        '',
        'Run:   python3 this_script.py [data file] [--save model.keras]',
        'Needs: pandas, numpy, scikit-learn and Keras 3 (pip install pandas scikit-learn keras tensorflow).',
      ].join('\n'),
    ),
    '"""Layerlab\'s model as Keras code: 1. clean the data, 2. build the network, 3. train it, 4. evaluate it."""',
  ].join('\n');
}

export function kerasScript(file: ModelFile): string {
  const { spec } = specFromTopology(file.network.modelTopology, file.network.loss);
  const task = file.recipe.target.task;
  const metrics = task === 'regression' ? '["mean_absolute_error"]' : '["accuracy"]';
  const callbacks = callbacksCode(file);
  return `${header(file)}
import argparse
import math
from decimal import Decimal

import numpy as np
import pandas as pd

${constants(file)}
${PYTHON_HELPERS}

# ---------------------------------------------------------------------------------------------------------
# Step 1: clean the data with the recipe Layerlab fitted on its training rows (the constants are written in).
# ---------------------------------------------------------------------------------------------------------
def load_data(path):
    """The file, with each column the model reads typed as Layerlab typed it."""
    frame = read_table(path)
    absent = [name for name in INPUT_COLUMNS if name not in frame.columns]
    if absent:
        raise SystemExit(f"{path} lacks the columns the model needs: {absent}")
    for name, kind in INPUT_COLUMNS.items():
        if kind == "number":
            frame[name] = as_numbers(frame[name], SOURCE["decimalComma"])
        elif kind == "date":
            frame[name] = pd.to_datetime(frame[name], utc=True, errors="coerce")
        else:
            frame[name] = as_labels(frame[name])
    if TARGET in frame.columns:
        frame[TARGET] = as_numbers(frame[TARGET], SOURCE["decimalComma"]) if TASK == "regression" else target_labels(frame[TARGET])
    return frame


def clean(frame, training=True):
    """X (float32, the FEATURES in order) and y as the network learns it (None without a target column).
    The index of X keeps each row's position in the file; rows a step removes are left out."""
${cleaningCode(file.recipe)}${STEP1_TAIL}

# ---------------------------------------------------------------------------------------------------------
# Step 2: build the network (the same layers, activations and initializers as in Layerlab).
# ---------------------------------------------------------------------------------------------------------
def build_model():
    import keras
    from keras import layers

    model = keras.Sequential([
        keras.Input(shape=(${spec.inputSize},)),
${spec.layers.map((layer) => `        ${layerCode(layer)},`).join('\n')}
    ])
    model.compile(optimizer=${optimizerCode(file.training.settings.optimizer)}, loss=${KERAS_LOSS[file.network.loss]}, metrics=${metrics})
    return model


def callbacks(keras, monitor):
    return [${callbacks.length ? `\n${callbacks.map((c) => `        ${c},`).join('\n')}\n    ` : ''}]

${STEP3_AND_4}`;
}

export async function saveKerasScript(path: string, file: ModelFile): Promise<void> {
  await writeFileAtomic(path, kerasScript(file));
}
