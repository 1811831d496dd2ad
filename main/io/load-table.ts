/**
 * Loads a CSV (or other delimited text) or .xlsx file into a columnar Table, never writing to it.
 * The format is judged from the content, the encoding from the bytes (BOM, then UTF-8, else Windows-1252),
 * the delimiter and decimal mark from the first rows.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ColumnType, Table } from '../../engine/table/table.ts';
import { detectFormat, HEAD_BYTES, type TextEncoding } from './detect-format.ts';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.ts';
import { ioErrors, ioWarnings } from './messages.ts';
import { checkWorkbookExpansion } from './zip-check.ts';
import { NotUtf8Error, readDelimitedText, type LoadProgress, type TextReadOptions } from './read-text.ts';
import type { ParallelChoice } from './remote-columns.ts';

export type { LoadProgress } from './read-text.ts';

export interface LoadOptions {
  /** Sheet of a workbook; the first visible sheet when absent. */
  readonly sheet?: string;
  /** Texts meaning "missing" besides the defaults (empty, NA, N/A, null, NULL, NaN, ?, -, ...). */
  readonly missingMarkers?: readonly string[];
  /** Columns in which 0 means "unknown" (Pima diabetes' Insulin, BMI, ...). */
  readonly zeroMeansMissing?: readonly string[];
  /** Leave out rows whose field count differs from the header (otherwise: a `ragged-rows` error). */
  readonly skipRaggedRows?: boolean;
  /** Types chosen by the user, by column name; text types keep the exact texts of the file. */
  readonly columnTypes?: Readonly<Record<string, ColumnType>>;
  /** Columns read as exact text when the file has them (a file to predict: the model judges each cell). */
  readonly keepText?: readonly string[];
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly signal?: AbortSignal;
  readonly limits?: Partial<LoadLimits>;
  /** Large plain files use a second thread for some columns (`auto`); tests compare with `never`. */
  readonly parallel?: ParallelChoice;
}

export interface SourceInfo {
  readonly path: string;
  readonly name: string;
  readonly format: 'csv' | 'xlsx';
  /** Text encoding used; null for workbooks. */
  readonly encoding: TextEncoding | null;
  /** Field delimiter; null for workbooks. */
  readonly delimiter: string | null;
  readonly decimalComma: boolean;
  readonly sheet: string | null;
  /** All sheets of a workbook, in workbook order; empty for text files. */
  readonly sheets: readonly string[];
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  readonly bytes: number;
  /** Text files: the columns written in double quotes in every one of the first rows (see quoted-columns.ts). */
  readonly quotedColumns?: readonly string[];
}

export interface LoadedTable {
  readonly table: Table;
  readonly source: SourceInfo;
  readonly warnings: readonly string[];
}

async function checkedSize(path: string, name: string, limits: LoadLimits): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw ioErrors.notFound(path);
    throw ioErrors.unreadable(name, code ?? (error as Error).message);
  }
  if (info.isDirectory()) throw ioErrors.notAFile(path);
  if (!info.isFile()) throw ioErrors.notRegular(path);
  if (info.size === 0) throw (await readHead(path, name)).length > 0 ? ioErrors.systemFile(path) : ioErrors.emptyFile(name);
  if (info.size > limits.maxBytes) throw ioErrors.tooLarge(name, info.size, limits.maxBytes);
  return info.size;
}

async function readHead(path: string, name: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw ioErrors.unreadable(name, (error as { code?: string }).code ?? (error as Error).message);
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function loadTable(path: string, options: LoadOptions = {}): Promise<LoadedTable> {
  const name = basename(path);
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (options.signal?.aborted) throw ioErrors.cancelled(name);
  const bytes = await checkedSize(path, name, limits);
  const detected = detectFormat(await readHead(path, name), name);
  const table: TextReadOptions['table'] = {
    missingMarkers: options.missingMarkers,
    zeroMeansMissing: options.zeroMeansMissing,
    skipRaggedRows: options.skipRaggedRows,
    columnTypes: options.columnTypes,
    ...(options.keepText ? { keepText: options.keepText } : {}),
    maxCells: limits.maxCells,
  };
  const common = { path, file: name, totalBytes: bytes, table, onProgress: options.onProgress, signal: options.signal, parallel: options.parallel };

  if (detected.format === 'xlsx') {
    await checkWorkbookExpansion(path, name);
    // exceljs takes 0.3–0.7 s to import here: only workbooks pay for it.
    const { readWorkbook } = await import('./read-xlsx.ts');
    const read = await readWorkbook({ ...common, sheet: options.sheet });
    const renamed = /\.xlsx?$/i.test(name) ? [] : [ioWarnings.renamedWorkbook(name)];
    return {
      table: read.built.table,
      source: { path, name, format: 'xlsx', encoding: null, delimiter: null, decimalComma: false, sheet: read.sheet, sheets: read.sheets, sha256: await sha256Of(path), bytes },
      warnings: [...renamed, ...read.warnings, ...read.built.warnings],
    };
  }

  let encoding = detected.encoding;
  const warnings: string[] = [];
  let read;
  try {
    read = await readDelimitedText({ ...common, encoding });
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    encoding = 'windows-1252';
    warnings.push(ioWarnings.latin1(name));
    read = await readDelimitedText({ ...common, encoding });
  }
  return {
    table: read.built.table,
    source: {
      path,
      name,
      format: 'csv',
      encoding,
      delimiter: read.layout.delimiter,
      decimalComma: read.layout.decimalComma,
      sheet: null,
      sheets: [],
      sha256: read.sha256,
      bytes,
      quotedColumns: read.quotedColumns,
    },
    warnings: [...warnings, ...read.built.warnings],
  };
}

/** The sheets of a workbook in workbook order, for a sheet picker; empty for a text file. */
export async function listSheets(path: string): Promise<string[]> {
  const name = basename(path);
  await checkedSize(path, name, DEFAULT_LIMITS);
  const detected = detectFormat(await readHead(path, name), name);
  if (detected.format !== 'xlsx') return [];
  await checkWorkbookExpansion(path, name);
  const { listWorkbookSheets } = await import('./read-xlsx.ts');
  return listWorkbookSheets(path, name);
}
