import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { fit } from '../../../engine/nn/fit.ts';
import type { BatchEvent, FitOptions, TrainingData } from '../../../engine/nn/fit-types.ts';
import { Network } from '../../../engine/nn/network.ts';
import { Sgd } from '../../../engine/nn/optimizers/sgd.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { LinearModel } from './doubles/linear-model.ts';
import { indexedRows, ScriptedNetwork } from './doubles/scripted-network.ts';
import { binaryAccuracy, diabetes, weightsOf } from './fit-fixtures.ts';

function userError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a UserFacingError');
}

describe('fit on real data', () => {
  it('learns the diabetes outcome: the loss falls and accuracy beats the 65% majority class', () => {
    const data = diabetes();
    const model = new LinearModel(data.features, 'logistic');
    const result = fit(model, data, { epochs: 15, validationSplit: 0.2, optimizer: { kind: 'adam', learningRate: 0.01 }, metrics: [binaryAccuracy] });
    const { loss, val_loss, accuracy, val_accuracy, learning_rate } = result.history;
    expect(result.stopReason).toBe('completed');
    expect(result.message).toBe('Trained 15 epochs.');
    expect(result.epochsCompleted).toBe(15);
    expect(Object.keys(result.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy', 'learning_rate']);
    expect(loss).toHaveLength(15);
    expect(loss![14]).toBeLessThan(loss![0]! * 0.8);
    expect(val_loss![14]).toBeLessThan(val_loss![0]!);
    expect(accuracy![14]).toBeGreaterThan(0.75);
    expect(val_accuracy![14]).toBeGreaterThan(0.7);
    expect(learning_rate).toEqual(Array(15).fill(0.01));
    expect(result.samplesPerSecond).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives bit-identical weights, another seed different ones', () => {
    const data = diabetes();
    const run = (seed: number): number[][] => {
      const model = new LinearModel(data.features, 'logistic');
      fit(model, data, { epochs: 3, batchSize: 16, seed, optimizer: { kind: 'adam', learningRate: 0.01 } });
      return weightsOf(model.params());
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('is deterministic with a real Network that draws dropout masks', () => {
    const data = diabetes();
    const run = (): number[][] => {
      const network = new Network(
        { inputSize: data.features, loss: 'binary_crossentropy', layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 1, activation: 'sigmoid' }] },
        new Rng(1),
      );
      const result = fit(network, data, { epochs: 3, rng: new Rng(5), validationSplit: 0.2 });
      expect(result.history['val_loss']![2]).toBeLessThan(result.history['val_loss']![0]!);
      return weightsOf(network.params());
    };
    expect(run()).toEqual(run());
  });
});

describe('fit batching', () => {
  it('covers every training row once per epoch, in batches of batchSize with a smaller last batch', () => {
    const network = new ScriptedNetwork();
    fit(network, indexedRows(20), { epochs: 2, batchSize: 8 });
    expect(network.batches.map((b) => b.rows)).toEqual([8, 8, 4, 8, 8, 4]);
    for (const epoch of [network.batches.slice(0, 3), network.batches.slice(3)]) {
      expect(epoch.flatMap((b) => b.ids).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
  });

  it('defaults to Keras\' batch size of 32', () => {
    const network = new ScriptedNetwork();
    fit(network, indexedRows(70), { epochs: 1 });
    expect(network.batches.map((b) => b.rows)).toEqual([32, 32, 6]);
  });

  it('reshuffles at every epoch from the seed, and keeps the row order when shuffle is off', () => {
    const orders = (options: Partial<FitOptions>): number[][] => {
      const network = new ScriptedNetwork();
      fit(network, indexedRows(12), { epochs: 2, batchSize: 12, ...options });
      return network.batches.map((b) => b.ids);
    };
    const [first, second] = orders({ seed: 3 });
    expect(first).not.toEqual(second);
    expect(orders({ seed: 3 })).toEqual([first, second]);
    expect(orders({ seed: 4 })[0]).not.toEqual(first);
    const identity = Array.from({ length: 12 }, (_, i) => i);
    expect(orders({ shuffle: false })).toEqual([identity, identity]);
  });

  it('validationSplit holds out the last rows, before shuffling, as Keras does', () => {
    const network = new ScriptedNetwork();
    // ⌊20 · (1 − 0.25)⌋ = 15 training rows (0–14); rows 15–19 validate, in order, at every epoch end.
    const result = fit(network, indexedRows(20), { epochs: 2, batchSize: 5, validationSplit: 0.25 });
    const trained = network.batches.flatMap((b) => b.ids);
    expect(trained).toHaveLength(30);
    expect(Math.max(...trained)).toBe(14);
    expect(network.evaluated.map((e) => e.ids)).toEqual([
      [15, 16, 17, 18, 19],
      [15, 16, 17, 18, 19],
    ]);
    expect(result.history['val_loss']).toHaveLength(2);
  });

  it('uses separate validation data as given', () => {
    const network = new ScriptedNetwork();
    const validation = indexedRows(3);
    fit(network, indexedRows(10), { epochs: 1, validationData: validation });
    expect(network.evaluated.map((e) => e.ids)).toEqual([[0, 1, 2]]);
    expect(network.batches.flatMap((b) => b.ids)).toHaveLength(10);
  });
});

describe('fit class weights', () => {
  it('turns class weights into per-row sample weights', () => {
    const network = new ScriptedNetwork();
    fit(network, indexedRows(6), { epochs: 1, batchSize: 6, shuffle: false, classWeight: { 1: 3 } });
    // Targets alternate 0, 1: class 0 is not listed and weighs 1.
    expect(network.batches[0]!.sampleWeights).toEqual([1, 3, 1, 3, 1, 3]);
  });

  it('scale the gradient like repeating each row of a class (Keras\' sum-over-batch-size loss)', () => {
    // Weighted: grad = (1/n)·Σ wᵣ·gᵣ over n rows. Repeating every class-1 row 3 times gives n′ rows and
    // grad′ = (1/n′)·Σ wᵣ·gᵣ, so one SGD step at rate 1 on the weighted data equals one at rate n′/n on the repeated data.
    const data = diabetes();
    const repeated: number[] = [];
    for (let r = 0; r < data.rows; r++) for (let k = 0; k < (data.y[r] === 1 ? 3 : 1); k++) repeated.push(r);
    const repeatedData: TrainingData = {
      ...data,
      rows: repeated.length,
      x: Float32Array.from(repeated.flatMap((r) => Array.from(data.x.subarray(r * data.features, (r + 1) * data.features)))),
      y: Float32Array.from(repeated.map((r) => data.y[r]!)),
    };
    const step = (d: TrainingData, learningRate: number, classWeight?: Record<number, number>): number[][] => {
      const model = new LinearModel(d.features, 'logistic', [0.1, -0.2, 0.3, 0, 0.05, 0.1, -0.1, 0.2]);
      fit(model, d, { epochs: 1, batchSize: d.rows, optimizer: new Sgd({ learningRate }), ...(classWeight ? { classWeight } : {}) });
      return weightsOf(model.params());
    };
    const weighted = step(data, 1, { 0: 1, 1: 3 });
    const viaRepeats = step(repeatedData, repeatedData.rows / data.rows);
    const unweighted = step(data, 1);
    weighted.flat().forEach((v, i) => expect(v).toBeCloseTo(viaRepeats.flat()[i]!, 5));
    expect(weighted.flat()[8]).not.toBeCloseTo(unweighted.flat()[8]!, 3);
  });
});

describe('fit progress events', () => {
  it('reports every batchEventEvery batches and always the last batch, with the running mean loss', () => {
    const network = new ScriptedNetwork();
    network.trainingLoss = (step) => step;
    const events: BatchEvent[] = [];
    fit(network, indexedRows(35), { epochs: 2, batchSize: 5, batchEventEvery: 3, shuffle: false, optimizer: new Sgd({ learningRate: 0.5 }) }, { onBatchEnd: (e) => events.push(e) });
    expect(events.map((e) => [e.epoch, e.batch])).toEqual([
      [1, 3],
      [1, 6],
      [1, 7],
      [2, 3],
      [2, 6],
      [2, 7],
    ]);
    // Epoch 2's batches are steps 8–14 with losses 8–14 on equal batches: the mean after 3 batches is 9.
    expect(events[3]).toMatchObject({ loss: 9, batches: 7, epochs: 2, learningRate: 0.5 });
    expect(events[5]!.etaSeconds).toBe(0);
  });

  it('times the run with the given clock, without the pauses', () => {
    let now = 0;
    const clock = (): number => (now += 250);
    const result = fit(new ScriptedNetwork(), indexedRows(8), { epochs: 2, batchSize: 4, clock }, { onEpochEnd: (e) => expect(e.elapsedSeconds).toBeGreaterThan(0) });
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.samplesPerSecond).toBeCloseTo(16 / result.seconds, 9);
  });

  it('tells onTrainBegin the shape of the run and each epoch its logs and best epoch', () => {
    const network = new ScriptedNetwork();
    network.validationLoss = (epoch) => [3, 1, 2][epoch - 1]!;
    const begin: unknown[] = [];
    const best: (number | null)[] = [];
    fit(network, indexedRows(10), { epochs: 3, batchSize: 4, validationSplit: 0.2 }, { onTrainBegin: (e) => begin.push(e), onEpochEnd: (e) => best.push(e.bestEpoch) });
    expect(begin).toEqual([{ epochs: 3, batchesPerEpoch: 2, trainRows: 8, validationRows: 2, learningRate: 0.001 }]);
    expect(best).toEqual([1, 2, 2]);
  });
});

describe('fit input checks', () => {
  const network = new LinearModel(2, 'linear');
  const ok: TrainingData = { x: new Float32Array([1, 2, 3, 4]), y: new Float32Array([0, 1]), rows: 2, features: 2, targetWidth: 1 };

  it.each([
    [{ ...ok, features: 3, x: new Float32Array(6) }, {}, /3 input columns but the network expects 2: rebuild the network/],
    [{ ...ok, x: new Float32Array([1, Number.NaN, 3, 4]) }, {}, /missing or non-numeric value at row 1, input column 2: fill or drop missing values/],
    [{ ...ok, y: new Float32Array([0, Infinity]) }, {}, /non-numeric target at row 2/],
    [ok, { validationSplit: 0.9 }, /leaves 0 rows to train on/],
    [ok, { validationSplit: 1 }, /validation split must be a fraction from 0 up to \(not including\) 1/],
    [ok, { validationSplit: 0.5, validationData: ok }, /Both a validation split and a separate validation set/],
    [ok, { epochs: 0 }, /Training: epochs must be a whole number ≥ 1, got 0/],
    [ok, { batchSize: 2.5 }, /batchSize must be a whole number ≥ 1/],
    [ok, { classWeight: { 0: -1 } }, /weight of class 0 must be a number ≥ 0/],
    [{ ...ok, y: new Float32Array([0.5, 1]) }, { classWeight: { 1: 2 } }, /Class weights need class labels, but the target at row 1 is 0.5/],
    [ok, { classWeight: { 0: 0, 1: 0 } }, /Every training row has a class weight of 0/],
    [ok, { metrics: [{ name: 'val_acc', compute: () => 0 }] }, /Metric name "val_acc" cannot be used/],
    [ok, { optimizer: { kind: 'adam', learningRate: 0 } }, /adam: learningRate must be a number greater than 0/],
  ] as const)('rejects bad input with a message that says what to do (%#)', (data, options, message) => {
    const error = userError(() => fit(network, data, { epochs: 1, ...options } as FitOptions));
    expect(error.message).toMatch(message);
  });

  it('lets a 2-row split pass when each side gets a row', () => {
    expect(fit(network, ok, { epochs: 1, validationSplit: 0.5 }).history['val_loss']).toHaveLength(1);
  });
});
