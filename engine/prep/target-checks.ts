/**
 * Targets that would train without a word and teach nothing: a row identifier (every value different, "in
 * sequence like a row number"), classes that each occur once, and class names that differ only in capitals or
 * spaces (`yes`, `Yes`, `YES ` learned as three classes). An identifier is refused as the target is planned (so
 * the first recipe of a table passes over it to the next column), classes that each occur once when the recipe
 * runs, both with what to do; the others come back as warnings in the target's report (the Clean step and
 * `layerlab train` show them).
 */
import { UserFacingError } from '../errors.ts';
import type { Column } from '../table/table.ts';
import { countLabels } from './labels.ts';
import { formatCount, quoteList } from './table-ops.ts';
import type { TargetPlan } from './target.ts';
import type { Task } from './types.ts';

/** From this many rows, classes that each occur once are a name or an identifier, not classes (a toy table aside). */
const UNIQUE_CLASSES_FROM = 10;

/** Distinct spellings shown per group of case variants, and groups shown. */
const SHOWN = 4;

function variantGroups(labels: readonly string[]): string[][] {
  const byKey = new Map<string, string[]>();
  for (const label of labels) {
    const key = label.trim().toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), label]);
  }
  return [...byKey.values()].filter((group) => group.length > 1);
}

/** Throws for a column inferred as a row identifier (its type is `id`): nothing to learn it from. */
export function refuseIdentifier(column: Column): void {
  if (column.type !== 'id') return;
  const why = column.reason.split(' → ')[0] ?? column.reason;
  throw new UserFacingError(
    'target-is-id',
    `The target "${column.name}" looks like a row identifier (${why}): a network cannot learn it from the other columns. ` +
      `Choose the column you want to predict as the target; if "${column.name}" really is a quantity or a class, set its type first (numeric, integer or categorical: in the Data step, or with --type).`,
  );
}

/** Throws for classes that each occur once (from UNIQUE_CLASSES_FROM rows on): none could be learned and tested. */
export function refuseUniqueClasses(column: Column, counts: ReadonlyMap<string, number>, task: Task): void {
  if (task === 'regression') return;
  if (counts.size >= UNIQUE_CLASSES_FROM && [...counts.values()].every((n) => n === 1)) {
    const rows = counts.size;
    throw new UserFacingError(
      'target-unique',
      `The target "${column.name}" has ${formatCount(counts.size)} classes among ${formatCount(rows)} rows, each occurring once: no class can be both learned and tested. ` +
        'Choose a target whose values repeat (a category such as yes/no), or predict it as a number (regression) if it is one.',
    );
  }
}

/** What to know about a target that can be learned, but is suspicious. `rows`: the rows with a target value. */
export function targetWarnings(column: Column, rows: Int32Array, plan: TargetPlan): string[] {
  if (plan.task === 'regression') return [];
  const counts = countLabels(column, rows);
  const singles = [...counts].filter(([, n]) => n === 1).map(([label]) => label);
  const warnings: string[] = [];
  const groups = variantGroups([...counts.keys()]);
  if (groups.length > 0) {
    const shown = groups.slice(0, SHOWN).map((group) => quoteList(group, SHOWN)).join('; ');
    warnings.push(
      `The target "${column.name}" has classes that differ only in capitals or spaces (${shown}${groups.length > SHOWN ? '; …' : ''}): each is learned as a class of its own. ` +
        'Write each class one way in the file (or filter the odd spellings out), then load it again.',
    );
  }
  if (singles.length > 0) {
    warnings.push(
      `${formatCount(singles.length)} of the ${formatCount(counts.size)} classes of "${column.name}" occur in one row only (${quoteList(singles, SHOWN)}): they stay in the training rows, so the test never checks them, and one example is too few to learn from. ` +
        'Merge rare classes into broader ones in the file, or filter those rows out.',
    );
  }
  return warnings;
}
