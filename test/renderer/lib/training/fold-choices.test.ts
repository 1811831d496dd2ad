/**
 * The Train form's K-fold choices and main's advice when a table cannot fill K folds: the advice names only what
 * the form offers (the most folds that fit, or none), never the CLI's flag nor a K missing from the list.
 */
import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../../engine/errors.ts';
import { checkFoldsPossible } from '../../../../engine/search/folds.ts';
import { trainFoldsInAppWords } from '../../../../main/search/app-search-messages.ts';
import { FOLD_CHOICES } from '../../../../renderer/src/lib/training/settings.ts';

function refusal(k: number, rows: number, classRows?: ReadonlyMap<string, number>): string | null {
  try {
    checkFoldsPossible(k, rows, classRows);
    return null;
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    return trainFoldsInAppWords(error.message);
  }
}

/** The K choices a message tells the user to pick ("3 folds", "none"). */
function advised(message: string): string[] {
  const choice = /Choose (\d+ folds|"none")/.exec(message);
  return choice ? [choice[1]!] : [];
}

const offered = FOLD_CHOICES.map((k) => (k === 0 ? '"none"' : `${k} folds`));

describe("the Train form's K-fold advice", () => {
  it('offers none, 3, 5 or 10 folds', () => {
    expect(FOLD_CHOICES).toEqual([0, 3, 5, 10]);
  });

  it('names the most folds the rows fill, or none, and only choices the form offers', () => {
    for (const k of FOLD_CHOICES.filter((c) => c > 0)) {
      for (let rows = 0; rows < k * 4; rows++) {
        const message = refusal(k, rows);
        if (message === null) continue;
        expect(message, message).not.toMatch(/--|or less/);
        expect(advised(message), message).toHaveLength(1);
        expect(offered, message).toContain(advised(message)[0]);
      }
    }
    expect(refusal(5, 8)).toBe('5-fold cross-validation needs at least 10 rows outside the test rows, and this table has 8. Choose 3 folds for K-fold cross-validation, or a larger table.');
    expect(refusal(3, 5)).toBe('3-fold cross-validation needs at least 6 rows outside the test rows, and this table has 5. Choose "none" for K-fold cross-validation, or a larger table.');
    expect(refusal(10, 19)).toMatch(/ Choose 5 folds or fewer for K-fold cross-validation, or a larger table\.$/);
  });

  it('says the same for a class with fewer rows than folds', () => {
    expect(refusal(10, 200, new Map([['a', 150], ['b', 4]]))).toMatch(/"b" has 4\. Choose 3 folds for K-fold cross-validation, or leave out the rare classes with a row filter\.$/);
    expect(refusal(3, 200, new Map([['a', 198], ['b', 2]]))).toMatch(/"b" has 2\. Choose "none" for K-fold cross-validation, or leave out the rare classes/);
  });
});
