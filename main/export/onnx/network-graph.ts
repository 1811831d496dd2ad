/**
 * The network as graph operators, walking its layers in order: a registry of layer emitters (Dense, Dropout,
 * BatchNormalization) and of activations, each written with standard ONNX operators in float32 as the network
 * runs. Weights are found by the names `Network` gives its params (`dense_1/kernel`), the model file's names.
 * A new layer type or activation is one entry here; a form the export cannot write is refused by name.
 */
import { LEAKY_RELU_SLOPE, type ActivationName } from '../../../engine/nn/activations.ts';
import type { LayerSpec } from '../../../engine/nn/network-spec.ts';
import { Ensemble, type Predictor } from '../../../engine/nn/ensemble.ts';
import type { Network } from '../../../engine/nn/network.ts';
import type { GraphBuilder } from './graph-builder.ts';
import { float, int } from './onnx-proto.ts';
import { add, cast, mul, sub } from './ops.ts';

type Activation = (g: GraphBuilder, z: string, hint: string) => string;

// SELU constants from Klambauer et al. 2017, as in Keras and engine/nn/activations.ts.
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

const floatScalar = (g: GraphBuilder, value: number): string => g.scalar('float', value);

const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  linear: (_g, z) => z,
  relu: (g, z, hint) => g.op('Relu', [z], {}, { hint }),
  leaky_relu: (g, z, hint) => g.op('LeakyRelu', [z], { alpha: float(LEAKY_RELU_SLOPE) }, { hint }),
  elu: (g, z, hint) => g.op('Elu', [z], { alpha: float(1) }, { hint }),
  selu: (g, z, hint) => g.op('Selu', [z], { alpha: float(SELU_ALPHA), gamma: float(SELU_SCALE) }, { hint }),
  // Keras' exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)); ONNX's own Gelu operator only exists from opset 20.
  gelu: (g, z, hint) => mul(g, mul(g, floatScalar(g, 0.5), z), add(g, floatScalar(g, 1), g.op('Erf', [mul(g, z, floatScalar(g, Math.SQRT1_2))])), hint),
  tanh: (g, z, hint) => g.op('Tanh', [z], {}, { hint }),
  sigmoid: (g, z, hint) => g.op('Sigmoid', [z], {}, { hint }),
  softmax: (g, z, hint) => g.op('Softmax', [z], { axis: int(-1) }, { hint }),
  softplus: (g, z, hint) => g.op('Softplus', [z], {}, { hint }),
  swish: (g, z, hint) => mul(g, z, g.op('Sigmoid', [z]), hint),
};

interface LayerContext {
  readonly g: GraphBuilder;
  /** The network's params by name. */
  readonly weights: ReadonlyMap<string, { readonly value: Float32Array; readonly shape: readonly number[] }>;
  /** Keras' unique layer names: `dense`, `dense_1`, ... per base name, as `Network` names them. */
  readonly name: (base: string) => string;
}

function weight(ctx: LayerContext, name: string): string {
  const param = ctx.weights.get(name);
  if (!param) throw new Error(`ONNX export: the network has no weight "${name}"`);
  return ctx.g.constant('float', param.shape, param.value, name);
}

type LayerEmitter<T extends LayerSpec['type']> = (ctx: LayerContext, layer: Extract<LayerSpec, { type: T }>, x: string) => string;

const dense: LayerEmitter<'dense'> = (ctx, layer, x) => {
  const { g } = ctx;
  const name = ctx.name('dense');
  const z0 = g.op('MatMul', [x, weight(ctx, `${name}/kernel`)], {}, { hint: `${name}/matmul` });
  const z = layer.useBias === false ? z0 : add(g, z0, weight(ctx, `${name}/bias`), `${name}/z`);
  return ACTIVATIONS[layer.activation ?? 'linear'](g, z, `${name}/${layer.activation ?? 'linear'}`);
};

/** Dropout is the identity at prediction. */
const dropout: LayerEmitter<'dropout'> = (ctx, _layer, x) => {
  ctx.name('dropout');
  return x;
};

/**
 * Inference with the moving statistics, (x − mean)·(1/√(variance + ε))·γ + β, computed in doubles and rounded
 * once, exactly as the BatchNorm layer computes it.
 */
const batchNormalization: LayerEmitter<'batchNormalization'> = (ctx, layer, x) => {
  const { g } = ctx;
  const name = ctx.name('batch_normalization');
  const param = (w: string): Float32Array => {
    const p = ctx.weights.get(`${name}/${w}`);
    if (!p) throw new Error(`ONNX export: the network has no weight "${name}/${w}"`);
    return p.value;
  };
  const epsilon = layer.epsilon ?? 1e-3;
  const invStd = Array.from(param('moving_variance'), (v) => 1 / Math.sqrt(v + epsilon));
  const vector = (values: ArrayLike<number>, hint: string): string => g.constant('double', [values.length], Array.from(values), `${name}/${hint}`);
  const centered = sub(g, cast(g, x, 'double'), vector(param('moving_mean'), 'moving_mean'));
  const normalized = mul(g, mul(g, centered, vector(invStd, 'inverse_std')), vector(param('gamma'), 'gamma'));
  return cast(g, add(g, normalized, vector(param('beta'), 'beta')), 'float', name);
};

const LAYERS: { readonly [T in LayerSpec['type']]: LayerEmitter<T> } = { dense, dropout, batchNormalization };

/**
 * The model's output (float [N, outputs]) from its input (float [N, features]): one network, or an ensemble's
 * members side by side and their element-wise Mean, as Keras' Average layer and Layerlab's Ensemble compute it.
 */
export function emitPredictor(g: GraphBuilder, predictor: Predictor, input: string): string {
  if (!(predictor instanceof Ensemble)) return emitNetwork(g, predictor as Network, input);
  const outputs = predictor.members.map((member) => emitNetwork(g, member, input));
  return g.op('Mean', outputs, {}, { hint: 'ensemble/mean' });
}

/** One network's output (float [N, outputs]) from its input (float [N, features]). */
export function emitNetwork(g: GraphBuilder, network: Network, input: string): string {
  const counts = new Map<string, number>();
  const name = (base: string): string => {
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  };
  const ctx: LayerContext = { g, weights: new Map(network.params().map((p) => [p.name, p])), name };
  let x = input;
  for (const layer of network.spec.layers) x = (LAYERS[layer.type] as LayerEmitter<typeof layer.type>)(ctx, layer as never, x);
  return x;
}
