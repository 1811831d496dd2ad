import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  regressionReport,
  residuals,
  rootMeanSquaredError,
} from '../../../engine/metrics/regression.ts';
import { isUserFacingError } from '../../../engine/errors.ts';

function errorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return isUserFacingError(error) ? error.code : 'not user-facing';
  }
  return 'no error';
}

/*
 * scikit-learn's documentation example, by hand: errors .5 −.5 0 −1 → MSE (.25 + .25 + 0 + 1)/4 = .375,
 * MAE 2/4 = .5; mean of actual 2.875, SS_tot = 29.1875, SS_res = 1.5 → R² = 1 − 1.5/29.1875.
 * scikit-learn 1.2.1: mean_squared_error .375, mean_absolute_error .5, r2_score 0.9486081370449679.
 */
const actual = new Float64Array([3, -0.5, 2, 7]);
const predicted = new Float64Array([2.5, 0, 2, 8]);

describe('regression metrics', () => {
  it('match the hand-worked and scikit-learn values', () => {
    expect(meanSquaredError(actual, predicted)).toBe(0.375);
    expect(rootMeanSquaredError(actual, predicted)).toBe(Math.sqrt(0.375));
    expect(meanAbsoluteError(actual, predicted)).toBe(0.5);
    expect(r2Score(actual, predicted)).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    expect(r2Score(actual, predicted)).toBeCloseTo(0.9486081370449679, 15);
  });

  it('give actual − predicted as residuals', () => {
    expect(Array.from(residuals(actual, predicted))).toEqual([0.5, -0.5, 0, -1]);
  });

  it('match scikit-learn on real data with large values (California housing, 20,640 rows)', () => {
    // Prediction: median_income × 40000 + 45000. scikit-learn 1.2.1: MSE 7072331875.838421,
    // MAE 61816.13803294574, R² 0.46886483556769043.
    const lines = readFileSync(new URL('../../../../shared/datasets/housing.csv', import.meta.url), 'utf8').trim().split('\n');
    const rows = lines.slice(1).map((line) => line.split(','));
    const value = Float64Array.from(rows, (r) => Number(r[8]));
    const guess = Float64Array.from(rows, (r) => Number(r[7]) * 40000 + 45000);
    const report = regressionReport(value, guess);
    expect(report.rows).toBe(20640);
    expect(report.mse / 7072331875.838421).toBeCloseTo(1, 13);
    expect(report.rmse).toBeCloseTo(Math.sqrt(7072331875.838421), 6);
    expect(report.mae).toBeCloseTo(61816.13803294574, 8);
    expect(report.r2).toBeCloseTo(0.46886483556769043, 13);
  });
});

describe('r2Score edge cases', () => {
  it('follows scikit-learn for a constant actual: 1 when predicted exactly, 0 otherwise', () => {
    // scikit-learn 1.2.1: r2_score([2, 2, 2], [2, 2, 2]) = 1.0, r2_score([2, 2, 2], [2, 2, 3]) = 0.0.
    expect(r2Score([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2Score([2, 2, 2], [2, 2, 3])).toBe(0);
    // 0.1 × 3 / 3 ≠ 0.1 in floating point; the spread must still count as exactly zero.
    expect(r2Score([0.1, 0.1, 0.1], [0.1, 0.1, 0.2])).toBe(0);
  });

  it('is NaN below two rows, as scikit-learn returns, and null in the report', () => {
    expect(r2Score([3], [3])).toBeNaN();
    expect(regressionReport([3], [2.5])).toEqual({ rows: 1, mse: 0.25, rmse: 0.5, mae: 0.5, r2: null });
  });

  it('stays accurate for large values close together', () => {
    // Actual 1e9 + (1, 2, 3), predicted 1e9 + (1, 2, 4): SS_res 1, SS_tot 2 → R² 0.5.
    expect(r2Score([1e9 + 1, 1e9 + 2, 1e9 + 3], [1e9 + 1, 1e9 + 2, 1e9 + 4])).toBe(0.5);
  });
});

describe('regression input checks', () => {
  it('refuse empty input, a missing actual value and a diverged prediction with user-facing errors', () => {
    expect(errorCode(() => meanSquaredError([], []))).toBe('metrics-no-rows');
    expect(errorCode(() => r2Score([1, NaN], [1, 2]))).toBe('metrics-non-finite-target');
    expect(errorCode(() => meanAbsoluteError([1, 2], [1, Infinity]))).toBe('metrics-non-finite-prediction');
  });

  it('reject predictions of another length', () => {
    expect(() => residuals([1, 2], [1])).toThrow(RangeError);
  });
});
