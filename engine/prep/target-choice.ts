/**
 * The first recipe for a table nobody has looked at yet: which column to predict, then suggestRecipe for it.
 * The app's Clean step, the Build step's preview and the CLI's defaults all come through here, so the policy
 * lives in one place: the preferred column (a sample's documented target) first, then the columns from the
 * last to the first (a table usually ends with what it records), and the first one the engine accepts wins.
 */
import { isUserFacingError, UserFacingError } from '../errors.ts';
import type { Table } from '../table/table.ts';
import { suggestRecipe } from './suggest.ts';
import type { Recipe } from './types.ts';

export interface DefaultRecipeOptions {
  /** Tried first when the table has it: a bundled sample's documented target. */
  readonly preferredTarget?: string;
}

/** The columns worth trying as the target, in the order they are tried. */
export function targetCandidates(table: Table, options: DefaultRecipeOptions = {}): string[] {
  const names = table.columns.map((c) => c.name);
  const preferred = options.preferredTarget !== undefined && names.includes(options.preferredTarget) ? [options.preferredTarget] : [];
  return [...new Set([...preferred, ...names.reverse()])];
}

/** The suggested recipe for the first candidate target the engine accepts; the first refusal when none is. */
export function defaultRecipe(table: Table, options: DefaultRecipeOptions = {}): Recipe {
  let firstRefusal: UserFacingError | null = null;
  for (const target of targetCandidates(table, options)) {
    try {
      return suggestRecipe(table, { target });
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      firstRefusal ??= error;
    }
  }
  throw firstRefusal ?? new UserFacingError('no-columns', 'This table has no columns, so there is nothing to predict. Check that the file was read correctly, or open another file.');
}
