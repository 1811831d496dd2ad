/**
 * Network.predict against TensorFlow.js 4.22 (CPU backend) holding the same weights: every activation, and
 * BatchNormalization at inference (moving statistics) and in training (batch statistics, moving-average update).
 *
 * Tolerance: 1e-5 relative, plus an absolute floor of 1e-6 for outputs near zero. Both sides store float32
 * (one ulp is 6e-8 relative); ours accumulates in float64 and TF.js in float32, a few ulps apart after a dot
 * product. GELU needs the floor: TF.js' erf is Abramowitz–Stegun 7.1.26, accurate to 1.5e-7 absolute, which
 * is a large relative error where GELU's output is tiny.
 */
import { beforeAll, describe, it } from 'vitest';
import { ACTIVATIONS } from '../../../engine/nn/activations.ts';
import { BatchNorm } from '../../../engine/nn/layers/batch-norm.ts';
import { Network } from '../../../engine/nn/network.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { randomArray } from './gradient-check.ts';
import { expectClose, randomizeTrainable, referenceModel, tensorValues, tf } from './tfjs-reference.ts';

const RELATIVE = 1e-5;
const ABSOLUTE = 1e-6;
const ROWS = 37; // not a multiple of the kernels' four-row blocks, so their remainder loop runs too

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tfPredict(model: tf.LayersModel, x: Float32Array, rows: number, width: number): Float32Array {
  return tf.tidy(() => tensorValues(model.predict(tf.tensor2d(x, [rows, width])) as tf.Tensor).slice());
}

describe('predict matches TensorFlow.js with the same weights', () => {
  for (const activation of ACTIVATIONS) {
    it(`${activation}: a 4-6-3 network with ${activation} on both layers`, () => {
      const rng = new Rng(11);
      const net = new Network({ inputSize: 4, layers: [{ type: 'dense', units: 6, activation }, { type: 'dense', units: 3, activation }], loss: 'mse' }, rng);
      randomizeTrainable(net, rng);
      const x = randomArray(ROWS * 4, rng, 3);
      const model = referenceModel(net);
      expectClose(net.predict(x, ROWS), tfPredict(model, x, ROWS, 4), activation, RELATIVE, ABSOLUTE);
      model.dispose();
    });

    it(`${activation}: saturating pre-activations from −800 to 800 stay finite and agree`, () => {
      const net = new Network({ inputSize: 1, layers: [{ type: 'dense', units: 10, activation }], loss: 'mse' }, new Rng(1));
      // x = 1, so the pre-activations are exactly the kernel values.
      net.setWeights([Float32Array.from([-800, -100, -30, -5, -0.5, 0.5, 5, 30, 100, 800]), new Float32Array(10)]);
      const x = Float32Array.of(1);
      const model = referenceModel(net);
      expectClose(net.predict(x, 1), tfPredict(model, x, 1, 1), activation, RELATIVE, ABSOLUTE);
      model.dispose();
    });
  }
});

describe('BatchNormalization matches TensorFlow.js', () => {
  const spec = {
    inputSize: 4,
    layers: [{ type: 'dense', units: 5, activation: 'relu' }, { type: 'batchNormalization' }, { type: 'dense', units: 2, activation: 'softmax' }],
    loss: 'categorical_crossentropy',
  } as const;

  it('at inference, normalising with the moving statistics', () => {
    const rng = new Rng(12);
    const net = new Network(spec, rng);
    randomizeTrainable(net, rng);
    const bn = net.params().filter((p) => p.name.startsWith('batch_normalization/moving_'));
    bn[0]!.value.set(randomArray(5, rng, 2));
    bn[1]!.value.set(Float32Array.from({ length: 5 }, () => rng.uniform(0.2, 3)));
    const x = randomArray(ROWS * 4, rng, 2);
    const model = referenceModel(net);
    expectClose(net.predict(x, ROWS), tfPredict(model, x, ROWS, 4), 'predict', RELATIVE, ABSOLUTE);
    model.dispose();
  });

  it('in training: batch statistics, and the moving averages after three batches', () => {
    const rng = new Rng(13);
    const ours = new BatchNorm('batch_normalization', 3, 0.9, 1e-3);
    ours.gamma.value.set(randomArray(3, rng, 2));
    ours.beta.value.set(randomArray(3, rng, 2));
    ours.reserve(ROWS);
    const theirs = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3, inputShape: [3] });
    theirs.build([null, 3]);
    theirs.setWeights(ours.params().map((p) => tf.tensor(p.value, [...p.shape])));
    for (let batch = 0; batch < 3; batch++) {
      // Shifted, scaled columns: the statistics differ from the initial 0 and 1 in every feature.
      const x = Float32Array.from(randomArray(ROWS * 3, rng, 1), (v, i) => 3 * v + (i % 3) - 1);
      const expected = tf.tidy(() => tensorValues(theirs.apply(tf.tensor2d(x, [ROWS, 3]), { training: true }) as tf.Tensor).slice());
      expectClose(ours.forward(x, ROWS, 'train').subarray(0, ROWS * 3), expected, `batch ${batch} output`, RELATIVE, ABSOLUTE);
    }
    const [, , movingMean, movingVariance] = theirs.getWeights();
    expectClose(ours.movingMean.value, tensorValues(movingMean!), 'moving mean', RELATIVE, ABSOLUTE);
    expectClose(ours.movingVariance.value, tensorValues(movingVariance!), 'moving variance', RELATIVE, ABSOLUTE);
  });
});
