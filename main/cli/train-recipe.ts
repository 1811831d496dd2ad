import { UserFacingError } from '../../engine/errors.ts';
import { recipeFromJSON } from '../../engine/prep/recipe-json.ts';
import { suggestRecipe } from '../../engine/prep/suggest.ts';
import type { Recipe, RecipeStep, Task } from '../../engine/prep/types.ts';
import type { Table } from '../../engine/table/table.ts';

export interface CliRecipeChoices {
  readonly target: string;
  readonly drop: readonly string[];
  readonly task?: Task;
  readonly split: { readonly test: number; readonly validation: number; readonly seed: number };
}

function nearest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return candidates.find((c) => c.toLowerCase() === lower) ?? candidates.find((c) => c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
}

function unknownColumn(flag: string, name: string, table: Table): never {
  const names = table.columns.map((c) => c.name);
  const hint = nearest(name, names);
  throw new UserFacingError('unknown-column', `${flag}: there is no column "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}. Columns: ${names.join(', ')}.`);
}

/**
 * The suggested recipe with the command line's choices on top: the user's --drop columns join the recipe's own
 * drop step (so the saved recipe says they were left out), and the split follows --test-size/--validation-size.
 */
export function buildRecipe(table: Table, choices: CliRecipeChoices): Recipe {
  const names = new Set(table.columns.map((c) => c.name));
  if (!names.has(choices.target)) unknownColumn('--target', choices.target, table);
  for (const d of choices.drop) {
    if (!names.has(d)) unknownColumn('--drop', d, table);
    if (d === choices.target) throw new UserFacingError('usage', `--drop: "${d}" is the target; it cannot also be left out.`);
  }
  const dropSet = new Set(choices.drop);
  const kept: Table = { rowCount: table.rowCount, columns: table.columns.filter((c) => !dropSet.has(c.name)) };
  const suggested = suggestRecipe(kept, { target: choices.target, ...(choices.task ? { task: choices.task } : {}) });
  let steps: RecipeStep[] = [...suggested.steps];
  if (dropSet.size > 0) {
    const existing = steps.find((s) => s.kind === 'drop-columns');
    const columns = [...choices.drop, ...(existing && existing.kind === 'drop-columns' ? existing.params.columns : [])];
    const drop: RecipeStep = { id: 'drop-columns', kind: 'drop-columns', params: { columns }, why: 'left out on the command line (--drop)' };
    steps = existing ? steps.map((s) => (s === existing ? drop : s)) : [drop, ...steps];
  }
  const classification = suggested.target.task !== 'regression';
  const { test, validation, seed } = choices.split;
  return recipeFromJSON({
    ...suggested,
    steps,
    split: { train: 1 - test - validation, validation, test, stratify: classification, seed },
  });
}
