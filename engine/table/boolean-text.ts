/** Two-valued columns that read as yes/no. Compared case-insensitively; the first word of each pair is "false". */
const PAIRS: readonly (readonly [string, string])[] = [
  ['false', 'true'],
  ['no', 'yes'],
  ['n', 'y'],
  ['f', 't'],
  ['0', '1'],
  ['off', 'on'],
];

/** The two levels ordered [false, true] when they form a known pair (`No`/`Yes`, `FALSE`/`TRUE`), else null. */
export function booleanPair(levels: readonly string[]): [string, string] | null {
  if (levels.length !== 2) return null;
  const [a, b] = levels as [string, string];
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  for (const [no, yes] of PAIRS) {
    if (la === no && lb === yes) return [a, b];
    if (la === yes && lb === no) return [b, a];
  }
  return null;
}
