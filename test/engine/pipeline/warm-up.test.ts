import { describe, expect, it } from 'vitest';
import { fit } from '../../../engine/nn/fit.ts';
import { Network } from '../../../engine/nn/network.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { warmUpTraining } from '../../../engine/pipeline/warm-up.ts';
import { binaryAccuracy, diabetes } from '../nn/fit-fixtures.ts';

describe('warmUpTraining', () => {
  it('leaves nothing behind: a run after it trains the weights a run before it did', () => {
    const data = diabetes();
    const run = (): number[][] => {
      const network = new Network({ inputSize: data.features, layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, new Rng(4));
      fit(network, data, { epochs: 3, validationSplit: 0.2, metrics: [binaryAccuracy], seed: 9 });
      return network.getWeights().map((w) => Array.from(w));
    };
    const before = run();
    warmUpTraining();
    expect(run()).toEqual(before);
  });
});
