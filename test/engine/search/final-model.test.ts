import { describe, expect, it } from 'vitest';
import type { FitHistory } from '../../../engine/nn/fit-types.ts';
import type { NetworkJSON } from '../../../engine/nn/network-json.ts';
import type { FittedTarget } from '../../../engine/prep/types.ts';
import { finalModel, type TrialRecord } from '../../../engine/search/final-model.ts';
import { portfolio } from '../../../engine/search/portfolio.ts';

const CONFIG = portfolio({ rows: 100, classification: false, pieces: false, epochs: 50 })[0]!;
const FOLDS = [{ train: 3, validation: 1 }];
const y = Float32Array.from([0, 1, 2, 3]);

/** A finished one-fold trial with this validation score and these out-of-fold predictions. */
function record(id: number, mean: number, loss: number, outOfFold: number[]): TrialRecord {
  const history = { epochsCompleted: 5, bestEpoch: 5, stopReason: 'early-stopped' } as unknown as FitHistory;
  return {
    request: { id, configNumber: id, config: CONFIG, seed: id, bracket: 0, rung: 0 },
    outcome: { folds: [{ network: { id } as unknown as NetworkJSON, history, score: { metric: mean, loss } }], outOfFold: Float32Array.from(outOfFold), cancelled: false },
    score: { mean, std: 0, loss },
    seconds: 1,
  };
}

// Trial 1 has the higher mean of per-fold scores; trial 2 the lower validation error over the rows.
const records = [record(1, 0.8, 0.5, [1, 1, 1, 1]), record(2, 0.7, 0.3, [0, 1, 2, 2])];

describe('the final model', () => {
  it('starts a regression model from the trial with the lowest validation error, not the highest mean R²', () => {
    const target: FittedTarget = { column: 'y', task: 'regression', targetWidth: 1, outputWidth: 1, loss: 'mse' };
    expect(finalModel(records, target, y, FOLDS, 1)!.best.request.id).toBe(2);
  });

  it('starts a classifier from the trial with the highest mean accuracy', () => {
    const target: FittedTarget = { column: 'y', task: 'binary', classLabels: ['a', 'b'], positiveLabel: 'b', targetWidth: 1, outputWidth: 1, loss: 'binary_crossentropy' };
    const binary = Float32Array.from([0, 1, 1, 0]);
    const classes = [record(1, 0.8, 0.6, [0.4, 0.6, 0.6, 0.4]), record(2, 0.7, 0.3, [0.2, 0.8, 0.4, 0.2])];
    expect(finalModel(classes, target, binary, FOLDS, 1)!.best.request.id).toBe(1);
  });
});
