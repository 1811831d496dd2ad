import { describe, expect, it } from 'vitest';
import { checkNumber } from '../../../renderer/src/lib/number-input.ts';

describe('checkNumber: a typed number, or why not', () => {
  const epochs = { label: 'Epochs', min: 1, max: 10_000, whole: true };

  it('names the allowed range for a value outside it, instead of clamping', () => {
    expect(checkNumber('100000', epochs)).toEqual({ value: null, problem: 'Epochs takes a whole number from 1 to 10,000; 100,000 is not one, so the value stays as it was.' });
    expect(checkNumber('-3', { label: 'Units of hidden layer 1', min: 1, max: 4096, whole: true }).problem).toBe(
      'Units of hidden layer 1 takes a whole number from 1 to 4096; -3 is not one, so the value stays as it was.',
    );
    expect(checkNumber('2.5', epochs).problem).toContain('a whole number from 1 to 10,000');
    expect(checkNumber('abc', epochs).problem).toBe('Epochs takes a whole number from 1 to 10,000; "abc" is not a number.');
    expect(checkNumber('', epochs).problem, 'what a number field gives for text it cannot read').toBe('Epochs takes a whole number from 1 to 10,000.');
  });

  it('takes a value inside the range', () => {
    expect(checkNumber(' 250 ', epochs)).toEqual({ value: 250, problem: null });
    expect(checkNumber('0.35', { label: 'Dropout', min: 0, max: 0.9, whole: false })).toEqual({ value: 0.35, problem: null });
  });
});
