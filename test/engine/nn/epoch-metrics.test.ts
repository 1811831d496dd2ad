import { describe, expect, it, vi } from 'vitest';
import { fit } from '../../../engine/nn/fit.ts';
import type { FitMetric } from '../../../engine/nn/fit-types.ts';
import { Network } from '../../../engine/nn/network.ts';
import type { NetworkSpec } from '../../../engine/nn/network-spec.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import type { Optimizer } from '../../../engine/nn/types.ts';
import { binaryAccuracy, diabetes } from './fit-fixtures.ts';

const spec = (inputSize: number, output: NetworkSpec['layers'][number], loss: NetworkSpec['loss'], hidden: NetworkSpec['layers'] = [{ type: 'dense', units: 8, activation: 'relu' }]): NetworkSpec => ({
  inputSize,
  layers: [...hidden, output],
  loss,
});

const OUTPUTS: [string, NetworkSpec['layers'][number], NetworkSpec['loss'], (rng: Rng) => number][] = [
  ['sigmoid + binary cross-entropy (fused)', { type: 'dense', units: 1, activation: 'sigmoid' }, 'binary_crossentropy', (rng) => rng.int(2)],
  ['softmax + sparse cross-entropy (fused)', { type: 'dense', units: 3, activation: 'softmax' }, 'sparse_categorical_crossentropy', (rng) => rng.int(3)],
  ['linear + mse', { type: 'dense', units: 1 }, 'mse', (rng) => rng.normal()],
  ['sigmoid + mse (not fused)', { type: 'dense', units: 1, activation: 'sigmoid' }, 'mse', (rng) => rng.next()],
];

describe('Network.batchOutputs and Network.evaluate', () => {
  for (const [label, output, loss, target] of OUTPUTS) {
    it(`${label}: the training batch's outputs are what predict gives for it (no dropout), evaluate is evaluateLoss + predict`, () => {
      const rng = new Rng(4);
      const rows = 37;
      const network = new Network(spec(5, output, loss), new Rng(1));
      const x = Float32Array.from({ length: rows * 5 }, () => rng.normal());
      const y = Float32Array.from({ length: rows }, () => target(rng));
      // A larger batch first: buffers then hold more rows than the batch that follows.
      network.computeGradients(Float32Array.from({ length: 90 * 5 }, () => rng.normal()), Float32Array.from({ length: 90 }, () => target(rng)), 90, new Rng(0));
      network.computeGradients(x, y, rows, new Rng(0));
      const batch = network.batchOutputs().slice();
      const predicted = network.predict(x, rows);
      // Exactly: rows are computed alike in any batch, and a sigmoid fused into the loss is the same sigmoid.
      expect(Array.from(batch)).toEqual(Array.from(predicted));

      const outputs = new Float32Array(predicted.length).fill(NaN);
      const evaluated = network.evaluate(x, y, rows, outputs);
      expect(evaluated).toBe(network.evaluateLoss(x, y, rows));
      expect(Array.from(outputs)).toEqual(Array.from(predicted));
    });
  }

  it('evaluates in chunks larger inputs exactly as predict does', () => {
    const rng = new Rng(2);
    const rows = 5000;
    const network = new Network(spec(3, { type: 'dense', units: 1, activation: 'sigmoid' }, 'binary_crossentropy'), new Rng(1));
    const x = Float32Array.from({ length: rows * 3 }, () => rng.normal());
    const y = Float32Array.from({ length: rows }, () => rng.int(2));
    const outputs = new Float32Array(rows);
    expect(network.evaluate(x, y, rows, outputs)).toBe(network.evaluateLoss(x, y, rows));
    expect(Array.from(outputs)).toEqual(Array.from(network.predict(x, rows)));
  });
});

describe('fit: epoch metrics as Keras computes them', () => {
  it('takes the training metric from the batches it trained on: no prediction over the training rows', () => {
    const data = diabetes();
    const network = new Network(spec(data.features, { type: 'dense', units: 1, activation: 'sigmoid' }, 'binary_crossentropy'), new Rng(3));
    const predict = vi.spyOn(network, 'predict');
    const seen: number[] = [];
    const counting: FitMetric = { ...binaryAccuracy, compute: (y, p, rows) => (seen.push(rows), binaryAccuracy.compute(y, p, rows)) };
    const result = fit(network, data, { epochs: 3, validationSplit: 0.25, metrics: [counting] });
    expect(predict).not.toHaveBeenCalled();
    // Per epoch: the 576 training rows once, then the 192 validation rows.
    expect(seen).toEqual([576, 192, 576, 192, 576, 192]);
    expect(result.history['accuracy']![2]).toBeGreaterThan(0.6);
  });

  const frozen: Optimizer = { kind: 'frozen', learningRate: 0, iterations: 0, step: () => {}, getState: () => ({ kind: 'frozen', iterations: 0, slots: {} }), setState: () => {} };

  it('with weights that do not move, the training metric equals the metric of predict on the training rows', () => {
    const data = diabetes();
    const network = new Network(spec(data.features, { type: 'dense', units: 1, activation: 'sigmoid' }, 'binary_crossentropy'), new Rng(3));
    const result = fit(network, data, { epochs: 2, batchSize: 50, validationSplit: 0.25, optimizer: frozen, metrics: [binaryAccuracy] });
    const trainRows = 576;
    const expected = binaryAccuracy.compute(data.y.subarray(0, trainRows), network.predict(data.x.subarray(0, trainRows * data.features), trainRows), trainRows);
    expect(result.history['accuracy']).toEqual([expected, expected]);
  });

  it('reports the validation metric and loss of the end-of-epoch weights in inference mode', () => {
    const data = diabetes();
    const network = new Network(
      spec(data.features, { type: 'dense', units: 1, activation: 'sigmoid' }, 'binary_crossentropy', [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dropout', rate: 0.5 }]),
      new Rng(3),
    );
    const result = fit(network, data, { epochs: 2, validationSplit: 0.25, metrics: [binaryAccuracy] });
    const x = data.x.subarray(576 * data.features), y = data.y.subarray(576);
    expect(result.history['val_loss']![1]).toBe(network.evaluateLoss(x, y, 192));
    expect(result.history['val_accuracy']![1]).toBe(binaryAccuracy.compute(y, network.predict(x, 192), 192));
  });
});
