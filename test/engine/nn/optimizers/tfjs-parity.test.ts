/**
 * Our optimizers against TensorFlow.js 4.22 (CPU backend) fed the same initial values and the same gradients.
 * TF.js is configured to compute Keras' rule where the two libraries differ:
 * - Adam: TF.js adds ε to √v̂, Keras to √v; with gradients of order 1 the difference is far below the
 *   tolerance (the ε placement itself is pinned by hand in adam.test.ts).
 * - SGD momentum: TF.js accumulates raw gradients; with a constant rate that equals Keras' velocity form.
 * - Centered RMSprop: TF.js computes √(s − (ḡ² + ε)); passing it −ε yields Keras' √(s − ḡ² + ε).
 * - Adagrad: TF.js uses the backend epsilon, 1e-7 on the CPU backend, which is Keras' default.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerSettings } from '../../../../engine/nn/optimizers/create-optimizer.ts';
import { Rng } from '../../../../engine/nn/rng.ts';
import type { Param } from '../../../../engine/nn/types.ts';

interface Case {
  readonly name: string;
  readonly ours: OptimizerSettings;
  readonly theirs: () => tf.Optimizer;
}

const LR = 0.01;
const CASES: Case[] = [
  { name: 'sgd', ours: { kind: 'sgd', learningRate: LR }, theirs: () => tf.train.sgd(LR) },
  { name: 'sgd with momentum', ours: { kind: 'sgd', learningRate: LR, momentum: 0.9 }, theirs: () => tf.train.momentum(LR, 0.9) },
  { name: 'sgd with Nesterov momentum', ours: { kind: 'sgd', learningRate: LR, momentum: 0.9, nesterov: true }, theirs: () => tf.train.momentum(LR, 0.9, true) },
  { name: 'adam (Keras defaults)', ours: { kind: 'adam' }, theirs: () => tf.train.adam(0.001, 0.9, 0.999, 1e-7) },
  { name: 'adam', ours: { kind: 'adam', learningRate: LR, beta1: 0.8, beta2: 0.95 }, theirs: () => tf.train.adam(LR, 0.8, 0.95, 1e-7) },
  { name: 'rmsprop (Keras defaults)', ours: { kind: 'rmsprop' }, theirs: () => tf.train.rmsprop(0.001, 0.9, 0, 1e-7) },
  { name: 'rmsprop with momentum', ours: { kind: 'rmsprop', learningRate: LR, momentum: 0.5 }, theirs: () => tf.train.rmsprop(LR, 0.9, 0.5, 1e-7) },
  {
    name: 'centered rmsprop with momentum',
    ours: { kind: 'rmsprop', learningRate: LR, rho: 0.8, momentum: 0.5, centered: true },
    theirs: () => tf.train.rmsprop(LR, 0.8, 0.5, -1e-7, true),
  },
  { name: 'adagrad (Keras defaults)', ours: { kind: 'adagrad' }, theirs: () => tf.train.adagrad(0.001, 0.1) },
  { name: 'adagrad', ours: { kind: 'adagrad', learningRate: 0.1, initialAccumulatorValue: 0.5 }, theirs: () => tf.train.adagrad(0.1, 0.5) },
];

const SHAPES: Record<string, number[]> = { 'dense/kernel': [3, 2], 'dense/bias': [2] };

/** Initial values away from zero, so that a relative tolerance means something for every value. */
function initialValues(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.5, 1.5));
}

function expectClose(ours: Float32Array, theirs: Float32Array): void {
  expect(ours.length).toBe(theirs.length);
  ours.forEach((v, i) => {
    const reference = theirs[i]!;
    expect(Math.abs(v - reference), `value ${i}: ours ${v}, TF.js ${reference}`).toBeLessThanOrEqual(1e-5 * Math.abs(reference));
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('optimizers match TensorFlow.js with Keras-equivalent settings', () => {
  it.each(CASES)('$name: after 1 and after 10 steps', ({ name, ours, theirs }) => {
    const rng = new Rng(2024);
    const params: Param[] = Object.entries(SHAPES).map(([paramName, shape]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return { name: paramName, shape, value: initialValues(rng, n), grad: new Float32Array(n), trainable: true };
    });
    const variables = params.map((p) => tf.variable(tf.tensor(p.value, [...p.shape]), true, `${name}/${p.name}`));
    const optimizer = createOptimizer(ours);
    const reference = theirs();
    try {
      for (let step = 1; step <= 10; step++) {
        const gradients: tf.NamedTensorMap = {};
        params.forEach((p, i) => {
          for (let j = 0; j < p.grad.length; j++) p.grad[j] = rng.normal();
          gradients[variables[i]!.name] = tf.tensor(p.grad, [...p.shape]);
        });
        reference.applyGradients(gradients);
        tf.dispose(Object.values(gradients));
        optimizer.step(params);
        if (step === 1 || step === 10) params.forEach((p, i) => expectClose(p.value, variables[i]!.dataSync() as Float32Array));
      }
      expect(optimizer.iterations).toBe(10);
    } finally {
      reference.dispose();
      tf.dispose(variables);
    }
  });
});
