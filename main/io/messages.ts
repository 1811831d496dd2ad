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
  brokenWorkbook: (file: string, why: string) =>
    new UserFacingError('unsupported-format', `${file} could not be read as an Excel workbook (${why}). ${SAVE_AS}`),
  noSheets: (file: string) => new UserFacingError('empty-file', `${file} has no worksheets. Add a sheet with a header row and data.`),
  emptySheet: (file: string, sheet: string) =>
    new UserFacingError('empty-file', `Sheet "${sheet}" of ${file} is empty. Choose another sheet (--sheet) or add data to it.`),
  unknownSheet: (file: string, sheet: string, sheets: readonly string[]) =>
    new UserFacingError('unknown-sheet', `${file} has no sheet named "${sheet}". Its sheets: ${sheets.map((s) => `"${s}"`).join(', ')}.`),
  cancelled: (file: string) => new UserFacingError('cancelled', `Loading ${file} was cancelled.`),
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
};
