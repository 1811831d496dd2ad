/**
 * What a file is, judged by its first bytes rather than its name: a workbook renamed to .csv still loads, and a
 * PDF renamed to .csv gets a message naming what it really is.
 */
import { ioErrors } from './messages.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DetectedFormat = { readonly format: 'xlsx' } | { readonly format: 'text'; readonly encoding: TextEncoding; readonly bom: boolean };

/** How many leading bytes `detectFormat` wants to see. */
export const HEAD_BYTES = 64 * 1024;

const SIGNATURES: readonly (readonly [string, readonly number[]])[] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['gzip-compressed', [0x1f, 0x8b]],
  ['Parquet', [0x50, 0x41, 0x52, 0x31]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['RAR archive', [0x52, 0x61, 0x72, 0x21]],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return head.length >= signature.length && signature.every((byte, i) => head[i] === byte);
}

/** `file` is the name used in messages. Throws `unsupported-format` / `legacy-xls` for what cannot be a table. */
export function detectFormat(head: Uint8Array, file: string): DetectedFormat {
  if (startsWith(head, ZIP)) {
    const names = new TextDecoder('latin1').decode(head);
    if (names.includes('[Content_Types].xml') || names.includes('xl/')) return { format: 'xlsx' };
    throw ioErrors.notWorkbook(file);
  }
  if (startsWith(head, OLE)) {
    if (/\.xls$/i.test(file) || !/\.(doc|ppt|msg)$/i.test(file)) throw ioErrors.legacyXls(file);
    throw ioErrors.binary(file, 'Microsoft Office 97–2003 document');
  }
  for (const [kind, signature] of SIGNATURES) if (startsWith(head, signature)) throw ioErrors.binary(file, kind);
  refuseDocument(head, file);
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { format: 'text', encoding: 'utf-8', bom: true };
  if (startsWith(head, [0xff, 0xfe])) return { format: 'text', encoding: 'utf-16le', bom: true };
  if (startsWith(head, [0xfe, 0xff])) return { format: 'text', encoding: 'utf-16be', bom: true };
  const utf16 = utf16WithoutBom(head);
  if (utf16 !== null) return { format: 'text', encoding: utf16, bom: false };
  if (head.includes(0)) throw ioErrors.binary(file, null);
  return { format: 'text', encoding: 'utf-8', bom: false };
}

/** JSON, JSON lines: a small file that parses whole, or a start no table header has (`{"key":`, `[{`, `[[`, `["a",`). */
function isJson(body: Uint8Array, start: string): boolean {
  if (!/^[[{]/.test(start)) return false;
  if (body.length < HEAD_BYTES - 3) {
    try {
      JSON.parse(new TextDecoder().decode(body));
      return true;
    } catch {
      // Not one JSON value: perhaps JSON lines, or a table whose first name starts with a bracket.
    }
  }
  return /^\{\s*"[^"\n]*"\s*:|^\[\s*[[{]|^\[\s*"[^"\n]*"\s*[,\]]/.test(start);
}

const SAVE_TABLE = 'Layerlab reads tables from CSV (or other delimited text) and .xlsx files.';

/**
 * Text that is a document rather than a table: a web page, a JSON or XML file. Read as a table it would give one
 * odd column or "no data rows"; said for what it is instead (whatever its name).
 */
function refuseDocument(head: Uint8Array, file: string): void {
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const text = new TextDecoder('latin1').decode(head.subarray(start, start + 512)).trimStart();
  if (/^<!doctype html|^<html[\s>]/i.test(text)) {
    throw ioErrors.notATable(file, 'an HTML page (a web page saved from a browser)', `${SAVE_TABLE} Export the table from the site as CSV, or open the page in a spreadsheet program and save the table as CSV, then load that file.`);
  }
  if (/^<\?xml/i.test(text)) throw ioErrors.notATable(file, 'an XML document', `${SAVE_TABLE} Convert it to CSV (a spreadsheet program can open most XML tables), then load that file.`);
  if (isJson(head.subarray(start), text)) {
    throw ioErrors.notATable(file, 'a JSON document', `${SAVE_TABLE} Convert it to CSV (for example with pandas: pd.read_json(...).to_csv(...), or a spreadsheet program), then load that file.`);
  }
}

/** Text saved as UTF-16 without a byte order mark: nearly every other byte is zero (the high byte of ASCII). */
function utf16WithoutBom(head: Uint8Array): TextEncoding | null {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= 0.9 * pairs && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= 0.9 * pairs && oddZeros === 0) return 'utf-16be';
  return null;
}
