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
import { readMembers } from '../../engine/model/load-model.ts';
import { writeFileAtomic } from '../project/atomic-write.ts';
import { ensembleBuildCode, membersConstant, PYTHON_ENSEMBLE_MAIN, PYTHON_TRAIN_MEMBER } from './keras-ensemble.ts';
import { KERAS_LEFT_OUT, PYTHON_EVALUATE, PYTHON_SPLIT, PYTHON_TRAIN_EVALUATE } from './keras-helpers.ts';
import { cleaningCode } from './pandas-recipe.ts';
import { PANDAS_CLEAN_TAIL, PANDAS_READING } from './pandas-reading.ts';
import { pythonConstants } from './python-constants.ts';
import { py, pyFloat } from './python-literal.ts';
import { scriptHeader } from './script-header.ts';

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

const HOW_TO = [
  'Run:   python3 this_script.py [data file] [--save model.keras]',
  'Needs: pandas, numpy, scikit-learn and Keras 3 (pip install pandas scikit-learn keras tensorflow).',
];

const DOCSTRING = '"""Layerlab\'s model as Keras code: 1. clean the data, 2. build the network, 3. train it, 4. evaluate it."""';

export function kerasScript(file: ModelFile): string {
  const specs = readMembers(file.network.modelTopology, file.network.loss).map((m) => m.spec);
  const spec = specs[0]!;
  const task = file.recipe.target.task;
  const metrics = task === 'regression' ? '["mean_absolute_error"]' : '["accuracy"]';
  const callbacks = callbacksCode(file);
  const ensemble = specs.length > 1;
  const build = ensemble
    ? ensembleBuildCode(file, specs, { layerCode, optimizerCode, loss: KERAS_LOSS[file.network.loss]!, metrics })
    : `def build_model():
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
`;
  return `${scriptHeader(file, HOW_TO, DOCSTRING)}
import argparse
import math
from decimal import Decimal

import numpy as np
import pandas as pd

${pythonConstants(file)}${ensemble ? `\n${membersConstant(file)}` : ''}
${PANDAS_READING}${KERAS_LEFT_OUT}

# ---------------------------------------------------------------------------------------------------------
# Step 1: clean the data with the recipe Layerlab fitted on its training rows (the constants are written in).
# ---------------------------------------------------------------------------------------------------------
def load_data(path):
    """The file, with each column the model reads typed as Layerlab typed it."""
    frame = read_table(path)
    require_columns(frame.columns, path)
    return type_columns(frame)


def clean(frame, training=True):
    """X (float32, the FEATURES in order) and y as the network learns it (None without a target column).
    The index of X keeps each row's position in the file; rows a step removes are left out."""
${cleaningCode(file.recipe)}${PANDAS_CLEAN_TAIL}

# ---------------------------------------------------------------------------------------------------------
# Step 2: build the network (the same layers, activations and initializers as in Layerlab).
# ---------------------------------------------------------------------------------------------------------
${build}
${ensemble ? `${PYTHON_SPLIT}${PYTHON_TRAIN_MEMBER}${PYTHON_EVALUATE}${PYTHON_ENSEMBLE_MAIN}` : PYTHON_TRAIN_EVALUATE}`;
}

export async function saveKerasScript(path: string, file: ModelFile): Promise<void> {
  await writeFileAtomic(path, kerasScript(file));
}
