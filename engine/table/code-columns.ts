/**
 * Numbers that are codes: a whole-number column the file writes in quotes ("0", "1", "2"), with few different
 * values, names categories (a disease stage, a yes/maybe/no answer) rather than amounts, and is suggested as
 * categorical with that reason. The loader types it as numbers (it cannot know); the user decides.
 */
import type { ColumnType, Table } from './table.ts';

/** More different values than this reads as a quantity, quoted or not. */
export const MAX_CODE_VALUES = 20;
const SHOWN_VALUES = 4;

export interface TypeSuggestion {
  readonly column: string;
  readonly type: ColumnType;
  readonly reason: string;
}

/** The quoted whole-number columns of `table` with at most MAX_CODE_VALUES values, as categories, in table order. */
export function suggestCodeColumns(table: Table, quoted: ReadonlySet<string>): TypeSuggestion[] {
  const suggestions: TypeSuggestion[] = [];
  for (const column of table.columns) {
    if (column.storage !== 'number' || column.type !== 'integer' || !quoted.has(column.name)) continue;
    const values = new Set<number>();
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      values.add(v);
      if (values.size > MAX_CODE_VALUES) break;
    }
    if (values.size === 0 || values.size > MAX_CODE_VALUES) continue;
    const sorted = [...values].sort((a, b) => a - b);
    const shown = sorted.slice(0, SHOWN_VALUES).map((v) => `"${v}"`).join(', ') + (sorted.length > SHOWN_VALUES ? ', …' : '');
    suggestions.push({
      column: column.name,
      type: 'categorical',
      reason: `written in quotes (${shown}) with ${sorted.length} different ${sorted.length === 1 ? 'value' : 'values'}: codes for categories, not amounts`,
    });
  }
  return suggestions;
}
