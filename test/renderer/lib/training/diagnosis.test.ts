import { describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../../../engine/nn/fit-types.ts';
import { bestEpochBy, explodingNote, notesFor, overfittingNote } from '../../../../renderer/src/lib/training/diagnosis.ts';
import { defaultTrainForm, lossFor, metricOfRun, toTrainingSettings } from '../../../../renderer/src/lib/training/settings.ts';

function history(losses: readonly [number, number][]): EpochEvent[] {
  return losses.map(([loss, val], i) => ({ epoch: i + 1, epochs: 50, logs: { loss, val_loss: val }, learningRate: 0.001, epochSeconds: 1, bestEpoch: null, samplesPerSecond: 1, elapsedSeconds: i, etaSeconds: 1 }));
}

describe('curve notes', () => {
  it('finds the best epoch by validation loss', () => {
    expect(bestEpochBy(history([[1, 0.9], [0.8, 0.7], [0.7, 0.75]]), 'val_loss')).toBe(2);
    expect(bestEpochBy([], 'val_loss')).toBeNull();
  });

  it('says "overfitting" once validation loss has risen 3 epochs past its best while training loss falls', () => {
    const rising = history([[1, 0.9], [0.8, 0.6], [0.7, 0.62], [0.6, 0.65], [0.5, 0.7]]);
    expect(overfittingNote(rising.slice(0, 4)), 'two epochs is noise').toBeNull();
    const note = overfittingNote(rising)!;
    expect(note.title).toBe('Overfitting since epoch 2');
    expect(note.detail).toContain('risen for 3 epochs');
  });

  it('stays quiet when validation loss merely wobbles or both losses rise', () => {
    expect(overfittingNote(history([[1, 0.6], [0.9, 0.601], [0.8, 0.605], [0.7, 0.606]]))).toBeNull();
    expect(overfittingNote(history([[0.5, 0.6], [0.6, 0.7], [0.7, 0.8], [0.8, 0.9]]))).toBeNull();
  });

  it('says the loss exploded when it grows past 3× its first value or stops being a number, and suggests a lower rate', () => {
    expect(explodingNote(history([[0.7, 0.7], [1.9, 2]]), 0.1)).toBeNull();
    const note = explodingNote(history([[0.7, 0.7], [25, 30]]), 0.1)!;
    expect(note.title).toBe('The loss exploded');
    expect(note.detail).toContain('try 0.010');
    expect(explodingNote(history([[0.7, 0.7], [Number.NaN, Number.NaN]]), 0.1)!.detail).toContain('not a number');
    expect(notesFor(history([[0.7, 0.7], [0.6, 0.6]]), 0.001)).toEqual([]);
  });
});

describe('train settings', () => {
  it('takes the loss from the task; only regression has a choice', () => {
    expect(lossFor('binary', { regressionLoss: 'mae' })).toBe('binary_crossentropy');
    expect(lossFor('multiclass', { regressionLoss: 'mae' })).toBe('sparse_categorical_crossentropy');
    expect(lossFor('regression', { regressionLoss: 'huber' })).toBe('huber');
    expect(toTrainingSettings({ ...defaultTrainForm(), regressionLoss: 'mae' }, 'regression').loss).toBe('mae');
    expect(toTrainingSettings(defaultTrainForm(), 'binary')).not.toHaveProperty('loss');
  });

  it("reads a run's metric from its logs, and falls back to the task before the first epoch", () => {
    expect(metricOfRun([{ logs: { loss: 1, r2: 0.3 } }], 'binary')).toEqual({ key: 'r2', label: 'R²' });
    expect(metricOfRun([{ logs: { loss: 1, accuracy: 0.8 } }], 'regression')).toEqual({ key: 'accuracy', label: 'accuracy' });
    expect(metricOfRun([], 'regression').key).toBe('r2');
  });

  it('turns early stopping off as false, and on with best weights restored', () => {
    expect(toTrainingSettings({ ...defaultTrainForm(), earlyStopping: false }, 'binary').earlyStopping).toBe(false);
    expect(toTrainingSettings({ ...defaultTrainForm(), patience: 4 }, 'binary').earlyStopping).toEqual({ patience: 4, restoreBestWeights: true });
  });
});
