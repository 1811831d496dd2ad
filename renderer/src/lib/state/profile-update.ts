/** The dataset profile after some of its columns changed in main (a type, missing markers): the new columns in place. */
import type { ColumnTypeChanged, DatasetProfile } from '../../../../main/api/calls/recipe-calls.ts';

export function withChangedColumns(profile: DatasetProfile, changed: readonly Omit<ColumnTypeChanged, 'summary'>[]): DatasetProfile {
  const byName = new Map(changed.map((c) => [c.profile.name, c]));
  const skewness = Object.fromEntries(Object.entries(profile.skewness).filter(([name]) => !byName.has(name)));
  for (const [name, c] of byName) if (c.skewness !== null) skewness[name] = c.skewness;
  return {
    ...profile,
    columns: profile.columns.map((c) => byName.get(c.name)?.profile ?? c),
    skewness,
    // A suggested type is moot once the user has set the column's type.
    typeSuggestions: profile.typeSuggestions.filter((t) => !byName.has(t.column)),
  };
}
