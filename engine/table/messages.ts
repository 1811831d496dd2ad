/**
 * Every user-facing text of the table domain: inference reasons, load warnings and errors. Each says what
 * happened, where (file, line, column) and what to do.
 */
import { UserFacingError } from '../errors.ts';
import type { ColumnType } from './table.ts';

/** A number as a person reads it in a message: at most 6 significant digits. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/** A value shown in a message, cut to a readable length (a cell may be two megabytes of text). */
function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}… (${text.length.toLocaleString('en-US')} characters)` : text;
}

/** Past this many, the load report lists a count instead: 200,000 constant columns are one fact, not 200,000 lines. */
export const MAX_LISTED_WARNINGS = 25;

/**
 * `all`, or its first ones and a line saying how many more there are and where each is still said. `unlisted`:
 * warnings already left out (never kept, to keep a wide table's load light).
 */
export function listedWarnings(all: readonly string[], unlisted = 0): readonly string[] {
  if (all.length + unlisted <= MAX_LISTED_WARNINGS) return all;
  const more = all.length + unlisted - (MAX_LISTED_WARNINGS - 1);
  return [
    ...all.slice(0, MAX_LISTED_WARNINGS - 1),
    `${more.toLocaleString('en-US')} more notes like these, about other columns, are not listed here; each column's reason (its card in the Data step, or "layerlab inspect") still says what concerns it.`,
  ];
}

function list(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

export const TYPE_LABELS: Record<ColumnType, string> = {
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  categorical: 'categorical',
  datetime: 'date/time',
  text: 'free text',
  id: 'ID-like',
};

export const reasons = {
  allMissing: () => 'every cell is empty or a missing marker',
  zeroOne: () => 'only the values 0 and 1 → boolean',
  booleanWords: (no: string, yes: string) => `two values, ${quoted(no)} and ${quoted(yes)} → boolean`,
  integer: (min: number, max: number) => `whole numbers from ${formatNumber(min)} to ${formatNumber(max)} → integer`,
  numeric: (min: number, max: number) => `numbers from ${formatNumber(min)} to ${formatNumber(max)} → numeric`,
  rowNumber: (min: number, max: number) =>
    `every value is different, ${formatNumber(min)} to ${formatNumber(max)} in sequence like a row number → ID-like`,
  uniqueNamed: (word: string) => `every value is different and the name says identifier (${quoted(word)}) → ID-like`,
  mostlyUniqueNamed: (word: string, share: number) =>
    `named like an identifier (${quoted(word)}) and ${Math.round(share * 100)}% of its values are different → ID-like`,
  uniqueTokens: () => 'every value is different and none contains a space → ID-like',
  codeNumbers: (ending: string, distinct: number) =>
    `whole numbers in a column named like a code ("…${ending}"), ${distinct} different values → categorical`,
  dates: (min: string, max: string) => `dates from ${min} to ${max} → date/time`,
  categorical: (distinct: number, perLabel: number) =>
    distinct === 1
      ? 'a single label → categorical'
      : distinct <= 20
      ? `${distinct} different labels → categorical`
      : `${distinct} different labels, each used ${Math.round(perLabel)} times on average → categorical`,
  text: (distinct: number, present: number) => `${distinct} different values among ${present} → free text`,
  codes: (example: string) => `numbers written with leading zeros (${quoted(example)}) are codes → `,
  decimalComma: () => 'decimal comma',
  dayFirst: (evidence: string | null) =>
    evidence ? `day/month/year, as ${quoted(evidence)} shows` : 'day/month/year assumed (European number format)',
  monthFirst: (evidence: string | null) =>
    evidence ? `month/day/year, as ${quoted(evidence)} shows` : 'month/day/year assumed: no day above 12 tells',
  strays: (cells: number, examples: readonly string[], where: string) =>
    `${cells} cell${cells === 1 ? '' : 's'} of text (${list(examples, 3)}, first at ${where}) read as missing`,
  infinities: (cells: number, examples: readonly string[], where: string) =>
    `${cells} infinite value${cells === 1 ? '' : 's'} (${list(examples, 3)}, first at ${where}) read as missing`,
  grouped: (cells: number, example: string, value: string) =>
    `${cells} number${cells === 1 ? '' : 's'} written with thousands separators (${quoted(example)} → ${value})`,
  zerosMissing: (cells: number) => `${cells} zero${cells === 1 ? '' : 's'} read as missing, as you asked`,
  markedMissing: (cells: number, markers: readonly string[]) => `${cells} cell${cells === 1 ? '' : 's'} written as ${list(markers, 4)} read as missing, as you asked`,
  constant: (value: string) => `only one value (${shown(value)}): it carries no information`,
  reformatted: () => 'some numbers were rewritten in shortest form (41.0 → 41)',
  chosen: (type: ColumnType, inferred: string) => `you chose ${TYPE_LABELS[type]} (inferred: ${inferred})`,
  chosenAtLoad: (type: ColumnType, distinct: number) => `you chose ${TYPE_LABELS[type]} (${distinct} different values)`,
  unreadable: (cells: number, examples: readonly string[]) =>
    `${cells} cell${cells === 1 ? '' : 's'} could not be read (${list(examples, 3)}) and are missing`,
  twoValues: (low: string, high: string) => `${low} → false, ${high} → true`,
};

export const warnings = {
  allMissing: (column: string) =>
    `Column ${quoted(column)} is empty in every row; it cannot help a model. Drop it in the cleaning step.`,
  constant: (column: string, value: string) =>
    `Column ${quoted(column)} holds the same value (${shown(value)}) in every row; it cannot help a model. Drop it in the cleaning step.`,
  nanLiterals: (column: string, cells: number) =>
    `Column ${quoted(column)}: ${cells} cell${cells === 1 ? ' says' : 's say'} "NaN"; read as missing.`,
  infinities: (column: string, cells: number, examples: readonly string[], where: string) =>
    `Column ${quoted(column)}: ${cells} cell${cells === 1 ? ' holds' : 's hold'} an infinite value (${list(examples, 3)}, first at ${where}); read as missing. ` +
    'If it means something, replace it in the file with a (large) number.',
  grouped: (column: string, cells: number, example: string, value: string, decimalComma: boolean) =>
    `Column ${quoted(column)}: ${cells} number${cells === 1 ? ' is' : 's are'} written with thousands separators (such as ${quoted(example)}), read as ${value}. ` +
    (decimalComma
      ? 'If the dots mark decimals instead, save the file with one decimal mark throughout.'
      : 'If the commas mark decimals instead, save the file again with decimal points (a spreadsheet\'s number format), then reload it.'),
  strays: (column: string, cells: number, examples: readonly string[], where: string) =>
    `Column ${quoted(column)} holds numbers, but ${cells} cell${cells === 1 ? ' is' : 's are'} text (${list(examples, 3)}, first at ${where}); ` +
    'read as missing. To keep them as values, set the column type to categorical; to mark them missing, add them as missing markers.',
  zeroNotNumeric: (column: string, type: ColumnType) =>
    `"Zero means missing" was ignored for column ${quoted(column)}: it is ${TYPE_LABELS[type]}, not numeric.`,
  headerLooksLikeData: (names: readonly string[]) =>
    `The first row (${list(names.map(quoted), 3)}) looks like data, not column names; it was used as the header. ` +
    'If the file has no header row, add one (names separated like the data) and load it again.',
  renamedEmpty: (position: number, name: string) => `Column ${position} has no name in the header; it is called ${quoted(name)}.`,
  renamedDuplicate: (position: number, original: string, name: string) =>
    `Column ${position} repeats the name ${quoted(original)}; it is called ${quoted(name)}.`,
  blankRows: (count: number, where: readonly string[]) =>
    `${count} empty row${count === 1 ? ' was' : 's were'} skipped (${list(where)}).`,
  repeatedHeader: (count: number, where: readonly string[]) =>
    `${count} row${count === 1 ? '' : 's'} repeating the header ${count === 1 ? 'was' : 'were'} skipped (${list(where)}).`,
  trailingEmptyFields: (count: number) =>
    `${count} row${count === 1 ? ' ends' : 's end'} with extra empty fields beyond the header; they were ignored.`,
  raggedSkipped: (count: number, expected: number, where: readonly string[]) =>
    `${count} row${count === 1 ? '' : 's'} without ${expected} fields ${count === 1 ? 'was' : 'were'} skipped, as you asked (${list(where)}).`,
};

export const errors = {
  headerOnly: (source: string) =>
    new UserFacingError('header-only', `${source} has a header row but no data rows. Add data below the header and load it again.`),
  ragged: (source: string, expected: number, count: number, where: readonly string[]) =>
    new UserFacingError(
      'ragged-rows',
      `${source}: ${count} row${count === 1 ? ' does' : 's do'} not have ${expected} fields like the header (${list(where, 10)}). ` +
        'Fix those rows in the file, or load with "skip ragged rows" (--skip-ragged-rows) to leave them out.',
    ),
  multipleTables: (source: string, starts: readonly string[]) =>
    new UserFacingError(
      'multiple-tables',
      `${source} holds ${starts.length} tables one below the other, each after an empty row with its own header (${list(starts, 10)}). ` +
        'Save each table in its own file (or delete the extra ones) and load again.',
    ),
  tooManyCells: (source: string, limit: number) =>
    new UserFacingError(
      'too-large',
      `${source} has more than ${limit.toLocaleString('en-US')} cells (rows × columns), the most Layerlab loads at once. ` +
        'Load a sample of the rows or fewer columns (for example, split the file), then try again.',
    ),
  unknownColumn: (what: string, name: string, columns: readonly string[]) =>
    new UserFacingError('unknown-column', `${what} names column ${quoted(name)}, which is not in the data. Columns: ${list(columns.map(quoted), 12)}.`),
  cannotConvert: (column: string, type: ColumnType, why: string) =>
    new UserFacingError('cannot-convert', `Column ${quoted(column)} cannot be ${TYPE_LABELS[type]}: ${why}. Choose another type.`),
};
