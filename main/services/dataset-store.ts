/**
 * Loaded tables live in main, by id; the window holds only their summary and reads rows a screenful at a time,
 * so a million-row table never crosses into the renderer whole. The few most recently opened stay loaded.
 * Their columns are in shared memory (loaded by the engine pool): the engine workers read the same bytes, and
 * are told (`onRelease`) when a table is let go or replaced.
 */
import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../engine/errors.ts';
import { MISSING_CODE, missingCount, type Column, type ColumnType, type Table } from '../../engine/table/table.ts';
import type { ColumnSummary, DatasetRows, DatasetSummary } from '../api/contract.ts';
import type { LoadedTable } from '../io/load-table.ts';

export type DatasetOrigin = DatasetSummary['origin'];

/** What the user changed about how the file is read (Data step): a project saves it, reopening reads the file with it. */
export interface ReadEdits {
  /** Loader options a project carried (the app itself does not set these). */
  readonly missingMarkers?: readonly string[];
  readonly zeroMeansMissing?: readonly string[];
  readonly columnTypes: Readonly<Record<string, ColumnType>>;
  readonly columnMissingMarkers: Readonly<Record<string, readonly string[]>>;
}

/** A replaced column's reason: the type the user chose, or missing markers (an empty list: none). */
export type ColumnEdit = { readonly type: ColumnType } | { readonly markers: readonly string[] };

const NO_EDITS: ReadEdits = { columnTypes: {}, columnMissingMarkers: {} };

function withEdit(edits: ReadEdits, column: string, edit: ColumnEdit): ReadEdits {
  if ('type' in edit) return { ...edits, columnTypes: { ...edits.columnTypes, [column]: edit.type } };
  const { [column]: _previous, ...others } = edits.columnMissingMarkers;
  return { ...edits, columnMissingMarkers: edit.markers.length > 0 ? { ...others, [column]: [...edit.markers] } : others };
}

function summarizeColumn(column: Column, missing = missingCount(column)): ColumnSummary {
  return {
    name: column.name,
    type: column.type,
    reason: column.reason,
    missing,
    levels: column.storage === 'category' ? column.levels.length : null,
  };
}

function sliceColumn(column: Column, start: number, end: number): (number | string | null)[] {
  const out = new Array<number | string | null>(end - start);
  if (column.storage === 'number') {
    for (let row = start; row < end; row++) {
      const value = column.values[row]!;
      out[row - start] = Number.isNaN(value) ? null : value;
    }
  } else {
    for (let row = start; row < end; row++) {
      const code = column.codes[row]!;
      out[row - start] = code === MISSING_CODE ? null : column.levels[code]!;
    }
  }
  return out;
}

export class DatasetStore {
  /** Insertion order is recency order: the first entry is evicted first. */
  private readonly tables = new Map<string, Table>();
  private readonly loaded = new Map<string, { readonly loaded: LoadedTable; readonly summary: DatasetSummary; readonly edits: ReadEdits }>();

  constructor(
    private readonly keep = 3,
    /** A dataset's table is let go (evicted) or replaced (a column changed). */
    private readonly onRelease: (datasetId: string) => void = () => undefined,
  ) {}

  /**
   * `edits`: how the file was read when it comes back with a project's read options. `loaded.missing`: each
   * column's missing cells, when the loader counted them (the engine pool does), so main need not.
   */
  add(loaded: LoadedTable & { readonly missing?: readonly number[] }, origin: DatasetOrigin, name: string, edits: ReadEdits = NO_EDITS): DatasetSummary {
    const datasetId = randomUUID();
    this.tables.set(datasetId, loaded.table);
    while (this.tables.size > this.keep) {
      const oldest = this.tables.keys().next().value!;
      this.tables.delete(oldest);
      this.loaded.delete(oldest);
      this.onRelease(oldest);
    }
    const { source, table } = loaded;
    const summary: DatasetSummary = {
      datasetId,
      name,
      origin,
      path: origin === 'path' ? source.path : null,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      sheet: source.sheet,
      sheets: source.sheets,
      bytes: source.bytes,
      sha256: source.sha256,
      rowCount: table.rowCount,
      columns: table.columns.map((column, i) => summarizeColumn(column, loaded.missing?.[i])),
      warnings: loaded.warnings,
    };
    this.loaded.set(datasetId, { loaded, summary, edits });
    return summary;
  }

  /** Whether the dataset is still held (the store keeps the most recent few). */
  has(datasetId: string): boolean {
    return this.loaded.has(datasetId);
  }

  /** The open dataset's table, how it was read (source: path, sha256, read options) and its summary. */
  get(datasetId: string): { readonly table: Table; readonly loaded: LoadedTable; readonly summary: DatasetSummary; readonly edits: ReadEdits } {
    const entry = this.loaded.get(datasetId);
    if (!entry) throw this.closed();
    return { table: entry.loaded.table, ...entry };
  }

  /** The open dataset, or null when there is no id or Layerlab has let it go (it keeps the few most recent). */
  find(datasetId: string | null | undefined): ReturnType<DatasetStore['get']> | null {
    return datasetId && this.loaded.has(datasetId) ? this.get(datasetId) : null;
  }

  /** Puts `column` in place of the column of the same name (a type the user chose); returns the new summary. `missing`: its missing cells, when counted. */
  replaceColumn(datasetId: string, column: Column, edit?: ColumnEdit, missing?: number): DatasetSummary {
    const entry = this.loaded.get(datasetId);
    if (!entry) throw this.closed();
    const { table } = entry.loaded;
    const index = table.columns.findIndex((c) => c.name === column.name);
    if (index < 0) throw new UserFacingError('unknown-column', `This dataset has no column "${column.name}". Open the Data step to see its columns.`);
    const columns = table.columns.map((c, i) => (i === index ? column : c));
    const loaded: LoadedTable = { ...entry.loaded, table: { ...table, columns } };
    const summary: DatasetSummary = { ...entry.summary, columns: entry.summary.columns.map((c, i) => (i === index ? summarizeColumn(column, missing) : c)) };
    this.tables.set(datasetId, loaded.table);
    this.loaded.set(datasetId, { loaded, summary, edits: edit ? withEdit(entry.edits, column.name, edit) : entry.edits });
    this.onRelease(datasetId);
    return summary;
  }

  /** Rows `start … start + count - 1`, fewer at the end of the table. */
  rows(datasetId: string, start: number, count: number): DatasetRows {
    const table = this.tables.get(datasetId);
    if (!table) throw this.closed();
    const from = Math.min(start, table.rowCount);
    const to = Math.min(from + count, table.rowCount);
    return { start: from, columns: table.columns.map((column) => sliceColumn(column, from, to)) };
  }

  private closed(): UserFacingError {
    return new UserFacingError(
      'dataset-closed',
      `This dataset is no longer open: Layerlab keeps the ${this.keep} most recently opened in memory. Open the file again.`,
    );
  }
}
