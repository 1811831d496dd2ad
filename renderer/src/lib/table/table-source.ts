/**
 * What the virtual table draws: a row count, column heads and a way to read one cell as text. Column-oriented
 * sources (a table in main, a Float32Array of predictions) implement it without ever building row objects.
 */
export interface TableColumn {
  readonly name: string;
  /** Right-aligned, tabular figures. */
  readonly numeric: boolean;
  /** Shown under the name (the column's type). */
  readonly detail?: string;
  /** Preferred width in pixels; long texts get more room than numbers. */
  readonly width?: number;
}

export interface TableSource {
  readonly rowCount: number;
  readonly columns: readonly TableColumn[];
  /** The cell's text; null when the value is missing, undefined while it is still loading. */
  text(row: number, column: number): string | null | undefined;
  /** Told which rows are about to be drawn, so a remote source can fetch them. */
  want?(first: number, last: number): void;
}

/** A source over columns already in memory. */
export function columnarSource(columns: readonly (TableColumn & { readonly values: ArrayLike<number | string | null> })[]): TableSource {
  const rowCount = columns.reduce((max, column) => Math.max(max, column.values.length), 0);
  return {
    rowCount,
    columns,
    text(row, column) {
      const value = columns[column]?.values[row];
      if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return null;
      return String(value);
    },
  };
}
