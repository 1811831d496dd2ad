import { describe, expect, it } from 'vitest';
import { defaultEpochs, defaultTrainingSettings, MAX_DEFAULT_EPOCHS, sizedTrainingSettings } from '../../../engine/pipeline/training-settings.ts';

describe('defaultEpochs', () => {
  it('keeps 100 epochs and a patience of 10 once a table has 4,000 batch steps in them (1,280 rows at batch 32)', () => {
    expect(defaultEpochs(1280)).toEqual({ epochs: 100, patience: 10 });
    expect(defaultEpochs(16_512)).toEqual({ epochs: 100, patience: 10 });
    expect(defaultEpochs(1_000_000)).toEqual({ epochs: 100, patience: 10 });
  });

  it('gives a small table about 4,000 batch steps, up to 400 epochs, and a tenth of them as patience', () => {
    // Vehicle: 609 training rows are 20 batches of 32, so 200 epochs.
    expect(defaultEpochs(609)).toEqual({ epochs: 200, patience: 20 });
    // Servo: 120 rows are 4 batches; 1,000 epochs would be wanted, 400 are allowed.
    expect(defaultEpochs(120)).toEqual({ epochs: MAX_DEFAULT_EPOCHS, patience: 40 });
    expect(defaultEpochs(1)).toEqual({ epochs: MAX_DEFAULT_EPOCHS, patience: 40 });
    // A smaller batch makes more steps per epoch: fewer epochs reach 4,000.
    expect(defaultEpochs(609, 8)).toEqual({ epochs: 100, patience: 10 });
  });

  it('sizes the settings for the rows, halving the learning rate after half the patience; the user’s choices win', () => {
    const small = sizedTrainingSettings(609);
    expect(small.epochs).toBe(200);
    expect(small.earlyStopping).toEqual({ patience: 20, restoreBestWeights: true });
    expect(small.reduceLrOnPlateau).toEqual({ patience: 10, factor: 0.5, minLearningRate: 1e-5 });
    expect(sizedTrainingSettings(100_000), 'a large table gets the plain defaults').toEqual(defaultTrainingSettings());
    expect(defaultTrainingSettings().reduceLrOnPlateau).toEqual({ patience: 5, factor: 0.5, minLearningRate: 1e-5 });
    expect(sizedTrainingSettings(609, { epochs: 30 }).epochs).toBe(30);
  });
});
