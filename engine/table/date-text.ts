/**
 * Recognising dates and times written as text, stored as milliseconds since the Unix epoch (UTC).
 * Accepted: ISO 8601 (`2020-01-31`, `2020-01-31T14:05:00Z`, `2020-01-31 14:05`), `2020/01/31`, `31.01.2020`
 * (day first, as everywhere dots are used) and `31/01/2020` or `01/31/2020`, whose order is decided per column.
 * A time without a zone is taken as UTC so the same file gives the same numbers on every machine.
 */

/** Order of a slash date: day/month/year or month/day/year. */
export type DateOrder = 'dmy' | 'mdy';

const TIME = String.raw`(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const DAY_DOT = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})([/-])(\d{1,2})\2(\d{4})${TIME}$`);

/** What a slash date says about the column's order: `dmy` if the first part exceeds 12, `mdy` if the second does. */
export function dateOrderEvidence(text: string): DateOrder | 'either' | null {
  const m = SLASHED.exec(text);
  if (!m) return null;
  const first = Number(m[1]);
  const second = Number(m[3]);
  if (first > 12 && second <= 12) return 'dmy';
  if (second > 12 && first <= 12) return 'mdy';
  return first <= 12 && second <= 12 ? 'either' : null;
}

/** Epoch milliseconds (UTC) of a trimmed date or date-time text, or NaN when it is not a valid one. */
export function parseDateText(text: string, order: DateOrder = 'mdy'): number {
  if (text.length < 8 || text.length > 40) return NaN;
  let m = YEAR_FIRST.exec(text);
  if (m) return build(+m[1]!, +m[3]!, +m[4]!, m.slice(5));
  m = DAY_DOT.exec(text);
  if (m) return build(+m[3]!, +m[2]!, +m[1]!, m.slice(4));
  m = SLASHED.exec(text);
  if (m) {
    const [a, b] = [+m[1]!, +m[3]!];
    return order === 'dmy' ? build(+m[4]!, b, a, m.slice(5)) : build(+m[4]!, a, b, m.slice(5));
  }
  return NaN;
}

function build(year: number, month: number, day: number, time: readonly (string | undefined)[]): number {
  const [hh, mm, ss, fraction, meridiem, zone] = time;
  let hour = hh === undefined ? 0 : +hh;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return NaN;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  const minute = mm === undefined ? 0 : +mm;
  const second = ss === undefined ? 0 : +ss;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(ms).getUTCDate() !== day) return NaN; // 31 April, 29 February of a common year
  return ms - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return (zone[0] === '-' ? -minutes : minutes) * 60_000;
}

/** ISO text of a stored date: `2020-01-31` at midnight, `2020-01-31T14:05:00Z` otherwise. */
export function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (ms % 86_400_000 === 0) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

export interface DateOrderDecision {
  readonly order: DateOrder;
  /** A value that proves the order (`31/01/2020`), or null when none does and the order was assumed. */
  readonly evidence: string | null;
  /** Both orders are proven by different values: the column is not one date format. */
  readonly conflict: boolean;
}

/** The order of a column's slash dates, from values whose day exceeds 12; `dayFirst` decides when none does. */
export function decideDateOrder(texts: readonly string[], dayFirst: boolean): DateOrderDecision {
  let dmy: string | null = null;
  let mdy: string | null = null;
  for (const text of texts) {
    const evidence = dateOrderEvidence(text);
    if (evidence === 'dmy') dmy ??= text;
    else if (evidence === 'mdy') mdy ??= text;
    if (dmy !== null && mdy !== null) return { order: 'dmy', evidence: null, conflict: true };
  }
  if (dmy !== null) return { order: 'dmy', evidence: dmy, conflict: false };
  if (mdy !== null) return { order: 'mdy', evidence: mdy, conflict: false };
  return { order: dayFirst ? 'dmy' : 'mdy', evidence: null, conflict: false };
}
