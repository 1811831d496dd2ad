/**
 * Missing-value markers: the texts that mean "no value here". Compared after trimming surrounding spaces,
 * case-sensitively, so `None` (a real category in diabetes130's `max_glu_serum`) stays a value.
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = [
  '', 'NA', 'N/A', 'n/a', 'na', 'null', 'NULL', 'Null', 'NaN', 'nan', '#N/A', '?', '-',
];

/** The markers in force: the defaults plus the user's own, each trimmed. Index order is stable for counting. */
export function missingMarkerList(userMarkers: readonly string[] = []): string[] {
  const all = new Set(DEFAULT_MISSING_MARKERS);
  for (const marker of userMarkers) all.add(marker.trim());
  return [...all];
}

const INFINITY_TEXT = /^[+-]?(inf|infinity|∞)$/i;
const EXPONENT_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;

/**
 * `Infinity`, `-inf`, `∞`, or a number too large for a double (`1e309`): a numeric value no model can learn
 * from, reported rather than stored.
 */
export function isInfinityText(trimmed: string): boolean {
  if (trimmed.length <= 9 && INFINITY_TEXT.test(trimmed)) return true;
  return trimmed.length <= 40 && EXPONENT_NUMBER.test(trimmed) && !Number.isFinite(Number(trimmed));
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}

/** Trim without allocating when there is nothing to trim (the common case on a hot path). */
export function trimCell(raw: string): string {
  const n = raw.length;
  return n > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(n - 1) <= 32) ? raw.trim() : raw;
}
