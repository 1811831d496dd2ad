/**
 * Which character separates fields, judged on the first rows: the candidate that splits the header into
 * several fields and gives most data rows that same count. Field counts, not character counts, so decimal
 * commas in a `;` file (`-122,23;37,88`) and commas inside names in a tab file do not mislead it.
 */
import Papa from 'papaparse';
import { detectDecimalComma } from '../../engine/table/number-text.ts';
import { isBlank } from '../../engine/table/missing.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

const SAMPLE_ROWS = 50;

export interface TextLayout {
  readonly delimiter: string;
  readonly decimalComma: boolean;
  /** Fields in the first non-empty row (the header), for estimating the table's size. */
  readonly width: number;
}

/** `complete` says the sample is the whole file, so its last row is not cut off. */
export function sniffLayout(sample: string, complete: boolean): TextLayout {
  let best: { delimiter: string; score: number; width: number; rows: string[][] } | null = null;
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, quoteChar: '"', preview: SAMPLE_ROWS + 1 });
    const rows = parsed.data.filter((row) => !row.every(isBlank));
    if (!complete && !parsed.meta.truncated && rows.length > 1) rows.pop();
    const width = rows[0]?.length ?? 0;
    const data = rows.slice(1);
    const consistent = data.filter((row) => row.length === width).length;
    const score = width < 2 ? -1 : data.length === 0 ? 0 : consistent / data.length;
    if (best === null || score > best.score || (score === best.score && width > best.width)) best = { delimiter, score, width, rows };
  }
  const chosen = best!.score < 0 ? ',' : best!.delimiter;
  const rows = chosen === best!.delimiter ? best!.rows : [];
  return { delimiter: chosen, decimalComma: detectDecimalComma(rows.slice(1).flat(), chosen), width: rows[0]?.length ?? 1 };
}
