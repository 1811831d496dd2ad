/**
 * Numbers read straight from a file's bytes, without making a string: the hot path of large loads.
 * Only the exactly-convertible cases are handled here (at most 15 significant digits, power of ten within
 * 10^±22: one correctly rounded multiplication or division, Clinger's fast path); anything else returns NaN
 * and the caller falls back to `parseNumberText` on the decoded text, so results equal `Number(text)`.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

const DIGIT_0 = 48;
const PLUS = 43;
const MINUS = 45;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * The number in `bytes[start, end)` (ASCII decimal notation, surrounding spaces allowed), or NaN when the text is
 * not a number or is outside the fast path. `separator` is the decimal mark's byte (`.` 46 or `,` 44).
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number, separator: number): number {
  while (start < end && bytes[start]! <= 32) start++;
  while (end > start && bytes[end - 1]! <= 32) end--;
  if (start === end || end - start > 40) return NaN;
  let i = start;
  let negative = false;
  let c = bytes[i]!;
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - DIGIT_0;
    if (d < 0 || d > 9) break;
    digits++;
    if (significant > 0 || d !== 0) {
      mantissa = mantissa * 10 + d;
      significant++;
    }
  }
  if (i < end && bytes[i] === separator) {
    for (i++; i < end; i++) {
      const d = bytes[i]! - DIGIT_0;
      if (d < 0 || d > 9) break;
      digits++;
      scale--;
      if (significant > 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
    }
  }
  if (digits === 0) return NaN;
  if (i < end && ((c = bytes[i]!) === LOWER_E || c === UPPER_E)) {
    i++;
    let exponentNegative = false;
    if (i < end && ((c = bytes[i]!) === MINUS || c === PLUS)) {
      exponentNegative = c === MINUS;
      i++;
    }
    const exponentStart = i;
    let exponent = 0;
    for (; i < end; i++) {
      const d = bytes[i]! - DIGIT_0;
      if (d < 0 || d > 9) break;
      exponent = exponent * 10 + d;
      if (exponent > 400) return NaN;
    }
    if (i === exponentStart) return NaN;
    scale += exponentNegative ? -exponent : exponent;
  }
  if (i !== end || significant > 15 || scale > 22 || scale < -22) return NaN;
  const magnitude = scale >= 0 ? mantissa * POWERS_OF_TEN[scale]! : mantissa / POWERS_OF_TEN[-scale]!;
  return negative ? -magnitude : magnitude;
}

/**
 * Whether `String(number)` (with `separator` for its `.`) gives back exactly these bytes, trimmed, as
 * `isCanonicalNumberText` does for text. Assumes the bytes parsed as a number with that decimal mark.
 */
export function isCanonicalNumberBytes(bytes: Uint8Array, start: number, end: number, separator: number): boolean {
  while (start < end && bytes[start]! <= 32) start++;
  while (end > start && bytes[end - 1]! <= 32) end--;
  let i = start;
  if (bytes[i] === MINUS) i++;
  const first = bytes[i];
  if (first === undefined || first < DIGIT_0 || first > DIGIT_0 + 9) return false;
  let dot = -1;
  for (let k = i; k < end; k++) {
    const c = bytes[k]!;
    if (c === separator && dot < 0) dot = k;
    else if (c < DIGIT_0 || c > DIGIT_0 + 9) return false;
  }
  const integerEnd = dot < 0 ? end : dot;
  if (end - i - (dot < 0 ? 0 : 1) > 15) return false;
  if (first === DIGIT_0 && integerEnd - i > 1) return false;
  if (dot < 0) return !(i > start && first === DIGIT_0 && end - i === 1);
  if (dot === end - 1 || bytes[end - 1] === DIGIT_0) return false;
  if (first === DIGIT_0 && integerEnd - i === 1) {
    for (let k = dot + 1; k < dot + 7; k++) if (bytes[k] !== DIGIT_0) return true;
    return false;
  }
  return true;
}
