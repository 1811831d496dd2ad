import { describe, expect, it } from 'vitest';
import { fit } from '../../../engine/nn/fit.ts';
import type { TrainingData } from '../../../engine/nn/fit-types.ts';
import { Sgd } from '../../../engine/nn/optimizers/sgd.ts';
import { LinearModel } from './doubles/linear-model.ts';
import { indexedRows, ScriptedNetwork } from './doubles/scripted-network.ts';
import { loadTable, weightsOf } from './fit-fixtures.ts';

const HOUSING_FEATURES = ['housing_median_age', 'total_rooms', 'population', 'households', 'median_income'];

describe('a diverging run', () => {
  it('stops on raw housing columns with a message the user can act on, and restores the initial weights', () => {
    // Raw room counts run into the tens of thousands and prices into the hundreds of thousands: SGD at 0.01 overflows.
    const data = loadTable('housing.csv', HOUSING_FEATURES, 'median_house_value', false);
    const model = new LinearModel(data.features, 'linear');
    const result = fit(model, data, { epochs: 5, optimizer: { kind: 'sgd', learningRate: 0.01 } });
    expect(result.stopReason).toBe('diverged');
    expect(result.message).toMatch(
      /^Training diverged: the loss became (NaN|infinite) at epoch 1, batch \d+\. Lower the learning rate or scale the inputs \(standardize the numeric columns\), then train again\. Restored the initial weights\.$/,
    );
    expect(result.epochsCompleted).toBe(0);
    expect(result.restoredEpoch).toBe(0);
    expect(weightsOf(model.params()).flat().every((w) => w === 0)).toBe(true);
  });

  it('trains to the end once the inputs are standardized and the target is in 100,000s', () => {
    const data = loadTable('housing.csv', HOUSING_FEATURES, 'median_house_value', true);
    const scaled: TrainingData = { ...data, y: data.y.map((v) => v / 100_000) };
    const result = fit(new LinearModel(data.features, 'linear'), scaled, { epochs: 2, optimizer: { kind: 'sgd', learningRate: 0.01 } });
    expect(result.stopReason).toBe('completed');
    expect(result.history['loss']![1]).toBeLessThan(1);
  });

  function scripted(setUp: (network: ScriptedNetwork) => void, options = {}) {
    const network = new ScriptedNetwork();
    setUp(network);
    // 5 batches per epoch, SGD at rate 1 on gradient 1: the weight is −(steps taken).
    const result = fit(network, indexedRows(10), { epochs: 6, batchSize: 2, optimizer: new Sgd({ learningRate: 1 }), ...options });
    return { result, weight: network.w.value[0]! };
  }

  it('puts back the weights of the last finished epoch when the loss breaks mid-epoch', () => {
    const { result, weight } = scripted((n) => (n.trainingLoss = (step) => (step === 12 ? Number.NaN : 1)));
    expect(result.message).toBe(
      'Training diverged: the loss became NaN at epoch 3, batch 2. Lower the learning rate or scale the inputs (standardize the numeric columns), then train again. Restored the weights of epoch 2.',
    );
    expect([result.epochsCompleted, result.restoredEpoch, weight]).toEqual([2, 2, -10]);
    expect(result.history['loss']).toHaveLength(2);
  });

  it('catches weights that overflow on an epoch\'s last step even though every loss was finite', () => {
    const { result, weight } = scripted((n) => (n.gradient = (step) => (step === 5 ? Infinity : 1)));
    expect(result.stopReason).toBe('diverged');
    expect(result.message).toMatch(/^Training diverged: the weights became NaN or infinite during epoch 1\. .* Restored the initial weights\.$/);
    expect(weight).toBe(0);
  });

  it('prefers the best epoch\'s weights when early stopping keeps them', () => {
    const losses = [1, 0.5, 2];
    const { result, weight } = scripted((n) => (n.trainingLoss = (step) => (step === 16 ? Infinity : losses[Math.floor((step - 1) / 5)]!)), {
      earlyStopping: { monitor: 'loss', patience: 10, restoreBestWeights: true },
    });
    expect([result.stopReason, result.restoredEpoch, weight]).toEqual(['diverged', 2, -10]);
    expect(result.message).toMatch(/the loss became infinite at epoch 4, batch 1\. .* Restored the weights of the best epoch, 2 \(loss 0\.5\)\.$/);
  });
});
