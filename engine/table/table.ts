/**
 * Columnar tables: the shape every loaded file takes, and what the cleaning recipe consumes.
 *
 * Storage follows the raw values, the semantic type follows inference (or the user's override):
 * - `number` storage: Float64Array, NaN marks a missing cell. Used when every non-missing cell parses as a
 *   number (numeric, integer, 0/1 boolean, numeric ID) and for dates (milliseconds since the Unix epoch, UTC).
 * - `category` storage: dictionary-encoded, Int32Array codes into `levels`, -1 marks a missing cell. Used for
 *   everything else (categorical, free text, textual IDs, TRUE/FALSE-style booleans).
 * A boolean in category storage has two levels ordered [false, true] (`['No', 'Yes']`), in number storage the
 * values 0 and 1. Categorical levels are in natural order (`item 2` before `item 10`); free text and IDs keep
 * the order of first appearance. Loading and inference live in engine/table (see table-builder.ts, infer.ts).
 * No row objects exist anywhere: a million rows × 50 columns is 50 typed arrays.
 */

/** Every type a column can be inferred as or given by the user; the one list the loader, recipes, files and the UI share. */
export const COLUMN_TYPES = ['numeric', 'integer', 'boolean', 'categorical', 'datetime', 'text', 'id'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const MISSING_CODE = -1;

interface ColumnBase {
  readonly name: string;
  readonly type: ColumnType;
  /** Why inference chose `type`, in words a user can read ("12 distinct strings → categorical"). */
  readonly reason: string;
}

export interface NumberColumn extends ColumnBase {
  readonly storage: 'number';
  readonly values: Float64Array;
}

export interface CategoryColumn extends ColumnBase {
  readonly storage: 'category';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumberColumn | CategoryColumn;

export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
}

export function isMissing(column: Column, row: number): boolean {
  return column.storage === 'number' ? Number.isNaN(column.values[row]!) : column.codes[row] === MISSING_CODE;
}

/** How many of the column's cells are missing. */
export function missingCount(column: Column): number {
  let missing = 0;
  if (column.storage === 'number') {
    for (const value of column.values) if (Number.isNaN(value)) missing++;
  } else {
    for (const code of column.codes) if (code === MISSING_CODE) missing++;
  }
  return missing;
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The cell as the user would read it: a number, a category label, or null when missing. */
export function cellValue(column: Column, row: number): number | string | null {
  if (column.storage === 'number') {
    const v = column.values[row]!;
    return Number.isNaN(v) ? null : v;
  }
  const code = column.codes[row]!;
  return code === MISSING_CODE ? null : column.levels[code]!;
}
