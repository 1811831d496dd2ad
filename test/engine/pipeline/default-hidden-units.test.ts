import { describe, expect, it } from 'vitest';
import { defaultHiddenUnits } from '../../../engine/pipeline/training-settings.ts';

describe('the default hidden layers of layerlab train', () => {
  it('keeps 32-16 for one output (two classes, or regression) however many inputs, and for a narrow table of few classes', () => {
    expect(defaultHiddenUnits(4, 3)).toEqual([32, 16]);
    expect(defaultHiddenUnits(13, 1)).toEqual([32, 16]);
    expect(defaultHiddenUnits(108, 1)).toEqual([32, 16]);
  });

  it('with three classes or more, grows the first layer to about twice the inputs and classes together (a power of two) and halves the second', () => {
    expect(defaultHiddenUnits(16, 26)).toEqual([128, 64]);
    expect(defaultHiddenUnits(36, 6)).toEqual([128, 64]);
    expect(defaultHiddenUnits(10, 11)).toEqual([64, 32]);
  });

  it('stops at 256-128 however many columns or classes a table has', () => {
    expect(defaultHiddenUnits(180, 3)).toEqual([256, 128]);
    expect(defaultHiddenUnits(5000, 100)).toEqual([256, 128]);
  });
});
