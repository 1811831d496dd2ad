/**
 * Type inference: turns a column's collected cells into a typed Column with a reason a person can read.
 * Order of questions: all missing? two yes/no values? numbers (allowing a few stray texts, read as missing)?
 * dates (same allowance)? Otherwise text, split into ID-like, categorical and free text by how values repeat.
 */
import { booleanPair } from './boolean-text.ts';
import type { ColumnDraft, LevelsBody, NumbersBody, StrayText } from './column-builder.ts';
import { categoryColumn, numberColumn, valuesFromLevels } from './column-make.ts';
import { convertColumnType } from './convert.ts';
import { decideDateOrder, formatDate, parseDateText } from './date-text.ts';
import {
  CATEGORICAL_MAX_LABEL_SHARE,
  CATEGORICAL_MAX_LABELS,
  codeNameEnding,
  ID_MIN_ROWS,
  ID_NAMED_MIN_DISTINCT_SHARE,
  identifierWord,
  straysAreTolerable,
} from './inference-rules.ts';
import { formatNumber, quoted, reasons, warnings } from './messages.ts';
import { isInfinityText } from './missing.ts';
import { countDistinct, fewDistinct, summarizeNumbers } from './number-summary.ts';
import { parseCellNumber, parseNumberText } from './number-text.ts';
import { MISSING_CODE, type Column, type ColumnType } from './table.ts';

export interface InferContext {
  readonly decimalComma: boolean;
  /** Slash dates with no day above 12 are read day first (set for European-style files). */
  readonly dayFirst?: boolean;
  /** Zeros mean "unknown" in this column (Pima diabetes' insulin). Applies to number columns only. */
  readonly zeroMeansMissing?: boolean;
  /** The user's type, overriding inference. */
  readonly type?: ColumnType;
  /** Where a row is, for messages: `line 57` in a CSV file, `row 58` in a sheet. */
  readonly describeRow?: (row: number) => string;
}

export interface InferredColumn {
  readonly column: Column;
  readonly warnings: readonly string[];
}

const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['categorical', 'text', 'id']);

/** What inference learned on the way: notes join the reason, warnings go to the load report. */
interface Findings {
  readonly name: string;
  readonly ctx: InferContext;
  readonly notes: string[];
  readonly warnings: string[];
  readonly where: (row: number) => string;
}

export function inferColumn(name: string, draft: ColumnDraft, ctx: InferContext): InferredColumn {
  const found: Findings = { name, ctx, notes: [], warnings: [], where: ctx.describeRow ?? ((row) => `row ${row + 1}`) };
  const nanLiterals = (draft.missingByMarker.get('NaN') ?? 0) + (draft.missingByMarker.get('nan') ?? 0);
  if (nanLiterals > 0) found.warnings.push(warnings.nanLiterals(name, nanLiterals));
  let column = draft.body.kind === 'numbers' ? fromNumbers(draft.body, found) : fromLevels(draft.body, found);
  if (ctx.type !== undefined && ctx.type !== column.type) column = convertColumnType(column, ctx.type, { decimalComma: ctx.decimalComma, dayFirst: ctx.dayFirst });
  return { column, warnings: found.warnings };
}

function finish(found: Findings, reason: string): string {
  return [reason, ...found.notes].join('; ');
}

function fromNumbers(body: NumbersBody, found: Findings): Column {
  const texts = body.strays.filter((s) => !isInfinityText(s.text));
  noteStrays(texts, found);
  noteInfinities(body.strays.filter((s) => isInfinityText(s.text)), found);
  if (body.grouped) noteGrouped(body.grouped.cells, body.grouped.example, found);
  return numericColumn(body.values, found);
}

function fromLevels(body: LevelsBody, found: Findings): Column {
  const { codes, levels, counts } = body;
  const { name, ctx } = found;
  const present = counts.reduce((a, b) => a + b, 0);
  if (present === 0) return allMissing(codes.length, found);
  if (body.rewrittenNumbers) found.notes.push(reasons.reformatted());
  if (ctx.type !== undefined && TEXT_TYPES.has(ctx.type)) {
    return categoryColumn(name, ctx.type, reasons.chosenAtLoad(ctx.type, levels.length), codes, levels, levels);
  }
  const pair = booleanPair(levels);
  if (pair && pair[0] !== '0') {
    noteConstant(levels, found);
    return categoryColumn(name, 'boolean', finish(found, reasons.booleanWords(...pair)), codes, levels, pair);
  }

  const numbers = levels.map((level) => parseCellNumber(level, ctx.decimalComma));
  const codeExample = levels.find((level, i) => numbers[i] === numbers[i] && /^[+-]?0\d/.test(level));
  const numberStrays = straysOf(levels, counts, body.firstRows, (i) => numbers[i] === numbers[i]);
  if (codeExample === undefined && numberStrays.kept > 0 && tolerable(numberStrays, present)) {
    noteStrays(numberStrays.texts, found);
    noteInfinities(numberStrays.infinities, found);
    const grouped = levels.flatMap((level, i) => (numbers[i] === numbers[i] && parseNumberText(level, ctx.decimalComma) !== numbers[i] ? [i] : []));
    if (grouped.length > 0) noteGrouped(grouped.reduce((n, i) => n + counts[i]!, 0), levels[grouped[0]!]!, found);
    return numericColumn(valuesFromLevels(codes, numbers), found);
  }

  const order = decideDateOrder(levels, ctx.dayFirst ?? ctx.decimalComma);
  const dates = order.conflict ? levels.map(() => NaN) : levels.map((level) => parseDateText(level, order.order));
  const dateStrays = straysOf(levels, counts, body.firstRows, (i) => dates[i] === dates[i]);
  if (dateStrays.kept > 0 && tolerable(dateStrays, present)) {
    noteStrays(dateStrays.texts, found);
    return dateColumn(valuesFromLevels(codes, dates), levels.some((l) => /^\d{1,2}[/-]\d/.test(l)) ? order : null, found);
  }
  return textColumn(body, present, codeExample, found);
}

interface Strays {
  /** Cells of the recognised kind. */
  readonly kept: number;
  readonly texts: readonly StrayText[];
  readonly infinities: readonly StrayText[];
}

function straysOf(levels: readonly string[], counts: readonly number[], firstRows: readonly number[], ok: (i: number) => boolean): Strays {
  let kept = 0;
  const texts: StrayText[] = [];
  const infinities: StrayText[] = [];
  for (let i = 0; i < levels.length; i++) {
    if (ok(i)) kept += counts[i]!;
    else (isInfinityText(levels[i]!) ? infinities : texts).push({ text: levels[i]!, count: counts[i]!, firstRow: firstRows[i]! });
  }
  return { kept, texts, infinities };
}

function tolerable(strays: Strays, present: number): boolean {
  const cells = strays.texts.reduce((a, s) => a + s.count, 0);
  return straysAreTolerable(strays.texts.length, cells, present);
}

function noteStrays(strays: Strays['texts'], found: Findings): void {
  if (strays.length === 0) return;
  const cells = strays.reduce((a, s) => a + s.count, 0);
  const examples = [...strays].sort((a, b) => b.count - a.count).map((s) => `${quoted(s.text)} ×${s.count}`);
  const where = found.where(Math.min(...strays.map((s) => s.firstRow)));
  found.notes.push(reasons.strays(cells, examples, where));
  found.warnings.push(warnings.strays(found.name, cells, examples, where));
}

function noteInfinities(infinities: Strays['infinities'], found: Findings): void {
  if (infinities.length === 0) return;
  const cells = infinities.reduce((a, s) => a + s.count, 0);
  const where = found.where(Math.min(...infinities.map((s) => s.firstRow)));
  const examples = [...infinities].sort((a, b) => b.count - a.count).map((s) => `${quoted(s.text)} ×${s.count}`);
  found.notes.push(reasons.infinities(cells, examples, where));
  found.warnings.push(warnings.infinities(found.name, cells, examples, where));
}

/** Thousands separators are read, and said so: a European decimal comma could look the same (`1,234`). */
function noteGrouped(cells: number, example: string, found: Findings): void {
  const value = formatNumber(parseCellNumber(example, found.ctx.decimalComma));
  found.notes.push(reasons.grouped(cells, example, value));
  found.warnings.push(warnings.grouped(found.name, cells, example, value, found.ctx.decimalComma));
}

function noteConstant(values: readonly string[], found: Findings): void {
  if (values.length !== 1) return;
  found.notes.push(reasons.constant(values[0]!));
  found.warnings.push(warnings.constant(found.name, values[0]!));
}

function allMissing(length: number, found: Findings): Column {
  found.warnings.push(warnings.allMissing(found.name));
  return numberColumn(found.name, 'numeric', reasons.allMissing(), new Float64Array(length).fill(NaN));
}

function numericColumn(values: Float64Array, found: Findings): Column {
  const { name, ctx } = found;
  if (ctx.zeroMeansMissing) {
    let zeros = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === 0) {
        values[i] = NaN;
        zeros++;
      }
    }
    found.notes.push(reasons.zerosMissing(zeros));
  }
  if (ctx.decimalComma) found.notes.unshift(reasons.decimalComma());
  const s = summarizeNumbers(values);
  if (s.present === 0) return allMissing(values.length, found);
  if (s.constant) noteConstant([formatNumber(s.min)], found);
  if (s.zeroOne && !s.constant) return numberColumn(name, 'boolean', finish(found, reasons.zeroOne()), values);
  if (!s.integral) return numberColumn(name, 'numeric', finish(found, reasons.numeric(s.min, s.max)), values);
  const id = s.constant ? null : numericIdReason(name, values, s.present, s.min, s.max);
  if (id !== null) return numberColumn(name, 'id', finish(found, id), values);
  const ending = codeNameEnding(name);
  const distinct = ending === null ? null : fewDistinct(values, CATEGORICAL_MAX_LABELS);
  if (ending !== null && distinct !== null) {
    const position = new Map(distinct.map((v, i) => [v, i]));
    const codes = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) codes[i] = position.get(values[i]!) ?? MISSING_CODE;
    const levels = distinct.map(String);
    return categoryColumn(name, 'categorical', finish(found, reasons.codeNumbers(ending, distinct.length)), codes, levels, levels);
  }
  return numberColumn(name, 'integer', finish(found, reasons.integer(s.min, s.max)), values);
}

function numericIdReason(name: string, values: Float64Array, present: number, min: number, max: number): string | null {
  const n = values.length;
  if (n < ID_MIN_ROWS) return null;
  const complete = present === n;
  const span = max - min + 1;
  if (complete && span === n && countDistinct(values) === n) return reasons.rowNumber(min, max);
  const word = identifierWord(name);
  if (word === null || span < ID_NAMED_MIN_DISTINCT_SHARE * present) return null;
  const distinct = countDistinct(values);
  if (complete && distinct === n) return reasons.uniqueNamed(word);
  return distinct >= ID_NAMED_MIN_DISTINCT_SHARE * present ? reasons.mostlyUniqueNamed(word, distinct / present) : null;
}

function dateColumn(values: Float64Array, order: ReturnType<typeof decideDateOrder> | null, found: Findings): Column {
  const { name, ctx } = found;
  if (ctx.zeroMeansMissing) found.warnings.push(warnings.zeroNotNumeric(name, 'datetime'));
  if (order !== null) found.notes.unshift(order.order === 'dmy' ? reasons.dayFirst(order.evidence) : reasons.monthFirst(order.evidence));
  const s = summarizeNumbers(values);
  if (s.constant) noteConstant([formatDate(s.min)], found);
  return numberColumn(name, 'datetime', finish(found, reasons.dates(formatDate(s.min), formatDate(s.max))), values);
}

function textColumn(body: LevelsBody, present: number, codeExample: string | undefined, found: Findings): Column {
  const { name, ctx } = found;
  const { codes, levels } = body;
  const distinct = levels.length;
  const n = codes.length;
  const prefix = codeExample === undefined ? '' : reasons.codes(codeExample);
  if (ctx.zeroMeansMissing) found.warnings.push(warnings.zeroNotNumeric(name, 'categorical'));
  noteConstant(levels, found);
  const tokens = !levels.some((level) => /\s/.test(level));
  const word = identifierWord(name);
  let type: ColumnType;
  let reason: string;
  if (tokens && n >= ID_MIN_ROWS && distinct === n) {
    [type, reason] = ['id', reasons.uniqueTokens()];
  } else if (tokens && word !== null && n >= ID_MIN_ROWS && distinct >= ID_NAMED_MIN_DISTINCT_SHARE * present) {
    [type, reason] = ['id', reasons.mostlyUniqueNamed(word, distinct / present)];
  } else if (distinct <= CATEGORICAL_MAX_LABELS || distinct <= CATEGORICAL_MAX_LABEL_SHARE * present) {
    return categoryColumn(name, 'categorical', finish(found, prefix + reasons.categorical(distinct, present / distinct)), codes, levels);
  } else {
    [type, reason] = ['text', reasons.text(distinct, present)];
  }
  // Free text and IDs keep first-appearance order: sorting a million unique strings buys nothing.
  return categoryColumn(name, type, finish(found, prefix + reason), codes, levels, levels);
}
