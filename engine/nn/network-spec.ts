/**
 * The plain-JSON description of a network: what the builder edits, what the model file stores, what `Network`
 * is built from. Validation here gives user-facing messages; the Network trusts a validated spec.
 */
import { UserFacingError } from '../errors.ts';
import { ACTIVATIONS, isActivationName, type ActivationName } from './activations.ts';
import { INITIALIZERS, isInitializerName, type InitializerName } from './initializers.ts';
import { LOSSES, isLossKind, type LossKind } from './losses.ts';

export interface DenseSpec {
  readonly type: 'dense';
  readonly units: number;
  readonly activation?: ActivationName;
  readonly useBias?: boolean;
  readonly kernelInitializer?: InitializerName;
  readonly biasInitializer?: InitializerName;
  /** L1 and L2 kernel penalties (keras.regularizers.L1L2). */
  readonly l1?: number;
  readonly l2?: number;
}

export interface DropoutSpec {
  readonly type: 'dropout';
  readonly rate: number;
}

export interface BatchNormSpec {
  readonly type: 'batchNormalization';
  readonly momentum?: number;
  readonly epsilon?: number;
}

export type LayerSpec = DenseSpec | DropoutSpec | BatchNormSpec;

export interface NetworkSpec {
  readonly inputSize: number;
  readonly layers: readonly LayerSpec[];
  readonly loss: LossKind;
}

function fail(message: string): never {
  throw new UserFacingError('invalid-network', message);
}

/**
 * The most parameters a network may have. Training holds several float32 copies of each (weights, gradients,
 * the optimizer's moments, the best epoch's weights) inside a 32-bit WebAssembly engine that addresses 4 GB at
 * most, beside the data; at this cap that is already about a gigabyte. A network for a table rarely needs more
 * than a few hundred thousand.
 */
export const MAX_PARAMETERS = 10_000_000;

function checkSize(spec: NetworkSpec): void {
  const { trainable, nonTrainable } = countParameters(spec);
  checkParameterCount(trainable + nonTrainable);
}

/**
 * Refuses a network of `total` parameters past the cap. Also for a design whose input width is not known yet
 * (its hidden layers alone can be past the cap), so a run is refused before a worker starts.
 */
export function checkParameterCount(total: number): void {
  if (total > MAX_PARAMETERS) {
    fail(
      `This network has ${total.toLocaleString('en-US')} parameters, more than the ${MAX_PARAMETERS.toLocaleString('en-US')} Layerlab trains: ` +
        'training keeps several copies of every parameter in memory, and a 32-bit engine addresses 4 GB at most. Use fewer or narrower layers (a table rarely needs more than a few hundred units per layer).',
    );
  }
}

function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}

function checkPenalty(value: unknown, what: string, where: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    fail(`${where}: the ${what} penalty must be a number ≥ 0, got ${JSON.stringify(value)}.`);
  }
}

const SETTINGS: Record<LayerSpec['type'], readonly string[]> = {
  dense: ['units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'l1', 'l2'],
  dropout: ['rate'],
  batchNormalization: ['momentum', 'epsilon'],
};
const NETWORK_SETTINGS = ['inputSize', 'layers', 'loss'];

/** A misspelt setting would otherwise be ignored and its default used without a word (as Keras refuses it too). */
function checkKnownSettings(object: object, known: readonly string[], describe: (key: string) => string): void {
  for (const [key, value] of Object.entries(object)) {
    if (value !== undefined && !known.includes(key)) fail(describe(key));
  }
}

function checkLayer(layer: LayerSpec, where: string): void {
  switch (layer.type) {
    case 'dense':
      if (!isPositiveInteger(layer.units)) fail(`${where}: units must be a whole number ≥ 1, got ${JSON.stringify(layer.units)}.`);
      if (layer.activation !== undefined && !isActivationName(layer.activation)) fail(`${where}: unknown activation "${layer.activation}". Choose one of: ${ACTIVATIONS.join(', ')}.`);
      if (layer.useBias !== undefined && typeof layer.useBias !== 'boolean') fail(`${where}: useBias must be true or false, got ${JSON.stringify(layer.useBias)}.`);
      for (const init of [layer.kernelInitializer, layer.biasInitializer]) {
        if (init !== undefined && !isInitializerName(init)) fail(`${where}: unknown initializer "${init}". Choose one of: ${INITIALIZERS.join(', ')}.`);
      }
      checkPenalty(layer.l1, 'L1', where);
      checkPenalty(layer.l2, 'L2', where);
      break;
    case 'dropout':
      if (!(typeof layer.rate === 'number' && layer.rate >= 0 && layer.rate < 1)) fail(`${where}: the dropout rate must be at least 0 and below 1 (e.g. 0.2), got ${JSON.stringify(layer.rate)}.`);
      break;
    case 'batchNormalization':
      if (layer.momentum !== undefined && !(typeof layer.momentum === 'number' && layer.momentum >= 0 && layer.momentum < 1)) {
        fail(`${where}: momentum must be a number in [0, 1) (Keras' default is 0.99), got ${JSON.stringify(layer.momentum)}.`);
      }
      if (layer.epsilon !== undefined && !(typeof layer.epsilon === 'number' && layer.epsilon > 0 && Number.isFinite(layer.epsilon))) {
        fail(`${where}: epsilon must be a number > 0 (Keras' default is 0.001), got ${JSON.stringify(layer.epsilon)}.`);
      }
      break;
    default:
      fail(`${where}: unknown layer type. Use dense, dropout or batchNormalization.`);
  }
  checkKnownSettings(layer, ['type', ...SETTINGS[layer.type]], (key) => `${where}: unknown setting "${key}". A ${layer.type} layer takes: ${SETTINGS[layer.type].join(', ')}.`);
}

/** Throws a UserFacingError naming the layer and the fix when the spec cannot be built or trained. */
export function validateNetworkSpec(spec: NetworkSpec): void {
  if (!isPositiveInteger(spec.inputSize)) fail(`The network needs at least one input feature (inputSize ${JSON.stringify(spec.inputSize)}). Check that the cleaning recipe keeps at least one column.`);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) fail('The network has no layers: add at least an output Dense layer.');
  if (!isLossKind(spec.loss)) fail(`Unknown loss "${String(spec.loss)}". Choose one of: ${LOSSES.join(', ')}.`);
  checkKnownSettings(spec, NETWORK_SETTINGS, (key) => `The network has an unknown setting "${key}". A network takes: ${NETWORK_SETTINGS.join(', ')}.`);
  spec.layers.forEach((layer: unknown, i) => {
    if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) {
      fail(`Layer ${i + 1} is not a layer description (got ${JSON.stringify(layer)}). Each layer is an object such as {"type": "dense", "units": 8}.`);
    }
    checkLayer(layer as LayerSpec, `Layer ${i + 1} (${(layer as { type?: unknown }).type ?? 'no type'})`);
  });
  let outputIndex = spec.layers.length - 1;
  while (outputIndex >= 0 && spec.layers[outputIndex]!.type !== 'dense') outputIndex--;
  if (outputIndex < 0) fail('The network needs a Dense output layer at the end.');
  if (outputIndex < spec.layers.length - 1) {
    // Dropout or batch normalization after the output would alter the predictions themselves (a classifier's would
    // stop being probabilities, and the cross-entropy would clip them).
    const after = spec.layers[outputIndex + 1]!;
    fail(`Layer ${outputIndex + 2} (${after.type}) comes after the output layer. Move it before the last Dense layer, which gives the predictions.`);
  }
  checkSize(spec);
  const output = spec.layers[outputIndex] as DenseSpec;
  const activation = output.activation ?? 'linear';
  if (spec.loss === 'binary_crossentropy' && activation !== 'sigmoid') {
    fail(`binary_crossentropy needs probabilities: give the output layer a sigmoid activation (it has ${activation}).`);
  }
  if ((spec.loss === 'categorical_crossentropy' || spec.loss === 'sparse_categorical_crossentropy') && (activation !== 'softmax' || output.units < 2)) {
    fail(`${spec.loss} needs a softmax output with one unit per class (the output layer has ${output.units} unit(s), ${activation}).`);
  }
}

/** Parameter count of a spec without building it (for the builder's live display). */
export function countParameters(spec: NetworkSpec): { trainable: number; nonTrainable: number } {
  let width = spec.inputSize, trainable = 0, nonTrainable = 0;
  for (const layer of spec.layers) {
    if (layer.type === 'dense') {
      trainable += width * layer.units + (layer.useBias === false ? 0 : layer.units);
      width = layer.units;
    } else if (layer.type === 'batchNormalization') {
      trainable += 2 * width;
      nonTrainable += 2 * width;
    }
  }
  return { trainable, nonTrainable };
}

export function outputSize(spec: NetworkSpec): number {
  const output = [...spec.layers].reverse().find((l): l is DenseSpec => l.type === 'dense');
  return output ? output.units : 0;
}
