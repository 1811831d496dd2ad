import { describe, expect, it } from 'vitest';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import { prepareSearch } from '../../../engine/search/search-data.ts';
import { runTrial } from '../../../engine/search/trial.ts';
import type { TrialConfig } from '../../../engine/search/trial-config.ts';
import { loadDataset } from '../prep/fixtures.ts';

const CONFIG: TrialConfig = { inputs: 'standard', hidden: [8], activation: 'relu', dropout: 0, l2: 0, l1: 0, learningRate: 0.01, batchSize: 16, classWeight: 'none', epochs: 3, patience: 3 };

describe('a search trial', () => {
  it('on a share of the rows trains each fold on that share of its training rows, and still validates on all of its validation rows', () => {
    const table = loadDataset('iris.csv');
    const prepared = prepareSearch(table, suggestRecipe(table, { target: 'species' }), { folds: 3, seed: 2 });
    const data = prepared.encodings.standard!;
    const all = runTrial(data, prepared.folds, CONFIG, 7);
    const third = runTrial(data, prepared.folds, { ...CONFIG, rowShare: 1 / 3 }, 7);
    expect(all.folds.map((f) => f.trainRows)).toEqual(prepared.folds.map((f) => f.train.length));
    // A third of each class, rounded per class: within half a row per class (three) of a third of them all.
    third.folds.forEach((f, i) => expect(Math.abs(f.trainRows - prepared.folds[i]!.train.length / 3)).toBeLessThanOrEqual(1.5));
    // Every non-test row still gets its out-of-fold prediction.
    expect(third.outOfFold.every((v) => Number.isFinite(v))).toBe(true);
    expect(Array.from(runTrial(data, prepared.folds, { ...CONFIG, rowShare: 1 / 3 }, 7).outOfFold)).toEqual(Array.from(third.outOfFold));
  });
});
