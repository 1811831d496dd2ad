/**
 * How large a plain file's table will be, judged on the sample before loading: a column of numbers takes 8
 * bytes a row (a Float64Array), any other column 4 (dictionary codes). A table of mostly numbers is larger
 * than its file (a cell such as `41.5,` is 5 bytes of text); one of mostly labels is smaller. The loader uses it
 * to decide whether a second thread leaves the load under twice the file (remote-columns.ts).
 */
import { DEFAULT_MISSING_MARKERS, isBlank } from '../../engine/table/missing.ts';
import { parseNumberText } from '../../engine/table/number-text.ts';
import type { TextLayout } from './sniff-delimiter.ts';

const MISSING = new Set(DEFAULT_MISSING_MARKERS);

/** Bytes of the loaded table's columns, for `rows` rows, from the sample's rows after its header. */
export function estimatedTableBytes(sample: string, layout: TextLayout, rows: number): number {
  const lines = sample.split(/\r\n|\n|\r/).filter((line) => !isBlank(line));
  // The last line may be cut off by the end of the sample; the first is the header.
  const records = lines.slice(1, -1).map((line) => line.split(layout.delimiter));
  let bytesPerRow = 0;
  for (let j = 0; j < layout.width; j++) {
    let present = 0;
    let numbers = 0;
    for (const record of records) {
      const cell = record[j]?.trim() ?? '';
      if (MISSING.has(cell)) continue;
      present++;
      if (!Number.isNaN(parseNumberText(cell, layout.decimalComma))) numbers++;
    }
    bytesPerRow += present > 0 && numbers === present ? 8 : 4;
  }
  return bytesPerRow * rows;
}
