/** The Evaluate step's baselines: the network's test score beside them, and a plain verdict only when it does not beat the linear model. */
import { describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../engine/model/model-file.ts';
import { compareWithBaselines } from '../../../main/results/baseline-comparison.ts';

function file(metrics: unknown): ModelFile {
  return { metrics } as unknown as ModelFile;
}

describe('compareWithBaselines', () => {
  it('says in plain words when the network does not beat logistic regression', () => {
    const c = compareWithBaselines(file({ test: { rows: 40, accuracy: 0.8 }, validation: null, baselines: { majorityClass: { rows: 40, accuracy: 0.6 }, linear: { rows: 40, accuracy: 0.825 } } }))!;
    expect(c).toMatchObject({ metric: 'accuracy', rows: 40, network: 0.8, trivial: 0.6, linear: 0.825, linearName: 'Logistic regression', trivialName: 'Always the most frequent class' });
    expect(c.verdict).toBe(
      'The network does not beat a plain logistic regression on the test rows (80.0% against 82.5%): the extra layers add nothing here yet. Try "Find a good network" in the Train step, or keep the simpler model.',
    );
  });

  it('says nothing more when the network is better; regression compares R² with the mean and linear regression', () => {
    const c = compareWithBaselines(file({ test: { rows: 100, r2: 0.9 }, validation: null, baselines: { mean: { rows: 100, r2: -0.01 }, linear: { rows: 100, r2: 0.7 } } }))!;
    expect(c).toMatchObject({ metric: 'r2', network: 0.9, trivial: -0.01, linear: 0.7, linearName: 'Linear regression', trivialName: 'Always the mean', verdict: null });
  });

  it('is null for a model without baselines, and gives no verdict without a linear score', () => {
    expect(compareWithBaselines(file({ test: null, validation: null }))).toBeNull();
    expect(compareWithBaselines(file({ test: { rows: 10, accuracy: 0.5 }, validation: null, baselines: { majorityClass: { rows: 10, accuracy: 0.6 }, linear: null } }))!.verdict).toBeNull();
  });
});
