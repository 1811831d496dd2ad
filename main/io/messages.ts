/** Every user-facing text about reading files: what happened, which file, what to do. */
import { UserFacingError } from '../../engine/errors.ts';

function size(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

const SAVE_AS = 'Open it in the program that made it and save (or export) it as CSV UTF-8 or as an Excel workbook (.xlsx), then load that file.';

export const ioErrors = {
  notFound: (file: string) => new UserFacingError('file-not-found', `${file} does not exist. Check the path and try again.`),
  notAFile: (file: string) => new UserFacingError('not-a-file', `${file} is a folder, not a file. Choose a CSV or .xlsx file inside it.`),
  notRegular: (file: string) =>
    new UserFacingError('not-a-file', `${file} is not a regular file: it is a device, a pipe or a socket, whose content never ends or cannot be read twice. Choose a CSV or .xlsx file.`),
  systemFile: (file: string) =>
    new UserFacingError(
      'not-a-file',
      `${file} is a system file whose size is unknown until it is read (such as those under /proc or /sys), not a data file. If it holds a table, copy it to a regular file first (cp ${file} data.txt) and load that.`,
    ),
  notATable: (file: string, kind: string, instead: string) =>
    new UserFacingError('unsupported-format', `${file} is not a table: it is ${kind}. ${instead}`),
  unreadable: (file: string, why: string) =>
    new UserFacingError('unreadable-file', `${file} could not be read (${why}). Check that it is not locked by another program and that you may read it.`),
  emptyFile: (file: string) =>
    new UserFacingError('empty-file', `${file} is empty: it holds no header and no data. Choose the file that has the data, or save it again from its program.`),
  tooLarge: (file: string, bytes: number, limit: number) =>
    new UserFacingError(
      'too-large',
      `${file} is ${size(bytes)}, more than the ${size(limit)} Layerlab loads at once. Load a sample of its rows (split the file), then try again.`,
    ),
  tooManyCellsEstimated: (file: string, estimate: number, limit: number) =>
    new UserFacingError(
      'too-large',
      `${file} holds about ${estimate.toLocaleString('en-US')} cells (rows × columns), more than the ${limit.toLocaleString('en-US')} Layerlab loads at once. ` +
        'Load a sample of its rows or fewer columns (split the file), then try again.',
    ),
  legacyXls: (file: string) =>
    new UserFacingError(
      'legacy-xls',
      `${file} is an Excel 97–2003 workbook (.xls), an old format Layerlab does not read. ` +
        'Open it in Excel or LibreOffice Calc and use "Save As" → "Excel Workbook (.xlsx)" (or "CSV UTF-8"), then load the new file.',
    ),
  binary: (file: string, kind: string | null) =>
    new UserFacingError(
      'unsupported-format',
      kind
        ? `${file} is not a table: it is a ${kind} file${/\.(csv|tsv|txt)$/i.test(file) ? ' with a text-file name' : ''}. ${SAVE_AS}`
        : `${file} is not a text or spreadsheet file: it contains binary data (zero bytes). ${SAVE_AS}`,
    ),
  notWorkbook: (file: string) =>
    new UserFacingError('unsupported-format', `${file} is a zip archive but not an Excel workbook (.xlsx). ${SAVE_AS}`),
  workbookTooLarge: (file: string, entry: string | null, sizes: { unpacked: number; packed: number } | null, maxExpansion: number) =>
    new UserFacingError(
      'workbook-too-large',
      `${file} would unpack to ${sizes ? `${size(sizes.unpacked)} from ${size(sizes.packed)}` : 'more than 4 GB'}${entry ? ` (its part ${entry}${sizes ? `, ${Math.round(sizes.unpacked / Math.max(1, sizes.packed)).toLocaleString('en-US')} times its packed size` : ''})` : ''}. ` +
        `Layerlab opens workbooks whose parts expand at most ${maxExpansion} times and to at most 2 GB in all, so that a damaged or hostile file cannot exhaust the memory. ` +
        'Open it in Excel or LibreOffice and save the sheet as CSV, then load that file.',
    ),
  brokenWorkbook: (file: string, why: string) =>
    new UserFacingError('unsupported-format', `${file} could not be read as an Excel workbook (${why}). ${SAVE_AS}`),
  noSheets: (file: string) => new UserFacingError('empty-file', `${file} has no worksheets. Add a sheet with a header row and data.`),
  emptySheet: (file: string, sheet: string) =>
    new UserFacingError('empty-file', `Sheet "${sheet}" of ${file} is empty. Choose another sheet (--sheet) or add data to it.`),
  unknownSheet: (file: string, sheet: string, sheets: readonly string[]) =>
    new UserFacingError('unknown-sheet', `${file} has no sheet named "${sheet}". Its sheets: ${sheets.map((s) => `"${s}"`).join(', ')}.`),
  cancelled: (file: string) => new UserFacingError('cancelled', `Loading ${file} was cancelled.`),
  unclosedQuote: (file: string, line: number, column: string, field: string, lines: number) =>
    new UserFacingError(
      'unclosed-quote',
      `${file}: the quote that opens the field on line ${line} (column "${column.slice(0, 60)}", starting ${JSON.stringify(field.slice(0, 30))}${field.length > 30 ? '…' : ''}) is not closed where the field ends, ` +
        `so the text across the next ${lines.toLocaleString('en-US')} line${lines === 1 ? '' : 's'} was read into that one cell. Close (or remove) that quote in the file, then load it again.`,
    ),
};

export const ioWarnings = {
  latin1: (file: string) =>
    `${file} is not valid UTF-8, so it was read as Windows-1252 (Western European). ` +
    'If accented letters look wrong, save the file again as "CSV UTF-8" and reload it.',
  otherSheets: (file: string, loaded: string, sheets: readonly string[]) =>
    `${file} has ${sheets.length} sheets (${sheets.map((s) => `"${s}"`).join(', ')}); loaded "${loaded}". Pick another with --sheet.`,
  excelErrors: (count: number, examples: readonly string[]) =>
    `${count} cell${count === 1 ? ' holds an Excel error' : 's hold Excel errors'} (${examples.join(', ')}); read as missing. Fix the formulas in Excel to use those cells.`,
  formulasWithoutResult: (count: number) =>
    `${count} formula cell${count === 1 ? ' has' : 's have'} no stored result (an error such as #DIV/0!, or a file never calculated); read as missing. ` +
    'Open the file in Excel or LibreOffice, check those formulas, save it and load it again.',
  renamedWorkbook: (file: string) => `${file} is an Excel workbook despite its name; it was read as .xlsx.`,
  malformedQuote: (file: string, line: number) =>
    `${file}, line ${line}: a quoted field has text after its closing quote (such as "Smith, John" Jr); the cell was read as written, quote included. Check that line in the file.`,
};
