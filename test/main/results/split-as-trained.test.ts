import { describe, expect, it } from 'vitest';
import type { SplitSpec } from '../../../engine/prep/types.ts';
import { splitAsTrained } from '../../../main/results/model-summary.ts';
import { splitText } from '../../../renderer/src/lib/format.ts';

const searchRecipe: SplitSpec = { train: 0.85, validation: 0, test: 0.15, stratify: true, seed: 42 };

describe("the split Evaluate shows is the model's", () => {
  it("a search trial's network, trained and stopped on one of 5 folds, shows that fold as its validation share", () => {
    const split = splitAsTrained(searchRecipe, { train: 101, validation: 26, test: 22 });
    expect(split.train).toBeCloseTo((0.85 * 101) / 127, 12);
    expect(split.validation).toBeCloseTo((0.85 * 26) / 127, 12);
    expect(split.test).toBe(0.15);
    expect(splitText(split, 'multiclass')).toBe('68% training · 17% validation · 15% test · stratified · seed 42');
  });

  it("an ordinary run's split is the recipe's, whatever rounding did to its rows", () => {
    const recipe: SplitSpec = { train: 0.7, validation: 0.15, test: 0.15, stratify: false, seed: 7 };
    expect(splitAsTrained(recipe, { train: 106, validation: 22, test: 22 })).toBe(recipe);
  });

  it('a model trained with no validation rows keeps 0% validation', () => {
    const recipe: SplitSpec = { train: 0.8, validation: 0, test: 0.2, stratify: false, seed: 1 };
    expect(splitAsTrained(recipe, { train: 120, validation: 0, test: 30 })).toBe(recipe);
  });
});
