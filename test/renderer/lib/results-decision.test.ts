import { describe, expect, it } from 'vitest';
import { decisionOf } from '../../../renderer/src/lib/results/decision.ts';

describe('decisionOf: a yes/no prediction explained by its threshold', () => {
  const bars = [
    { label: 'male', probability: 0.785 },
    { label: 'female', probability: 0.215 },
  ];

  it('says a likely class was not predicted because of the chosen threshold', () => {
    expect(decisionOf(bars, ['female', 'male'], 0.85)).toMatchObject({
      predicted: 'female',
      sentence: 'P(male) 78.5% is below the chosen threshold 0.85, so: female',
    });
  });

  it('says why the positive class was predicted at the default threshold', () => {
    expect(decisionOf(bars, ['female', 'male'], 0.5)?.sentence).toBe('P(male) 78.5% is at or above the threshold 0.50, so: male');
  });

  it('has nothing to say about several classes', () => {
    expect(decisionOf(bars, ['a', 'b', 'c'], 0.5)).toBeNull();
  });
});
