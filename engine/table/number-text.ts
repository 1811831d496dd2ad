/**
 * Recognising numbers written as text. Stricter than `Number()`, which also accepts `''`, `0x1F`, `1_0` and
 * `Infinity`: a cell is a number only if it reads as one to a person. `Number()` still does the conversion,
 * so the result is the correctly rounded double.
 */

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const LOWER_E = 101;
const UPPER_E = 69;

/** The number a trimmed cell holds, or NaN when it is not plain decimal notation (`12`, `-3.5`, `.5`, `1e-3`). */
export function parseNumberText(text: string, decimalComma: boolean): number {
  const n = text.length;
  if (n === 0 || n > 40) return NaN;
  const separator = decimalComma ? COMMA : DOT;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === PLUS || c === MINUS) i = 1;
  let digits = 0;
  while (i < n && (c = text.charCodeAt(i)) >= DIGIT_0 && c <= DIGIT_9) {
    i++;
    digits++;
  }
  let hasSeparator = false;
  if (i < n && text.charCodeAt(i) === separator) {
    hasSeparator = true;
    i++;
    while (i < n && (c = text.charCodeAt(i)) >= DIGIT_0 && c <= DIGIT_9) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  if (i < n && ((c = text.charCodeAt(i)) === LOWER_E || c === UPPER_E)) {
    i++;
    if (i < n && ((c = text.charCodeAt(i)) === PLUS || c === MINUS)) i++;
    const exponentStart = i;
    while (i < n && (c = text.charCodeAt(i)) >= DIGIT_0 && c <= DIGIT_9) i++;
    if (i === exponentStart) return NaN;
  }
  if (i !== n) return NaN;
  const value = decimalComma && hasSeparator ? Number(text.replace(',', '.')) : Number(text);
  // `1e400` overflows to Infinity: not a number anyone can train on.
  return Number.isFinite(value) ? value : NaN;
}

/**
 * True when `String(value)` gives back exactly this text, so the text need not be kept beside the number.
 * Assumes `text` parsed as a decimal-point number. Conservative: a false "no" only costs a warning.
 */
export function isCanonicalNumberText(text: string): boolean {
  const n = text.length;
  const i = text.charCodeAt(0) === MINUS ? 1 : 0;
  const first = text.charCodeAt(i);
  if (first < DIGIT_0 || first > DIGIT_9) return false;
  const dot = text.indexOf('.');
  // Up to 15 significant digits every decimal survives the round trip through a double.
  if (n - i - (dot < 0 ? 0 : 1) > 15) return false;
  const integerEnd = dot < 0 ? n : dot;
  if (first === DIGIT_0 && integerEnd - i > 1) return false;
  for (let k = integerEnd + 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c < DIGIT_0 || c > DIGIT_9) return false;
  }
  for (let k = i; k < integerEnd; k++) {
    const c = text.charCodeAt(k);
    if (c < DIGIT_0 || c > DIGIT_9) return false;
  }
  if (dot < 0) return !(i === 1 && first === DIGIT_0 && n === 2);
  if (dot === n - 1 || text.charCodeAt(n - 1) === DIGIT_0) return false;
  // Below 1e-6 JavaScript switches to exponent notation (`1e-7`).
  return !(first === DIGIT_0 && integerEnd - i === 1 && text.startsWith('000000', dot + 1));
}

/** Digit groups of three after a first group of one to three: `1,234,567.5`; the separator and the mark vary. */
const GROUPED_POINT = /^[+-]?[1-9]\d{0,2}(?:([,\u00a0\u202f '’])\d{3})(?:\1\d{3})*(?:\.\d+)?$/;
const GROUPED_COMMA = /^[+-]?[1-9]\d{0,2}(?:([.\u00a0\u202f '’])\d{3})(?:\1\d{3})*(?:,\d+)?$/;

/**
 * The number a trimmed cell writes with thousands separators (`1,234.5`, `12 345`, `1'000`, and `1.234,5` when
 * decimals are written with a comma), or NaN. Each group after the first has exactly three digits and one
 * separator is used throughout, so `1,5` and `12,34` are never taken for one.
 */
export function parseGroupedNumberText(text: string, decimalComma: boolean): number {
  if (text.length > 40) return NaN;
  const match = (decimalComma ? GROUPED_COMMA : GROUPED_POINT).exec(text);
  if (!match) return NaN;
  const digits = text.split(match[1]!).join('');
  const value = Number(decimalComma ? digits.replace(',', '.') : digits);
  return Number.isFinite(value) ? value : NaN;
}

/** A cell as a number: plain decimal notation, or else with thousands separators; NaN when neither. */
export function parseCellNumber(text: string, decimalComma: boolean): number {
  const value = parseNumberText(text, decimalComma);
  return value === value ? value : parseGroupedNumberText(text, decimalComma);
}

const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
const DECIMAL_POINT = /^[+-]?\d*\.\d+$/;
/** `1,234` (or `1.234`): a decimal to some, a thousand to others; it proves nothing either way. */
const LIKE_THOUSANDS = /^[+-]?[1-9]\d{0,2}[,.]\d{3}$/;

/**
 * Whether a file writes decimals with a comma (`41,5`), judged on sample cells. Only possible when the comma is
 * not the field delimiter; decided by majority so a stray `1.5` in a European file does not flip it. Cells that
 * could be a thousand as well (`1,234`) do not count: with no other evidence, such a file keeps decimal points
 * and those cells are read as grouped thousands, which the load report says.
 */
export function detectDecimalComma(cells: Iterable<string>, delimiter: string): boolean {
  if (delimiter === ',') return false;
  let commas = 0;
  let points = 0;
  for (const raw of cells) {
    const cell = raw.trim();
    if (LIKE_THOUSANDS.test(cell)) continue;
    if (DECIMAL_COMMA.test(cell)) commas++;
    else if (DECIMAL_POINT.test(cell)) points++;
  }
  return commas > points;
}
