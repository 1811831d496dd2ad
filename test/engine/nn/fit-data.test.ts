import { describe, expect, it } from 'vitest';
import { BatchGatherer, classWeightsToSampleWeights, splitValidation } from '../../../engine/nn/fit-data.ts';
import type { TrainingData } from '../../../engine/nn/fit-types.ts';

/** Three rows, two features, one-hot targets over three classes: classes 2, 0, 1. */
const ONE_HOT: TrainingData = {
  x: Float32Array.from([1, 2, 3, 4, 5, 6]),
  y: Float32Array.from([0, 0, 1, 1, 0, 0, 0, 1, 0]),
  rows: 3,
  features: 2,
  targetWidth: 3,
};

describe('classWeightsToSampleWeights', () => {
  it('weighs one-hot rows by the class of their largest entry, unlisted classes by 1', () => {
    expect(Array.from(classWeightsToSampleWeights(ONE_HOT, { 2: 5, 0: 0.5 }))).toEqual([5, 0.5, 1]);
  });

  it('weighs class-index rows by their index', () => {
    const data: TrainingData = { x: new Float32Array(4), y: Float32Array.from([2, 0, 1, 2]), rows: 4, features: 1, targetWidth: 1 };
    expect(Array.from(classWeightsToSampleWeights(data, { 0: 2, 1: 3, 2: 4 }))).toEqual([4, 2, 3, 4]);
  });

  it('rejects keys that are not class indices', () => {
    expect(() => classWeightsToSampleWeights(ONE_HOT, { '-1': 2 })).toThrow(/keyed by class index \(0, 1, 2, …\), not "-1"/);
  });
});

describe('splitValidation', () => {
  it('keeps ⌊rows·(1 − split)⌋ rows for training and the rest, the last rows, for validation', () => {
    const data: TrainingData = { x: Float32Array.from({ length: 10 }, (_, i) => i), y: new Float32Array(10), rows: 10, features: 1, targetWidth: 1 };
    const { train, validation } = splitValidation(data, 0.3);
    expect([train.rows, validation.rows]).toEqual([7, 3]);
    expect(Array.from(validation.x)).toEqual([7, 8, 9]);
  });
});

describe('BatchGatherer', () => {
  it('copies the rows named by the order into its buffers, inputs, targets and weights alike', () => {
    const gatherer = new BatchGatherer(ONE_HOT, Float32Array.from([10, 20, 30]), 2);
    gatherer.gather(Uint32Array.from([2, 0, 1]), 0, 2);
    expect(Array.from(gatherer.x)).toEqual([5, 6, 1, 2]);
    expect(Array.from(gatherer.y)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(Array.from(gatherer.weights!)).toEqual([30, 10]);
    gatherer.gather(Uint32Array.from([2, 0, 1]), 2, 1);
    expect(Array.from(gatherer.x.subarray(0, 2))).toEqual([3, 4]);
  });
});
