/**
 * Trains in a worker thread under a shared TrainingControl, the way the app's training worker does: counts
 * finished batches in a shared word so the test thread can watch progress while the trainer is blocked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TrainingControl } from '../../../../engine/nn/control.ts';
import { fit } from '../../../../engine/nn/fit.ts';
import { LinearModel } from './linear-model.ts';

const { controlBuffer, progressBuffer } = workerData as { controlBuffer: SharedArrayBuffer; progressBuffer: SharedArrayBuffer };
const batchesDone = new Int32Array(progressBuffer);
const rows = 200;
const data = {
  x: Float32Array.from({ length: rows * 2 }, (_, i) => Math.sin(i)),
  y: Float32Array.from({ length: rows }, (_, r) => (Math.sin(2 * r) > 0 ? 1 : 0)),
  rows,
  features: 2,
  targetWidth: 1,
};
const result = fit(
  new LinearModel(2, 'logistic'),
  data,
  // Far more epochs than the test waits for: the run only ends by cancellation.
  { epochs: 1_000_000, batchSize: 20, control: TrainingControl.attach(controlBuffer) },
  {
    onBatchEnd: () => Atomics.add(batchesDone, 0, 1),
    onPause: (event) => parentPort!.postMessage({ type: 'paused', event }),
  },
);
parentPort!.postMessage({ type: 'done', result });
