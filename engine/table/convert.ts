/**
 * The user's type override. Conversions that would invent values (text to integer when there are decimals)
 * are refused with a message; texts that do not read as the new type become missing, and the reason says how
 * many. The result is a new Column; the input is left as it was.
 *
 * A number column converted to text shows its values in shortest form (`41.0` → `41`), and stray texts read
 * as missing at load time cannot come back from memory: to keep a column's exact texts, pass the type when
 * loading (`columnTypes`), which reads the file again.
 */
import { booleanPair } from './boolean-text.ts';
import { categoryColumn, levelsFromValues, numberColumn, valuesFromLevels } from './column-make.ts';
import { decideDateOrder, formatDate, parseDateText } from './date-text.ts';
import { errors, formatNumber, quoted, reasons } from './messages.ts';
import { parseCellNumber } from './number-text.ts';
import { MISSING_CODE, type CategoryColumn, type Column, type ColumnType, type NumberColumn } from './table.ts';

export interface ConvertOptions {
  /** How the source wrote decimals, for text that becomes numbers. */
  readonly decimalComma?: boolean;
  /** Slash dates with no day above 12 are read day first. */
  readonly dayFirst?: boolean;
}

const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['categorical', 'text', 'id']);

export function convertColumnType(column: Column, type: ColumnType, options: ConvertOptions = {}): Column {
  if (column.type === type) return column;
  return column.storage === 'number' ? fromNumbers(column, type) : fromCategories(column, type, options);
}

function fromNumbers(column: NumberColumn, type: ColumnType): Column {
  const chosen = (detail?: string) => [reasons.chosen(type, column.reason), ...(detail ? [detail] : [])].join('; ');
  const { name, values } = column;
  if (TEXT_TYPES.has(type)) {
    const { codes, levels } = levelsFromValues(values, column.type === 'datetime' ? formatDate : String);
    return categoryColumn(name, type, chosen(), codes, levels, levels);
  }
  if (type === 'datetime') throw errors.cannotConvert(name, type, 'its values are numbers, not dates written as text');
  if (type === 'numeric' || type === 'id') return numberColumn(name, type, chosen(), values.slice());
  if (type === 'integer') {
    const row = values.findIndex((v) => v === v && !Number.isSafeInteger(v));
    if (row >= 0) throw errors.cannotConvert(name, type, `row ${row + 1} holds ${formatNumber(values[row]!)}, not a whole number`);
    return numberColumn(name, type, chosen(), values.slice());
  }
  const distinct = [...new Set(values.filter((v) => v === v))].sort((a, b) => a - b);
  if (distinct.length > 2) throw errors.cannotConvert(name, type, `it has ${distinct.length} different values and a boolean has two`);
  const [low = 0, high = 1] = distinct.length === 1 && distinct[0] === 1 ? [0, 1] : distinct;
  if (distinct.length === 1 && low !== 0) throw errors.cannotConvert(name, type, `its only value is ${formatNumber(low)}, not 0 or 1`);
  const booleans = values.map((v) => (v !== v ? NaN : v === high ? 1 : 0));
  const mapping = low === 0 && high === 1 ? undefined : reasons.twoValues(formatNumber(low), formatNumber(high));
  return numberColumn(name, type, chosen(mapping), booleans);
}

function fromCategories(column: CategoryColumn, type: ColumnType, options: ConvertOptions): Column {
  const chosen = (detail?: string) => [reasons.chosen(type, column.reason), ...(detail ? [detail] : [])].join('; ');
  const { name, levels } = column;
  if (TEXT_TYPES.has(type)) return { ...column, codes: column.codes.slice(), type, reason: chosen() };
  if (type === 'boolean') {
    if (levels.length > 2) throw errors.cannotConvert(name, type, `it has ${levels.length} different values and a boolean has two`);
    const order = booleanPair(levels) ?? levels;
    const detail = booleanPair(levels) ? undefined : reasons.twoValues(quoted(order[0] ?? ''), quoted(order[1] ?? ''));
    return categoryColumn(name, type, chosen(detail), column.codes.slice(), levels, order);
  }
  const read =
    type === 'datetime'
      ? datesOf(levels, options)
      : levels.map((level) => parseCellNumber(level, options.decimalComma ?? false));
  const unreadable = levels.filter((_, i) => read[i] !== read[i]);
  if (unreadable.length === levels.length) {
    throw errors.cannotConvert(name, type, `none of its values (${levels.slice(0, 3).map(quoted).join(', ')}) reads as ${type === 'datetime' ? 'a date' : 'a number'}`);
  }
  if (type === 'integer') {
    const fraction = read.findIndex((v) => v === v && !Number.isSafeInteger(v));
    if (fraction >= 0) throw errors.cannotConvert(name, type, `it holds ${quoted(levels[fraction]!)}, not a whole number`);
  }
  const values = valuesFromLevels(column.codes, read);
  const lost = countUnreadable(column, read);
  return numberColumn(name, type, chosen(lost > 0 ? reasons.unreadable(lost, unreadable.map(quoted)) : undefined), values);
}

function datesOf(levels: readonly string[], options: ConvertOptions): number[] {
  const order = decideDateOrder(levels, options.dayFirst ?? options.decimalComma ?? false);
  return levels.map((level) => parseDateText(level, order.order));
}

function countUnreadable(column: CategoryColumn, read: readonly number[]): number {
  let cells = 0;
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i]!;
    if (code !== MISSING_CODE && read[code] !== read[code]) cells++;
  }
  return cells;
}
