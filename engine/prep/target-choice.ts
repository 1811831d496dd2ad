/**
 * Which column to predict, when a table opens: a suggestion the user confirms, never a silent default. The one
 * target policy of the app: the Data step asks with `suggestTarget`, and `defaultRecipe` (a sample's first recipe,
 * suggestRecipe({ datasetId }) without a target) tries the same columns in the same order.
 *
 * Each column gets a few points for what a target usually looks like, and the reasons are kept to show:
 * - its name reads like a label or an outcome (`class`, `species`, `outcome`, `survived`, `price`, …);
 * - few distinct values (categories above all, 2 to 20 of them), or numbers that vary (a quantity to predict);
 * - it is the last or the first column (where tables tend to keep the answer);
 * - it is the only text column among numbers (UCI's `lettr`, `Class`).
 * Some columns are never suggested, and say why: empty or single-valued, identifiers, row numbers, free text,
 * dates, years (when something happened, not what), columns more than half empty, and labels so many that
 * nearly every row has its own.
 */
import { isUserFacingError, UserFacingError } from '../errors.ts';
import type { Table } from '../table/table.ts';
import { columnFacts, looksLikeIdName, type ColumnFacts } from './column-facts.ts';
import { sortLabels } from './labels.ts';
import { suggestRecipe } from './suggest.ts';
import { formatCount, quoteList } from './table-ops.ts';
import { detectTask, MAX_CLASSES, MAX_INTEGER_CLASSES } from './target.ts';
import type { Recipe, Task } from './types.ts';

/** Words of a column name that read as a label or an outcome. */
const LABEL_WORDS = new Set([
  'target', 'label', 'labels', 'class', 'classes', 'outcome', 'outcomes', 'response', 'result', 'diagnosis', 'species', 'survived',
  'survival', 'churn', 'churned', 'exited', 'default', 'type', 'category', 'status', 'quality', 'grade', 'income', 'disease', 'readmitted',
  'decision', 'verdict', 'attrition', 'fraud', 'approved', 'purchased', 'spam', 'sentiment', 'price', 'sales', 'revenue', 'cost', 'score',
]);
/** Too short to mean "label" inside a longer name (`y.ege` is a measurement): only as the whole name. */
const WHOLE_NAME_LABELS = new Set(['y']);
const YEAR_WORDS = new Set(['year', 'years', 'yr', 'season']);
/** Most alternatives offered besides the suggestion (the user may still pick any column). */
export const MAX_ALTERNATIVES = 4;

export interface TargetCandidate {
  readonly column: string;
  /** Why it may be the target (or, among `unlikely`, why it should not be), in words a person reads. */
  readonly reason: string;
  /** What it would be predicted as; null for an unlikely column. */
  readonly task: Task | null;
  /** Distinct values (classes for classification). */
  readonly values: number;
}

export interface TargetSuggestion {
  /** The most likely target; null when no column looks predictable. */
  readonly suggested: TargetCandidate | null;
  /** Other columns that could be predicted, most likely first. */
  readonly alternatives: readonly TargetCandidate[];
  /** Columns a target should not be, each with why. */
  readonly unlikely: readonly TargetCandidate[];
}

export interface SuggestTargetOptions {
  /** A target the data's own description names (a bundled sample's), with the words to say so. */
  readonly documented?: { readonly column: string; readonly reason: string };
}

/** `camelCase`, `snake_case`, `dotted.name`, `Title Case` → lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function wholeRange(f: ColumnFacts): string {
  return `${f.min} to ${f.max}`;
}

/** Whole numbers that are years: a year-like name, or every value from 1800 to 2100 with few distinct ones. */
function isYear(f: ColumnFacts): boolean {
  if (f.column.storage !== 'number' || !f.wholeNumbers || !(f.min >= 1800 && f.max <= 2100)) return false;
  return nameWords(f.column.name).some((w) => YEAR_WORDS.has(w)) || f.distinct <= 50;
}

/** Why the column cannot sensibly be predicted, or null when it can. */
function unlikelyReason(f: ColumnFacts): string | null {
  const { column } = f;
  const present = f.rows - f.missing;
  if (present === 0) return 'every cell is empty';
  if (f.distinct === 1) return `it holds a single value ("${f.example}"), so there is nothing to learn`;
  if (column.type === 'id') return 'it is an identifier';
  if (column.type === 'text') return 'it is free text';
  if (column.type === 'datetime') return 'it holds dates: when something happened, not what';
  if (column.storage === 'number' && f.wholeNumbers && f.distinct === present && present >= 20 && f.max - f.min + 1 === present) return 'it counts through the rows, like a row number';
  if (looksLikeIdName(column.name) && f.distinct > present / 2) return 'its name reads as an identifier and most values are unique';
  if (isYear(f)) return `it holds years (${wholeRange(f)}): when something happened, not what`;
  if (column.storage === 'category' && f.distinct > MAX_CLASSES) return `it has ${formatCount(f.distinct)} different values, too many to learn as classes`;
  if (f.missing / f.rows > 0.5) return `${Math.round((100 * f.missing) / f.rows)}% of its cells are empty`;
  return null;
}

interface Scored {
  readonly candidate: TargetCandidate;
  readonly score: number;
  readonly index: number;
}

function valuesPhrase(f: ColumnFacts, task: Task): string {
  if (task === 'regression' || !f.labels) return `numbers from ${formatNumber(f.min)} to ${formatNumber(f.max)}, a quantity to predict`;
  const labels = sortLabels(f.labels.keys());
  return `${labels.length} ${task === 'binary' ? 'values' : 'classes'} (${quoteList(labels, 4)})`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function score(table: Table, f: ColumnFacts, index: number, onlyCategory: boolean): Scored {
  const { column } = f;
  const task = detectTask(column, f.labels);
  const reasons: string[] = [];
  let points = 0;
  const words = nameWords(column.name);
  const labelWord = words.length === 1 && WHOLE_NAME_LABELS.has(words[0]!) ? words[0] : words.find((w) => LABEL_WORDS.has(w));
  if (labelWord) {
    points += 10;
    reasons.push(`its name reads like an outcome ("${labelWord}")`);
  }
  if (index === table.columns.length - 1) {
    points += 3;
    reasons.push('it is the last column');
  } else if (index === 0) {
    points += 2;
    reasons.push('it is the first column');
  }
  if (onlyCategory) {
    points += 3;
    reasons.push('it is the only text column among numbers');
  }
  if (task !== 'regression') {
    const few = f.distinct <= MAX_INTEGER_CLASSES;
    points += column.storage === 'category' ? (few ? 4 : 2) : few ? 2 : 0;
    if (task === 'binary') points += 1;
  } else {
    points += 1;
  }
  if (f.missing / f.rows > 0.1) points -= 3;
  reasons.push(valuesPhrase(f, task));
  const reason = reasons.join('; ');
  return { candidate: { column: column.name, reason: reason[0]!.toUpperCase() + reason.slice(1), task, values: f.distinct }, score: points, index };
}

interface Ranking {
  /** The columns that could be predicted, most likely first. */
  readonly ranked: readonly TargetCandidate[];
  readonly unlikely: readonly TargetCandidate[];
}

function rankTargets(table: Table): Ranking {
  const facts = table.columns.map((column) => columnFacts(table, column));
  const unlikely: TargetCandidate[] = [];
  const usable: { facts: ColumnFacts; index: number }[] = [];
  facts.forEach((f, index) => {
    const why = unlikelyReason(f);
    if (why) unlikely.push({ column: f.column.name, reason: why[0]!.toUpperCase() + why.slice(1), task: null, values: f.distinct });
    else usable.push({ facts: f, index });
  });
  const categories = usable.filter((u) => u.facts.column.storage === 'category');
  const onlyCategory = categories.length === 1 && usable.length > 2 ? categories[0]!.facts.column.name : null;
  // Ties go to the later column: tables more often end with their answer than start with it.
  const scored = usable.map((u) => score(table, u.facts, u.index, u.facts.column.name === onlyCategory)).sort((a, b) => b.score - a.score || b.index - a.index);
  return { ranked: scored.map((s) => s.candidate), unlikely };
}

/** The most likely target of `table`, the alternatives, and the columns that should not be the target. */
export function suggestTarget(table: Table, options: SuggestTargetOptions = {}): TargetSuggestion {
  const { ranked, unlikely } = rankTargets(table);
  const documented = options.documented ? ranked.find((c) => c.column === options.documented!.column) : undefined;
  const first = documented ? { ...documented, reason: options.documented!.reason } : (ranked[0] ?? null);
  return { suggested: first, alternatives: ranked.filter((c) => c.column !== first?.column).slice(0, MAX_ALTERNATIVES), unlikely };
}

export interface DefaultRecipeOptions {
  /** Tried first when the table has it: a bundled sample's documented target. */
  readonly preferredTarget?: string;
}

/** The columns `defaultRecipe` tries, in order: the preferred one, then suggestTarget's ranking (never an unlikely column). */
export function targetCandidates(table: Table, options: DefaultRecipeOptions = {}): string[] {
  const preferred = options.preferredTarget !== undefined && table.columns.some((c) => c.name === options.preferredTarget) ? [options.preferredTarget] : [];
  return [...new Set([...preferred, ...rankTargets(table).ranked.map((c) => c.column)])];
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
  if (firstRefusal) throw firstRefusal;
  if (table.columns.length === 0) throw new UserFacingError('no-columns', 'This table has no columns, so there is nothing to predict. Check that the file was read correctly, or open another file.');
  throw new UserFacingError('no-target', 'No column of this table looks like something to predict (each is empty or mostly empty, single-valued, an identifier, free text, a date or a year). Choose the target yourself, or check that the file was read correctly.');
}
