/**
 * TensorFlow.js 4.22 (CPU backend) as an independent reference: the same architecture as a `Network`, built
 * with tfjs-layers, holding a copy of the network's weights.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { Network } from '../../../engine/nn/network.ts';
import type { Rng } from '../../../engine/nn/rng.ts';

export { tf };

/** A tf.sequential with the network's layers, Keras defaults spelled out, and the network's current weights. */
export function referenceModel(net: Network): tf.Sequential {
  const model = tf.sequential();
  let inputShape: number[] | undefined = [net.inputSize];
  const add = (layer: tf.layers.Layer): void => {
    model.add(layer);
    inputShape = undefined;
  };
  for (const spec of net.spec.layers) {
    if (spec.type === 'dense') {
      const activation = spec.activation ?? 'linear';
      // tfjs-layers has no 'leaky_relu' activation string; Keras' function is a LeakyReLU layer after a linear Dense.
      const inline = activation === 'leaky_relu' ? 'linear' : activation;
      add(tf.layers.dense({ units: spec.units, activation: inline, useBias: spec.useBias !== false, inputShape }));
      // 0.2 written out, not imported: keras.activations.leaky_relu's default negative_slope, pinned independently.
      if (activation === 'leaky_relu') add(tf.layers.leakyReLU({ alpha: 0.2 }));
    } else if (spec.type === 'dropout') {
      add(tf.layers.dropout({ rate: spec.rate, inputShape }));
    } else {
      add(tf.layers.batchNormalization({ momentum: spec.momentum ?? 0.99, epsilon: spec.epsilon ?? 1e-3, inputShape }));
    }
  }
  copyWeights(net, model);
  return model;
}

/**
 * Ours → theirs, layer by layer: within a layer tfjs orders weights as ours (kernel, bias; gamma, beta, moving
 * mean, moving variance), but a model lists all trainable weights before the non-trainable ones.
 */
export function copyWeights(net: Network, model: tf.LayersModel): void {
  const params = net.params();
  let next = 0;
  for (const layer of model.layers) {
    const count = layer.weights.length;
    const tensors = params.slice(next, next + count).map((p) => tf.tensor(p.value, [...p.shape]));
    layer.setWeights(tensors);
    tf.dispose(tensors);
    next += count;
  }
  expect(next, 'every param copied').toBe(params.length);
}

export function tensorValues(t: tf.Tensor | tf.Scalar | tf.Tensor[] | tf.Scalar[]): Float32Array {
  const tensor = Array.isArray(t) ? t[0]! : t;
  return tensor.dataSync() as Float32Array;
}

/** Sets every trainable value uniformly in [−scale, scale], so biases and BatchNorm's gamma/beta are not trivial. */
export function randomizeTrainable(net: Network, rng: Rng, scale = 1): void {
  for (const p of net.params()) if (p.trainable) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.uniform(-scale, scale);
}

/**
 * |ours − theirs| ≤ relative·|theirs| + absolute, element by element. The absolute floor only matters for
 * values near zero, where a relative bound is meaningless.
 */
export function expectClose(ours: ArrayLike<number>, theirs: ArrayLike<number>, label: string, relative: number, absolute: number): void {
  expect(ours.length, `${label}: length`).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!, b = theirs[i]!;
    const tolerance = relative * Math.abs(b) + absolute;
    if (!(Math.abs(a - b) <= tolerance)) expect.fail(`${label}[${i}]: ours ${a}, TF.js ${b} (tolerance ${tolerance.toExponential(2)})`);
  }
}
