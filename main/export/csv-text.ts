/**
 * CSV text that any spreadsheet opens safely: RFC 4180 quoting, CRLF line ends, and cells that would start a
 * formula (=, +, -, @, and tab or carriage return, which Excel also honours) prefixed with an apostrophe so a
 * spreadsheet shows them as text instead of running them (OWASP "CSV injection"). Plain numbers are written as
 * numbers: a negative number is data, not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? '' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
