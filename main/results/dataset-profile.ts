/** The Data step's column cards: every column's statistics, and the skewness of number columns (dates aside). */
import { skewness } from '../../engine/prep/stats.ts';
import { profileTable, type TableProfile } from '../../engine/table/profile.ts';
import type { Column, Table } from '../../engine/table/table.ts';

export type ProfileWithSkewness = TableProfile & { readonly skewness: Record<string, number> };

/** Profiles are computed once per table; a type change makes a new table, and so a new profile. */
const profiles = new WeakMap<Table, ProfileWithSkewness>();

export function skewnessOf(column: Column): number | null {
  return column.storage === 'number' && column.type !== 'datetime' ? skewness(column.values) : null;
}

export function profileOf(table: Table): ProfileWithSkewness {
  let profile = profiles.get(table);
  if (!profile) {
    // fromEntries: a column named "__proto__" gets its own entry (an assignment would set the prototype).
    const skewness: Record<string, number> = Object.fromEntries(
      table.columns.flatMap((column) => {
        const skew = skewnessOf(column);
        return skew === null ? [] : [[column.name, skew] as const];
      }),
    );
    profile = { ...profileTable(table), skewness };
    profiles.set(table, profile);
  }
  return profile;
}
