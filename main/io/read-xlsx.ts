/**
 * Reads one sheet of an Excel workbook (.xlsx) with exceljs' streaming reader into a TableBuilder. Cells are
 * turned into the text a person sees (dates as ISO dates, formulas as their cached results, errors as missing),
 * so a sheet and the CSV saved from it load the same way.
 */
import ExcelJS from 'exceljs';
import type { ReadStream } from 'node:fs';
import { isUserFacingError } from '../../engine/errors.ts';
import { formatDate } from '../../engine/table/date-text.ts';
import { isBlank } from '../../engine/table/missing.ts';
import { TableBuilder, type BuiltTable, type TableBuilderOptions } from '../../engine/table/table-builder.ts';
import { ioErrors, ioWarnings } from './messages.ts';
import { pause, type LoadProgress } from './text-source.ts';

export interface WorkbookReadOptions {
  readonly path: string;
  readonly file: string;
  readonly totalBytes: number;
  /** The sheet to load; the first visible one when absent. */
  readonly sheet?: string;
  readonly table: Omit<TableBuilderOptions, 'source' | 'positionLabel' | 'decimalComma' | 'expectedRows' | 'decode'>;
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

export interface WorkbookReadResult {
  readonly built: BuiltTable;
  readonly sheet: string;
  readonly sheets: readonly string[];
  readonly warnings: readonly string[];
}

/** The parts of exceljs' streaming reader that its type declarations leave out. */
interface SheetModel {
  readonly name: string;
  readonly rId: string;
  readonly state?: string;
}
interface StreamingWorkbook {
  readonly model?: { readonly sheets?: readonly SheetModel[] };
  readonly workbookRels?: readonly { readonly Id: string; readonly Target: string }[];
  readonly stream?: ReadStream;
}
interface StreamingSheet extends AsyncIterable<ExcelJS.Row> {
  readonly id: number | string;
  readonly name: string;
}

function openWorkbook(path: string): ExcelJS.stream.xlsx.WorkbookReader {
  return new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
}

/** Sheet names in workbook order, hidden ones included. */
export async function listWorkbookSheets(path: string, file: string): Promise<string[]> {
  const reader = openWorkbook(path);
  try {
    for await (const _sheet of reader) break;
  } catch (error) {
    throw ioErrors.brokenWorkbook(file, (error as Error).message);
  } finally {
    (reader as unknown as StreamingWorkbook).stream?.destroy();
  }
  return sheetModels(reader).map((s) => s.name);
}

function sheetModels(reader: ExcelJS.stream.xlsx.WorkbookReader): readonly SheetModel[] {
  return (reader as unknown as StreamingWorkbook).model?.sheets ?? [];
}

/**
 * exceljs names a sheet only when its relationship target is written relative (`worksheets/sheet1.xml`);
 * openpyxl writes it absolute (`/xl/worksheets/sheet1.xml`), so the name is resolved here in both cases.
 */
function sheetName(reader: ExcelJS.stream.xlsx.WorkbookReader, sheet: StreamingSheet): string {
  const models = sheetModels(reader);
  if (typeof sheet.id === 'number') return sheet.name;
  const target = `worksheets/sheet${sheet.id}.xml`;
  const rel = (reader as unknown as StreamingWorkbook).workbookRels?.find((r) => r.Target.replace(/^\/?(xl\/)?/, '') === target);
  return models.find((m) => m.rId === rel?.Id)?.name ?? sheet.name;
}

export async function readWorkbook(options: WorkbookReadOptions): Promise<WorkbookReadResult> {
  const reader = openWorkbook(options.path);
  const stream = () => (reader as unknown as StreamingWorkbook).stream;
  let result: WorkbookReadResult | null = null;
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as StreamingSheet;
      const models = sheetModels(reader);
      const wanted = options.sheet ?? models.find((m) => m.state !== 'hidden')?.name ?? sheetName(reader, sheet);
      const name = sheetName(reader, sheet);
      if (name !== wanted) continue;
      const sheets = models.length > 0 ? models.map((m) => m.name) : [name];
      result = await readSheet(sheet, name, sheets, options, () => stream()?.bytesRead ?? 0);
      break;
    }
  } catch (error) {
    if (isUserFacingError(error)) throw error;
    throw ioErrors.brokenWorkbook(options.file, (error as Error).message);
  } finally {
    stream()?.destroy();
  }
  if (result !== null) return result;
  const sheets = sheetModels(reader).map((m) => m.name);
  if (sheets.length === 0) throw ioErrors.noSheets(options.file);
  throw ioErrors.unknownSheet(options.file, options.sheet ?? sheets[0]!, sheets);
}

async function readSheet(
  sheet: StreamingSheet,
  name: string,
  sheets: readonly string[],
  options: WorkbookReadOptions,
  bytesRead: () => number,
): Promise<WorkbookReadResult> {
  const errorCells: string[] = [];
  let builder: TableBuilder | null = null;
  let width = 0;
  let lastRow = 0;
  for await (const row of sheet) {
    if (options.signal?.aborted) throw ioErrors.cancelled(options.file);
    const values = row.values as readonly unknown[];
    const fields: string[] = [];
    for (let j = 1; j < values.length; j++) fields.push(cellText(values[j], () => row.getCell(j).numFmt, errorCells));
    if (builder === null) {
      if (fields.every(isBlank)) continue;
      width = fields.length;
      while (width > 0 && isBlank(fields[width - 1]!)) width--;
      builder = new TableBuilder(fields.slice(0, width), row.number, {
        ...options.table,
        source: `Sheet "${name}" of ${options.file}`,
        positionLabel: 'row',
        decimalComma: false,
      });
    } else {
      // Rows with no cells are absent from the sheet's XML; they still separate blocks of data.
      if (row.number > lastRow + 1) builder.addRow([], lastRow + 1);
      while (fields.length < width) fields.push('');
      builder.addRow(fields, row.number);
    }
    lastRow = row.number;
    if (row.number % 1000 === 0) options.onProgress?.({ bytes: bytesRead(), totalBytes: options.totalBytes, rows: builder.rowCount });
  }
  if (builder === null) throw ioErrors.emptySheet(options.file, name);
  options.onProgress?.({ bytes: options.totalBytes, totalBytes: options.totalBytes, rows: builder.rowCount });
  const warnings: string[] = [];
  if (sheets.length > 1 && options.sheet === undefined) warnings.push(ioWarnings.otherSheets(options.file, name, sheets));
  const unresolved = errorCells.filter((e) => e === FORMULA_WITHOUT_RESULT).length;
  const errors = errorCells.filter((e) => e !== FORMULA_WITHOUT_RESULT);
  if (errors.length > 0) warnings.push(ioWarnings.excelErrors(errors.length, [...new Set(errors)].slice(0, 5)));
  if (unresolved > 0) warnings.push(ioWarnings.formulasWithoutResult(unresolved));
  return { built: await builder.finishPausing(pause), sheet: name, sheets, warnings };
}

const FORMULA_WITHOUT_RESULT = 'formula without a result';

/** Reported as a broken workbook, with this as the reason (its cells would otherwise read as "[object Object]"). */
class SharedStringsAfterSheet extends Error {
  constructor() {
    super('its shared texts come after its sheet, an order this reader cannot follow; saving it again from Excel or LibreOffice puts them first');
  }
}

/** The text a cell shows. `numFmt` is asked for only when a formula's cached number may be a date. */
function cellText(value: unknown, numFmt: () => string | undefined, errorCells: string[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(value.getTime());
  const cell = value as { richText?: { text: string }[]; result?: unknown; formula?: string; sharedFormula?: string; error?: string; text?: unknown };
  if (cell.richText) return cell.richText.map((run) => run.text).join('');
  if ('formula' in cell || 'sharedFormula' in cell) {
    // exceljs' streaming reader drops a cached error (`#DIV/0!`); a never-calculated formula has no result either.
    if (cell.result === undefined || (typeof cell.result === 'number' && Number.isNaN(cell.result))) {
      errorCells.push(FORMULA_WITHOUT_RESULT);
      return '';
    }
    if (typeof cell.result === 'number' && isDateFormat(numFmt())) return formatDate(excelSerialToMs(cell.result));
    if (typeof cell.result === 'object' && cell.result !== null && 'error' in cell.result) {
      errorCells.push(String((cell.result as { error: unknown }).error));
      return '';
    }
    return cellText(cell.result, numFmt, errorCells);
  }
  if (cell.error !== undefined) {
    errorCells.push(cell.error);
    return '';
  }
  if (cell.text !== undefined) return cellText(cell.text, numFmt, errorCells);
  // exceljs' streaming reader gives a shared string's index when the strings come after the sheet in the file.
  if ('sharedString' in cell) throw new SharedStringsAfterSheet();
  return String(value);
}

/** A number format that shows a date or time: it has d, m, y, h or s outside quotes, brackets and escapes. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[dmyhs]/i.test(bare);
}

/** Excel's day count (1900 system, with its fictitious 29 February 1900) as Unix milliseconds, UTC. */
function excelSerialToMs(serial: number): number {
  return Math.round((serial - 25569) * 86_400_000);
}
