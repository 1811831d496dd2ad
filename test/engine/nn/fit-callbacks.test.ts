import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { fit } from '../../../engine/nn/fit.ts';
import type { EarlyStoppingOptions, FitMetric, FitOptions, ReduceLrOnPlateauOptions } from '../../../engine/nn/fit-types.ts';
import { Sgd } from '../../../engine/nn/optimizers/sgd.ts';
import { LinearModel } from './doubles/linear-model.ts';
import { indexedRows, ScriptedNetwork } from './doubles/scripted-network.ts';
import { binaryAccuracy, diabetes } from './fit-fixtures.ts';

/**
 * Trains the scripted network with `valLosses[e − 1]` as epoch e's val_loss, 2 batches per epoch, SGD at rate
 * 0.5 on gradient 1: the weight after epoch e is −e (one unit per epoch).
 */
function scripted(valLosses: readonly number[], options: Partial<FitOptions>) {
  const network = new ScriptedNetwork();
  network.validationLoss = (epoch) => valLosses[epoch - 1]!;
  const weightsAtEpochEnd: number[] = [];
  const result = fit(
    network,
    indexedRows(10),
    { epochs: valLosses.length, batchSize: 4, validationSplit: 0.2, optimizer: new Sgd({ learningRate: 0.5 }), ...options },
    { onEpochEnd: () => weightsAtEpochEnd.push(network.w.value[0]!) },
  );
  return { result, weightsAtEpochEnd, finalWeight: network.w.value[0]! };
}

function earlyStopping(valLosses: readonly number[], options: EarlyStoppingOptions) {
  return scripted(valLosses, { earlyStopping: options });
}

describe('early stopping', () => {
  it('stops once patience epochs in a row fail to improve on the best', () => {
    // best 0.8 at epoch 2; epochs 3 and 4 do not beat it: with patience 2, stop after epoch 4.
    const { result } = earlyStopping([1, 0.8, 0.85, 0.9, 0.7, 0.6], { patience: 2 });
    expect(result.stopReason).toBe('early-stopped');
    expect(result.epochsCompleted).toBe(4);
    expect(result.bestEpoch).toBe(2);
    expect(result.history['val_loss']).toEqual([1, 0.8, 0.85, 0.9]);
    expect(result.message).toBe('Stopped early after epoch 4: val_loss stopped improving (best 0.8 at epoch 2).');
    expect(result.restoredEpoch).toBeNull();
  });

  it('with patience 0 stops at the first epoch that does not improve, but never after the first epoch', () => {
    expect(earlyStopping([1, 0.9, 0.95, 0.5], {}).result.epochsCompleted).toBe(3);
    expect(earlyStopping([Number.NaN, 0.9, 0.8], {}).result.epochsCompleted).toBe(3);
  });

  it('says so when the monitored value was never a number', () => {
    const { result } = earlyStopping([Number.NaN, Number.NaN, Number.NaN], {});
    expect(result.message).toBe('Stopped early after epoch 2: val_loss never had a usable value.');
  });

  it('counts only improvements larger than minDelta', () => {
    // 0.96 and 0.93 beat 1 by less than 0.1 → no improvement; stop after epoch 3 with best still epoch 1.
    const { result } = earlyStopping([1, 0.96, 0.93, 0.5], { patience: 2, minDelta: 0.1 });
    expect([result.epochsCompleted, result.bestEpoch]).toEqual([3, 1]);
  });

  it('restores the weights of the best epoch at the end, as kept by the engine', () => {
    const { result, weightsAtEpochEnd, finalWeight } = earlyStopping([1, 0.8, 0.85, 0.9, 0.7], { patience: 2, restoreBestWeights: true });
    expect(weightsAtEpochEnd).toEqual([-1, -2, -3, -4]);
    expect(finalWeight).toBe(-2);
    expect(result.restoredEpoch).toBe(2);
    expect(result.message).toMatch(/Restored the weights of the best epoch, 2 \(val_loss 0.8\)\.$/);
  });

  it('restores the best weights also when all epochs run', () => {
    const { result, finalWeight } = earlyStopping([1, 0.5, 0.6], { patience: 5, restoreBestWeights: true });
    expect(result.stopReason).toBe('completed');
    expect(finalWeight).toBe(-2);
  });

  it('watches a metric in max mode', () => {
    const accuracies = [0.5, 0.7, 0.6, 0.65, 0.9];
    let call = 0;
    const accuracy: FitMetric = { name: 'acc', direction: 'max', compute: () => accuracies[Math.floor(call++ / 2)]! };
    // Each epoch computes acc on training then validation rows: val_acc is the second call → 0.5, 0.7, 0.6, 0.65 …
    const { result } = scripted([1, 1, 1, 1, 1], { metrics: [accuracy], earlyStopping: { monitor: 'val_acc', patience: 2 } });
    expect([result.epochsCompleted, result.bestEpoch]).toEqual([4, 2]);
  });

  it('keeps going until the baseline is beaten, then restores the best epoch seen', () => {
    // Baseline 0.5: no epoch beats it, so the patience counter never resets; stop after 3 epochs, best epoch 2.
    const { result, finalWeight } = earlyStopping([0.9, 0.8, 0.85, 0.7], { patience: 3, baseline: 0.5, restoreBestWeights: true });
    expect([result.epochsCompleted, result.bestEpoch, finalWeight]).toEqual([3, 2, -2]);
  });

  it('ignores the warm-up epochs of startFromEpoch', () => {
    const { result } = earlyStopping([0.1, 1, 0.9, 0.95, 0.96], { patience: 1, startFromEpoch: 1 });
    expect([result.epochsCompleted, result.bestEpoch]).toEqual([4, 3]);
  });

  it.each([
    [{ monitor: 'val_loss' }, { validationSplit: 0 }, /Early stopping watches "val_loss", which this training does not report \(it reports loss\)\. Set a validation split/],
    [{ monitor: 'val_auc' }, {}, /watches "val_auc", which this training does not report \(it reports loss, val_loss\)/],
    [{ monitor: 'score' }, { metrics: [{ name: 'score', compute: () => 0 }] }, /cannot tell whether a higher or a lower "score" is better: set its mode to min or max/],
    [{ patience: -1 }, {}, /Early stopping: patience must be a whole number of epochs ≥ 0, got -1/],
  ] as const)('refuses a monitor or setting it cannot use (%#)', (es, options, message) => {
    try {
      scripted([1, 1], { earlyStopping: es, ...options });
      expect.unreachable();
    } catch (error) {
      expect(isUserFacingError(error) && error.message).toMatch(message);
    }
  });

  it('stops a real training on the diabetes data and keeps its best epoch', () => {
    const data = diabetes();
    const model = new LinearModel(data.features, 'logistic');
    const result = fit(model, data, {
      epochs: 200,
      validationSplit: 0.25,
      metrics: [binaryAccuracy],
      optimizer: { kind: 'sgd', learningRate: 0.5, momentum: 0.9 },
      earlyStopping: { monitor: 'val_loss', patience: 3, restoreBestWeights: true },
    });
    expect(result.stopReason).toBe('early-stopped');
    const valLoss = result.history['val_loss']!;
    const best = result.bestEpoch!;
    expect(valLoss[best - 1]).toBe(Math.min(...valLoss));
    expect(result.epochsCompleted).toBe(best + 3);
    expect(model.evaluateLoss(data.x.subarray(576 * 8), data.y.subarray(576), 192)).toBeCloseTo(valLoss[best - 1]!, 6);
  });
});

describe('reduce learning rate on plateau', () => {
  function reduceLr(valLosses: readonly number[], options: ReduceLrOnPlateauOptions): number[] {
    return scripted(valLosses, { reduceLrOnPlateau: options }).result.history['learning_rate']!;
  }

  it('multiplies the rate by factor after patience epochs without improvement, from the next epoch on', () => {
    // best 0.9 at epoch 2; epochs 3 and 4 plateau → the rate halves after epoch 4; epochs 5 and 6 plateau again.
    expect(reduceLr([1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], { patience: 2, factor: 0.5 })).toEqual([0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.125]);
  });

  it('waits cooldown epochs after a reduction before counting again', () => {
    // Reduced after epoch 4; epochs 5 and 6 cool down (the counter restarts in epoch 6), reduced again after epoch 7.
    expect(reduceLr([1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], { patience: 2, factor: 0.5, cooldown: 2 })).toEqual([0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125]);
  });

  it('uses Keras\' defaults: factor 0.1, patience 10, minDelta 1e-4', () => {
    // Dips of 0.00005 are under minDelta: epochs 2–11 count as a plateau, and the rate drops after epoch 11.
    const rates = reduceLr([1, ...Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? 0.99995 : 1))], {});
    expect(rates.slice(0, 11)).toEqual(Array(11).fill(0.5));
    expect(rates[11]).toBeCloseTo(0.05, 12);
  });

  it('never goes below minLearningRate', () => {
    // Epoch 2 does not improve: 0.5·0.1 = 0.05 is raised to 0.2 for epoch 3; at 0.2 there is nothing left to reduce.
    expect(reduceLr([1, 1, 1, 1, 1], { patience: 1, factor: 0.1, minLearningRate: 0.2 })).toEqual([0.5, 0.5, 0.2, 0.2, 0.2]);
  });

  it('rejects a factor that would not reduce', () => {
    expect(() => reduceLr([1], { factor: 1 })).toThrow(/factor must be a number between 0 and 1/);
  });
});
