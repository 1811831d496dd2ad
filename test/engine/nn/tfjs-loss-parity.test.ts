/**
 * Losses against TensorFlow.js 4.22 (CPU backend): the value and gradient of every loss, fused (from logits) and
 * on probabilities, with and without sample weights; then whole networks — evaluateLoss, and computeGradients'
 * loss and gradients in training mode (BatchNorm on batch statistics) against tf.variableGrads.
 *
 * TF.js gives per-row losses (each row's mean over its outputs); the reduction is Keras'
 * "sum over batch size": Σ w_r · loss_r / rows, which TF.js has no single call for.
 * Tolerances: values 1e-5 relative; gradients 1e-4 relative plus 1e-6 absolute, because TF.js sums products in
 * float32 where ours sums in float64, and small gradient entries come from cancelling terms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getActivation } from '../../../engine/nn/activations.ts';
import { getLoss, LOSSES, type LossKind } from '../../../engine/nn/losses.ts';
import { Network } from '../../../engine/nn/network.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { randomArray } from './gradient-check.ts';
import { expectClose, randomizeTrainable, referenceModel, tensorValues, tf } from './tfjs-reference.ts';

const ROWS = 9; // two four-row blocks of the Dense kernels and one row through their remainder loop
const WEIGHTS = Float32Array.from([0.5, 2, 1, 3, 0, 1.5, 0.25, 1, 0.75]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** TF.js' loss for each row: `pred` holds logits when `fromLogits`, otherwise activated outputs. */
function tfRowLosses(kind: LossKind, pred: tf.Tensor2D, y: tf.Tensor2D, fromLogits: boolean): tf.Tensor {
  const width = pred.shape[1];
  const target = kind === 'sparse_categorical_crossentropy' ? tf.oneHot(tf.cast(tf.reshape(y, [-1]), 'int32'), width).toFloat() : y;
  switch (kind) {
    case 'binary_crossentropy':
      return fromLogits ? tf.mean(tf.losses.sigmoidCrossEntropy(target, pred, undefined, 0, tf.Reduction.NONE), -1) : tf.metrics.binaryCrossentropy(target, pred);
    case 'categorical_crossentropy':
    case 'sparse_categorical_crossentropy':
      return fromLogits ? tf.losses.softmaxCrossEntropy(target, pred, undefined, 0, tf.Reduction.NONE) : tf.metrics.categoricalCrossentropy(target, pred);
    case 'mse':
      return tf.metrics.meanSquaredError(target, pred);
    case 'mae':
      return tf.metrics.meanAbsoluteError(target, pred);
    case 'huber':
      return tf.mean(tf.losses.huberLoss(target, pred, undefined, 1, tf.Reduction.NONE), -1);
  }
}

function tfLoss(kind: LossKind, pred: tf.Tensor2D, y: tf.Tensor2D, fromLogits: boolean, weights: Float32Array | undefined): tf.Scalar {
  const rows = tfRowLosses(kind, pred, y, fromLogits);
  const weighted = weights ? tf.mul(rows, tf.tensor1d(weights.subarray(0, pred.shape[0]))) : rows;
  return tf.div(tf.sum(weighted), pred.shape[0]);
}

function targets(kind: LossKind, width: number, rng: Rng): Float32Array {
  switch (kind) {
    case 'sparse_categorical_crossentropy':
      return Float32Array.from({ length: ROWS }, () => rng.int(width));
    case 'categorical_crossentropy': {
      const y = new Float32Array(ROWS * width);
      for (let r = 0; r < ROWS; r++) y[r * width + rng.int(width)] = 1;
      return y;
    }
    case 'binary_crossentropy': // Keras accepts soft labels
      return Float32Array.from({ length: ROWS * width }, (_, i) => (i === 1 ? 0.3 : rng.int(2)));
    default:
      return randomArray(ROWS * width, rng, 2);
  }
}

describe('loss values and gradients match TensorFlow.js', () => {
  for (const kind of LOSSES) {
    const width = 3;
    const fused = kind === 'binary_crossentropy' ? 'sigmoid' : kind.includes('categorical') ? 'softmax' : null;
    for (const fromLogits of fused ? [true, false] : [false]) {
      for (const weighted of [false, true]) {
        it(`${kind}${fromLogits ? ' from logits' : fused ? ` on ${fused} probabilities` : ''}${weighted ? ' with sample weights' : ''}`, () => {
          const rng = new Rng(31);
          const y = targets(kind, width, rng);
          // Logits within ±4 keep probabilities inside Keras' clipping band [1e-7, 1 − 1e-7].
          let pred = randomArray(ROWS * width, rng, 4);
          if (fused && !fromLogits) {
            const probabilities = new Float32Array(pred.length);
            getActivation(fused).forward(pred, probabilities, ROWS, width);
            pred = probabilities;
          }
          const sampleWeights = weighted ? WEIGHTS : undefined;
          const grad = new Float32Array(pred.length);
          const ours = getLoss(kind).compute({ pred, y, rows: ROWS, width, fromLogits, grad, sampleWeights });
          const yTensor = tf.tensor2d(y, [ROWS, kind === 'sparse_categorical_crossentropy' ? 1 : width]);
          const lossOf = (p: tf.Tensor): tf.Scalar => tfLoss(kind, p as tf.Tensor2D, yTensor, fromLogits, sampleWeights);
          const { value, grad: theirGrad } = tf.tidy(() => tf.valueAndGrad(lossOf)(tf.tensor2d(pred, [ROWS, width])));
          expectClose([ours], tensorValues(value), 'loss', 1e-5, 0);
          expectClose(grad, tensorValues(theirGrad), 'gradient', 1e-4, 1e-6);
          tf.dispose([value, theirGrad, yTensor]);
        });
      }
    }
  }
});

const OUTPUTS: Record<LossKind, { units: number; activation: 'sigmoid' | 'softmax' | 'linear' }> = {
  binary_crossentropy: { units: 1, activation: 'sigmoid' },
  categorical_crossentropy: { units: 3, activation: 'softmax' },
  sparse_categorical_crossentropy: { units: 3, activation: 'softmax' },
  mse: { units: 2, activation: 'linear' },
  mae: { units: 2, activation: 'linear' },
  huber: { units: 2, activation: 'linear' },
};

describe('networks: loss and gradients match TensorFlow.js on the same model', () => {
  for (const kind of LOSSES) {
    it(`${kind}: evaluateLoss at inference, computeGradients in training (BatchNorm on batch statistics)`, () => {
      const rng = new Rng(41);
      const output = OUTPUTS[kind];
      const spec: NetworkSpec = {
        inputSize: 4,
        layers: [{ type: 'dense', units: 5, activation: 'tanh' }, { type: 'batchNormalization' }, { type: 'dense', ...output }],
        loss: kind,
      };
      const net = new Network(spec, rng);
      randomizeTrainable(net, rng, 0.8);
      const x = randomArray(ROWS * 4, rng, 2);
      const y = targets(kind, output.units, rng);
      const model = referenceModel(net);
      const xTensor = tf.tensor2d(x, [ROWS, 4]);
      const yTensor = tf.tensor2d(y, [ROWS, kind === 'sparse_categorical_crossentropy' ? 1 : output.units]);

      const evaluated = tf.tidy(() => tensorValues(tfLoss(kind, model.predict(xTensor) as tf.Tensor2D, yTensor, false, WEIGHTS)).slice());
      expectClose([net.evaluateLoss(x, y, ROWS, WEIGHTS)], evaluated, 'evaluateLoss', 1e-5, 0);

      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => tfLoss(kind, model.apply(xTensor, { training: true }) as tf.Tensor2D, yTensor, false, WEIGHTS), variables);
      const loss = net.computeGradients(x, y, ROWS, new Rng(0), WEIGHTS);
      expectClose([loss], tensorValues(value), 'training loss', 1e-5, 0);
      const trainable = net.trainable();
      expect(trainable.map((p) => p.name)).toHaveLength(variables.length);
      trainable.forEach((p, i) => expectClose(p.grad, tensorValues(grads[variables[i]!.name]!), p.name, 1e-4, 1e-6));
      tf.dispose([value, ...Object.values(grads), xTensor, yTensor]);
      model.dispose();
    });
  }
});
