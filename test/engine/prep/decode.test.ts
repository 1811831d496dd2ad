import { describe, expect, it } from 'vitest';
import { decodePredictions } from '../../../engine/prep/decode.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import type { FittedRecipe, TargetChoice } from '../../../engine/prep/types.ts';
import { cat, num, tableOf } from './fixtures.ts';

function fittedFor(target: TargetChoice, y: ReturnType<typeof cat> | ReturnType<typeof num>): FittedRecipe {
  const n = y.storage === 'number' ? y.values.length : y.codes.length;
  const table = tableOf(num('x', Array.from({ length: n }, (_, i) => i)), { ...y, name: target.column });
  return prepare(table, { version: 1, target, split: { train: 1, validation: 0, test: 0, stratify: false, seed: 1 }, steps: [] }).fitted;
}

describe('decodePredictions', () => {
  it('names the binary class, predicting the positive class from the threshold up', () => {
    const fitted = fittedFor({ column: 'Exited' }, cat('y', ['yes', 'no', 'no', 'yes']));
    const outputs = Float32Array.of(0.2, 0.5, 0.9);
    expect(decodePredictions(fitted, outputs, 3).labels).toEqual(['no', 'yes', 'yes']);
    expect(decodePredictions(fitted, outputs, 3, 0.6).labels).toEqual(['no', 'no', 'yes']);
    expect(decodePredictions(fitted, outputs, 3).probabilities).toEqual(outputs);
  });

  it('names the most probable of several classes, the lower class on a tie', () => {
    const fitted = fittedFor({ column: 'species' }, cat('y', ['setosa', 'virginica', 'versicolor', 'setosa', 'virginica', 'versicolor']));
    const decoded = decodePredictions(fitted, Float32Array.of(0.1, 0.2, 0.7, 0.4, 0.4, 0.2), 2);
    expect(decoded.labels).toEqual(['virginica', 'setosa']);
    expect(decoded.classLabels).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('turns standardized regression outputs back into the target units', () => {
    // Training targets 90 and 110: mean 100, population std 10.
    const fitted = fittedFor({ column: 'price', task: 'regression' }, num('y', [90, 110]));
    expect(fitted.target.scale).toEqual({ mean: 100, std: 10 });
    expect(Array.from(decodePredictions(fitted, Float32Array.of(0, 1.5, -2), 3).values!)).toEqual([100, 115, 80]);
  });

  it('keeps raw regression outputs when the target was not scaled', () => {
    const fitted = fittedFor({ column: 'price', task: 'regression', scale: false }, num('y', [90, 110]));
    expect(Array.from(decodePredictions(fitted, Float32Array.of(99.5), 1).values!)).toEqual([99.5]);
  });

  it('refuses outputs that do not match the network width for this target', () => {
    const fitted = fittedFor({ column: 'species' }, cat('y', ['a', 'b', 'c', 'a', 'b', 'c']));
    expect(() => decodePredictions(fitted, new Float32Array(4), 2)).toThrow(RangeError);
  });
});
