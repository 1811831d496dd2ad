/**
 * A NetworkSpec as a Keras/TensorFlow.js `Sequential` model topology, and back. The topology is what
 * `tf.loadLayersModel` reads (class names, pythonic snake_case configs, `batch_input_shape` on the first layer),
 * so the same JSON serves the model file, the TF.js folder export and tools like Netron.
 *
 * Layer names follow Keras (`dense`, `dense_1`, `batch_normalization`, ...), exactly as `Network` names its
 * params, so a weight `dense_1/kernel` is found by name on both sides. Keras' `leaky_relu` activation has no
 * TF.js activation string: it is written as a linear Dense followed by a `LeakyReLU` layer with the same slope.
 */
import { UserFacingError } from '../errors.ts';
import { LEAKY_RELU_SLOPE, type ActivationName } from '../nn/activations.ts';
import type { InitializerName } from '../nn/initializers.ts';
import type { LossKind } from '../nn/losses.ts';
import type { LayerSpec, NetworkSpec } from '../nn/network-spec.ts';

export interface KerasLayer {
  readonly class_name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface ModelTopology {
  readonly class_name: 'Sequential';
  readonly config: { readonly name: string; readonly layers: readonly KerasLayer[] };
  readonly keras_version: string;
  readonly backend: string;
}

/** The activation strings TF.js 4.22 and Keras both know, ours by name; leaky_relu is a layer instead. */
export const TFJS_ACTIVATIONS = ['linear', 'relu', 'elu', 'selu', 'gelu', 'tanh', 'sigmoid', 'softmax', 'softplus', 'swish'] as const satisfies readonly ActivationName[];
const isTfjsActivation = (name: ActivationName): boolean => (TFJS_ACTIVATIONS as readonly ActivationName[]).includes(name);

type Initializer = { readonly class_name: string; readonly config: Readonly<Record<string, unknown>> };

/** Keras' VarianceScaling arguments behind each named scheme (keras/src/initializers/random_initializers.py). */
const VARIANCE_SCALING: Readonly<Record<string, readonly [scale: number, mode: string, distribution: string]>> = {
  glorot_uniform: [1, 'fan_avg', 'uniform'],
  glorot_normal: [1, 'fan_avg', 'truncated_normal'],
  he_uniform: [2, 'fan_in', 'uniform'],
  he_normal: [2, 'fan_in', 'truncated_normal'],
  lecun_normal: [1, 'fan_in', 'truncated_normal'],
};

function initializerJSON(name: InitializerName): Initializer {
  if (name === 'zeros') return { class_name: 'Zeros', config: {} };
  if (name === 'ones') return { class_name: 'Ones', config: {} };
  const [scale, mode, distribution] = VARIANCE_SCALING[name]!;
  return { class_name: 'VarianceScaling', config: { scale, mode, distribution, seed: null } };
}

function initializerName(json: Initializer, where: string): InitializerName {
  if (json.class_name === 'Zeros') return 'zeros';
  if (json.class_name === 'Ones') return 'ones';
  const { scale, mode, distribution } = json.config;
  for (const [name, args] of Object.entries(VARIANCE_SCALING)) {
    if (json.class_name === 'VarianceScaling' && args[0] === scale && args[1] === mode && args[2] === distribution) return name as InitializerName;
  }
  return unsupported(where, `an initializer Layerlab does not use (${json.class_name} ${JSON.stringify(json.config)})`);
}

export function unsupported(where: string, what: string): never {
  throw new UserFacingError('unsupported-topology', `Invalid model file: "${where}" is ${what}. Layerlab reads the Sequential Dense/Dropout/BatchNormalization networks it writes.`);
}

/** Keras' unique-name scheme: `dense`, `dense_1`, `dense_2`, ... per base name, after an optional prefix. */
export function namer(prefix = ''): (base: string) => string {
  const counts = new Map<string, number>();
  return (base) => {
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return `${prefix}${n === 0 ? base : `${base}_${n}`}`;
  };
}

export function topologyFromSpec(spec: NetworkSpec, generatedBy: string): ModelTopology {
  const layers = sequentialLayers(spec, namer());
  layers[0] = { ...layers[0]!, config: { ...layers[0]!.config, batch_input_shape: [null, spec.inputSize], dtype: 'float32' } };
  return { class_name: 'Sequential', config: { name: 'sequential', layers }, keras_version: generatedBy, backend: 'tensor_flow.js' };
}

/** The spec's layers as Keras layer JSON, named by `name`, without an input shape. */
export function sequentialLayers(spec: NetworkSpec, name: (base: string) => string): KerasLayer[] {
  const layers: KerasLayer[] = [];
  const add = (class_name: string, config: Record<string, unknown>): void => {
    layers.push({ class_name, config: { ...config, trainable: true } });
  };
  for (const layer of spec.layers) {
    if (layer.type === 'dense') {
      const activation = layer.activation ?? 'linear';
      const penalty = layer.l1 || layer.l2 ? { class_name: 'L1L2', config: { l1: layer.l1 ?? 0, l2: layer.l2 ?? 0 } } : null;
      add('Dense', {
        name: name('dense'),
        units: layer.units,
        activation: activation === 'leaky_relu' ? 'linear' : activation,
        use_bias: layer.useBias !== false,
        kernel_initializer: initializerJSON(layer.kernelInitializer ?? 'glorot_uniform'),
        bias_initializer: initializerJSON(layer.biasInitializer ?? 'zeros'),
        kernel_regularizer: penalty,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
      });
      if (activation === 'leaky_relu') add('LeakyReLU', { name: name('leaky_re_lu'), alpha: LEAKY_RELU_SLOPE });
    } else if (layer.type === 'dropout') {
      add('Dropout', { name: name('dropout'), rate: layer.rate, noise_shape: null, seed: null });
    } else {
      add('BatchNormalization', {
        name: name('batch_normalization'),
        axis: -1,
        momentum: layer.momentum ?? 0.99,
        epsilon: layer.epsilon ?? 1e-3,
        center: true,
        scale: true,
        beta_initializer: initializerJSON('zeros'),
        gamma_initializer: initializerJSON('ones'),
        moving_mean_initializer: initializerJSON('zeros'),
        moving_variance_initializer: initializerJSON('ones'),
      });
    }
  }
  return layers;
}

function denseSpec(config: Readonly<Record<string, unknown>>, where: string, activation: ActivationName): LayerSpec {
  const penalty = config.kernel_regularizer as Initializer | null | undefined;
  if (penalty && penalty.class_name !== 'L1L2') unsupported(`${where}.config.kernel_regularizer`, `a ${penalty.class_name} regularizer`);
  const l1 = (penalty?.config.l1 as number | undefined) ?? 0;
  const l2 = (penalty?.config.l2 as number | undefined) ?? 0;
  return {
    type: 'dense',
    units: config.units as number,
    activation,
    useBias: config.use_bias as boolean,
    kernelInitializer: initializerName(config.kernel_initializer as Initializer, `${where}.config.kernel_initializer`),
    biasInitializer: initializerName(config.bias_initializer as Initializer, `${where}.config.bias_initializer`),
    ...(l1 ? { l1 } : {}),
    ...(l2 ? { l2 } : {}),
  };
}

export interface ReadTopology {
  readonly spec: NetworkSpec;
  /** The file's name for each of the network's params, in `Network.params()` order. */
  readonly weightNames: readonly string[];
}

/**
 * The spec behind a topology whose shape the schema has already checked; here only what the schema cannot say:
 * which activations and layer sequences Layerlab can run, and where the input shape is declared. Weights are
 * found through the topology's own layer names, as TF.js finds them, whatever their order in the file.
 */
export function specFromTopology(topology: ModelTopology, loss: LossKind, at = 'network.modelTopology'): ReadTopology {
  const source = topology.config.layers;
  const shape = source[0]?.config.batch_input_shape as readonly unknown[] | undefined;
  const inputSize = inputWidth(shape, `${at}.config.layers[0].config.batch_input_shape`);
  return readLayers(source.map((layer, i) => ({ layer, where: `${at}.config.layers[${i}]` })), inputSize, loss, new Set(), true);
}

/** The width in a `batch_input_shape` of [null, width]. */
export function inputWidth(shape: unknown, where: string): number {
  if (!Array.isArray(shape) || shape.length !== 2 || shape[0] !== null || !Number.isInteger(shape[1]) || (shape[1] as number) < 1) {
    unsupported(where, `${JSON.stringify(shape) ?? 'absent'}, not [null, <number of features>]`);
  }
  return shape[1] as number;
}

/**
 * One chain of layers (a Sequential model's, or one ensemble member's) as a spec. `seen` collects layer names
 * across chains, which must be unique; `shapeOnFirst`: the first layer carries the input shape (Sequential).
 */
export function readLayers(source: readonly { layer: KerasLayer; where: string }[], inputSize: number, loss: LossKind, seen: Set<string>, shapeOnFirst: boolean): ReadTopology {
  const layers: LayerSpec[] = [];
  const weightNames: string[] = [];
  source.forEach(({ layer, where }, i) => {
    const { config } = layer;
    const name = config.name as string;
    if (seen.has(name)) unsupported(`${where}.config.name`, `"${name}", the name of an earlier layer too`);
    seen.add(name);
    if ((i > 0 || !shapeOnFirst) && config.batch_input_shape !== undefined) unsupported(`${where}.config.batch_input_shape`, 'set on a layer other than the first');
    if (layer.class_name === 'Dense') {
      const activation = config.activation as ActivationName;
      if (!isTfjsActivation(activation)) unsupported(`${where}.config.activation`, `"${String(config.activation)}", an activation Layerlab does not run`);
      layers.push(denseSpec(config, where, activation));
      weightNames.push(`${name}/kernel`, ...(config.use_bias ? [`${name}/bias`] : []));
    } else if (layer.class_name === 'LeakyReLU') {
      const previous = layers[layers.length - 1];
      if (previous?.type !== 'dense' || previous.activation !== 'linear' || source[i - 1]?.layer.class_name !== 'Dense') {
        unsupported(where, 'a LeakyReLU layer that does not follow a linear Dense layer');
      }
      if (config.alpha !== LEAKY_RELU_SLOPE) unsupported(`${where}.config.alpha`, `${String(config.alpha)}, not Keras' leaky_relu slope ${LEAKY_RELU_SLOPE}`);
      layers[layers.length - 1] = { ...previous, activation: 'leaky_relu' };
    } else if (layer.class_name === 'Dropout') {
      layers.push({ type: 'dropout', rate: config.rate as number });
    } else if (layer.class_name === 'BatchNormalization') {
      if (config.axis !== -1 && config.axis !== 1) unsupported(`${where}.config.axis`, `${String(config.axis)}, not the feature axis (-1)`);
      if (config.center !== true || config.scale !== true) unsupported(where, 'a BatchNormalization without both center and scale');
      layers.push({ type: 'batchNormalization', momentum: config.momentum as number, epsilon: config.epsilon as number });
      weightNames.push(...['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => `${name}/${w}`));
    } else {
      unsupported(`${where}.class_name`, `"${layer.class_name}"`);
    }
  });
  return { spec: { inputSize, layers, loss }, weightNames };
}
