/**
 * The thresholds type inference lives by, in one place so the reasons shown to users and the tests agree.
 */

/** A numeric or date column may hold at most this many different stray texts (`unknown`, `n.a.`)... */
export const MAX_STRAY_TEXTS = 3;
/** ...covering at most this share of its non-missing cells; more than that and the column is text. */
export const MAX_STRAY_SHARE = 0.05;

/** Whether stray texts among numbers (or dates) are few enough to read them as missing values. */
export function straysAreTolerable(strayDistinct: number, strayCells: number, nonMissingCells: number): boolean {
  return strayDistinct <= MAX_STRAY_TEXTS && strayCells <= MAX_STRAY_SHARE * nonMissingCells;
}

/** Text with at most this many labels is categorical whatever the row count... */
export const CATEGORICAL_MAX_LABELS = 20;
/** ...and beyond that, when each label repeats on average at least 1 / this share. */
export const CATEGORICAL_MAX_LABEL_SHARE = 0.1;

/** Unique-per-row detection needs enough rows to mean something. */
export const ID_MIN_ROWS = 20;
/** A column named like an identifier is ID-like once this share of its values are distinct. */
export const ID_NAMED_MIN_DISTINCT_SHARE = 0.5;

const ID_WORDS = new Set(['id', 'uuid', 'guid', 'key', 'nbr', 'no', 'number', 'code', 'ref']);

/**
 * The identifier-like word in a column name (`CustomerId` → `Id`, `patient_nbr` → `nbr`), or null.
 * Only the last word counts, except `id` anywhere: `number_inpatient` and `num_lab_procedures` are counts.
 */
export function identifierWord(name: string): string | null {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
  const idWord = words.find((w) => w.toLowerCase() === 'id');
  if (idWord) return idWord;
  const last = words.at(-1);
  return last !== undefined && ID_WORDS.has(last.toLowerCase()) ? last : null;
}

const CODE_NAME = /(class|type|category|group|kind|code|status)$/i;

/**
 * The code-like ending of a column name (`Pclass` → `class`, `admission_type` → `type`), or null: whole
 * numbers in such a column name groups, not quantities, so they are categorical when few.
 */
export function codeNameEnding(name: string): string | null {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0 && !/^(id|nbr|no)$/i.test(w));
  return CODE_NAME.exec(words.at(-1) ?? '')?.[1] ?? null;
}
