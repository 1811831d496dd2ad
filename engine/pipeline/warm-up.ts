/**
 * Warms the training code of this thread before the first real run, so that run's first epoch does not pay for
 * compilation: the WebAssembly kernels are compiled and tiered up, and the JavaScript of the fit loop (gather,
 * losses, Adam, epoch metrics, validation) is optimised, by training small networks on generated rows — never
 * on the user's data. Once per thread; about as long as a few epochs of the classic 6-6 network.
 */
import { progressMetrics } from '../metrics/index.ts';
import { fit } from '../nn/fit.ts';
import type { FitMetric, TrainingData } from '../nn/fit-types.ts';
import { Network } from '../nn/network.ts';
import type { NetworkSpec } from '../nn/network-spec.ts';
import { Rng } from '../nn/rng.ts';

const ROWS = 320;
const FEATURES = 12;

interface Task {
  readonly output: NetworkSpec['layers'][number];
  readonly loss: NetworkSpec['loss'];
  readonly metric: FitMetric;
  readonly target: (rng: Rng) => number;
}

const TASKS: readonly Task[] = [
  { output: { type: 'dense', units: 1, activation: 'sigmoid' }, loss: 'binary_crossentropy', metric: { name: 'accuracy', direction: 'max', compute: progressMetrics.binaryAccuracy }, target: (rng) => rng.int(2) },
  { output: { type: 'dense', units: 3, activation: 'softmax' }, loss: 'sparse_categorical_crossentropy', metric: { name: 'accuracy', direction: 'max', compute: progressMetrics.sparseAccuracy }, target: (rng) => rng.int(3) },
  { output: { type: 'dense', units: 1, activation: 'linear' }, loss: 'mse', metric: { name: 'r2', direction: 'max', compute: progressMetrics.r2 }, target: (rng) => rng.normal() },
];

let warmed = false;

function rows(rng: Rng, count: number, target: (rng: Rng) => number): TrainingData {
  return {
    x: Float32Array.from({ length: count * FEATURES }, () => rng.normal()),
    y: Float32Array.from({ length: count }, () => target(rng)),
    rows: count,
    features: FEATURES,
    targetWidth: 1,
  };
}

/** Trains each kind of output once on generated rows; later calls return at once. */
export function warmUpTraining(): void {
  if (warmed) return;
  warmed = true;
  const rng = new Rng(7);
  for (const task of TASKS) {
    // 20 and 6 units: the kernels' wide tiles and their edges both run.
    const spec: NetworkSpec = { inputSize: FEATURES, layers: [{ type: 'dense', units: 20, activation: 'relu' }, { type: 'dense', units: 6, activation: 'relu' }, task.output], loss: task.loss };
    fit(new Network(spec, new Rng(1)), rows(rng, ROWS, task.target), {
      epochs: 3,
      batchSize: 32,
      validationData: rows(rng, ROWS / 4, task.target),
      metrics: [task.metric],
      earlyStopping: { patience: 5, restoreBestWeights: true },
      reduceLrOnPlateau: { patience: 2, factor: 0.5 },
    });
  }
}
