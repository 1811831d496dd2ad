/**
 * What the suggestion needs to know about one column, computed over all rows once per column: suggesting a
 * target ranks every column, then the recipe plans every column again, and a column never changes once made.
 */
import type { Column, Table } from '../table/table.ts';
import { labelTally } from './label-tally.ts';

export interface ColumnFacts {
  readonly column: Column;
  readonly rows: number;
  readonly missing: number;
  readonly infinite: number;
  /** Distinct present values. */
  readonly distinct: number;
  /** Number columns: every present value is a whole number. */
  readonly wholeNumbers: boolean;
  /** Number columns: every present value is 0 or 1. */
  readonly zeroOne: boolean;
  /** Number columns: the smallest and largest present values (NaN when none). */
  readonly min: number;
  readonly max: number;
  /** One present value, for messages. */
  readonly example: string | null;
  /** Each label's count over all rows; null for numbers of too many distinct values to be classes (see labelTally). */
  readonly labels: ReadonlyMap<string, number> | null;
}

const known = new WeakMap<Column, ColumnFacts>();

export function columnFacts(table: Table, column: Column): ColumnFacts {
  let facts = known.get(column);
  if (facts?.rows !== table.rowCount) {
    facts = factsOf(table.rowCount, column);
    known.set(column, facts);
  }
  return facts;
}

function factsOf(rows: number, column: Column): ColumnFacts {
  const { present, distinct, counts, first } = labelTally(column);
  let infinite = 0;
  let wholeNumbers = column.storage === 'number';
  let zeroOne = column.storage === 'number';
  let min = NaN;
  let max = NaN;
  if (column.storage === 'number') {
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      if (!(v >= min)) min = v;
      if (!(v <= max)) max = v;
      if (v === Infinity || v === -Infinity) infinite++;
      if (!Number.isInteger(v)) wholeNumbers = false;
      if (v !== 0 && v !== 1) zeroOne = false;
    }
  }
  return {
    column,
    rows,
    missing: rows - present,
    infinite,
    distinct,
    wholeNumbers: wholeNumbers && present > 0,
    zeroOne: zeroOne && present > 0,
    min,
    max,
    example: first,
    labels: counts,
  };
}

/**
 * A name that reads as an identifier or a record number: `id`, `customer_id`, `CustomerId`, `RowNumber`,
 * `patient_nbr`, `ticket no`, `index`. Words that merely end in "id" (`paid`, `valid`) do not count.
 */
export function looksLikeIdName(name: string): boolean {
  const trimmed = name.trim();
  if (/^(id|key|uuid|guid|index|idx)$/i.test(trimmed)) return true;
  if (/(^|[\s_.\-#])(id|key|uuid|guid|nbr|no|num|number|index|idx)$/i.test(trimmed)) return true;
  return /[a-z0-9](Id|ID|Key|Nbr|No|Num|Number|Index)$/.test(trimmed);
}

/**
 * A name that reads as a code: `admission_type_id`, `StoreId`, `zip_code`. Whole numbers under such a name
 * with repeated values are categories, not quantities. Narrower than `looksLikeIdName`: `education-num` is a
 * level, not a code.
 */
export function looksLikeCodeName(name: string): boolean {
  const trimmed = name.trim();
  return /(^|[\s_.\-#])(id|code|key)$/i.test(trimmed) || /[a-z0-9](Id|ID|Code|Key)$/.test(trimmed);
}
