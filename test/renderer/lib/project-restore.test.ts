import { describe, expect, it } from 'vitest';
import { toNetworkDesign } from '../../../renderer/src/lib/network/design.ts';
import { defaultTrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import { formOf, layersOf, penaltiesOf } from '../../../renderer/src/lib/results/project-restore.ts';

describe("a project's network design back in the Build step", () => {
  it('turns Dense layers and the Dropout after them into editable layers, and back into the same design', () => {
    const design = {
      hidden: [
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 64, activation: 'tanh' },
      ],
    } as const;
    const layers = layersOf(design);
    expect(layers.map(({ units, activation, dropout }) => ({ units, activation, dropout }))).toEqual([
      { units: 128, activation: 'relu', dropout: 0.2 },
      { units: 64, activation: 'tanh', dropout: 0 },
    ]);
    expect(new Set(layers.map((l) => l.id)).size, 'each layer its own id').toBe(2);
    expect(toNetworkDesign(layers)).toEqual(design);
  });

  it('keeps a design without hidden layers empty', () => {
    expect(layersOf({ hidden: [] })).toEqual([]);
  });

  it('takes the Dense layers\' L1/L2 penalties for the Train form, none without them', () => {
    expect(penaltiesOf({ hidden: [{ type: 'dense', units: 8, activation: 'relu', l1: 1e-5, l2: 3.4e-4 }, { type: 'dropout', rate: 0.1 }] })).toEqual({ l1: 1e-5, l2: 3.4e-4 });
    expect(penaltiesOf({ hidden: [{ type: 'dense', units: 8, activation: 'relu' }] })).toEqual({ l1: 0, l2: 0 });
    expect(penaltiesOf({ hidden: [] })).toEqual({ l1: 0, l2: 0 });
  });
});

describe("a project's training settings back in the Train form", () => {
  it('takes the optimizer, learning rate, batch, epochs, early stopping and a regression loss', () => {
    const settings = defaultTrainingSettings({ optimizer: { kind: 'sgd', learningRate: 0.01 }, batchSize: 64, epochs: 40, loss: 'huber', earlyStopping: { patience: 7, restoreBestWeights: true } });
    expect(formOf(settings)).toEqual({ optimizer: 'sgd', learningRate: 0.01, batchSize: 64, epochs: 40, earlyStopping: true, patience: 7, regressionLoss: 'huber', classWeight: 'none' });
    expect(formOf(defaultTrainingSettings({ classWeight: 'balanced' })).classWeight, 'balanced classes come back').toBe('balanced');
    expect(formOf(defaultTrainingSettings({ earlyStopping: false }))).toMatchObject({ earlyStopping: false, optimizer: 'adam' });
  });
});
