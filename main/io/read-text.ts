/**
 * Reads a delimited text file: sniffs delimiter and decimal mark on the first megabyte, then takes the byte
 * lane when the file is plain (no quoted fields, UTF-8 or Windows-1252) and papaparse otherwise. A quoted field
 * met late in the byte lane sends the whole file to papaparse; the two lanes give identical tables.
 */
import { isBlank } from '../../engine/table/missing.ts';
import { QuotedFieldError } from './byte-records.ts';
import { ioErrors } from './messages.ts';
import { readBytesLane } from './read-text-bytes.ts';
import { readPapaLane } from './read-text-papa.ts';
import { quotedColumnIndexes } from './quoted-columns.ts';
import { sniffLayout } from './sniff-delimiter.ts';
import { estimatedTableBytes } from './table-size.ts';
import { expectedRows, hasQuotedField, readSample, type TextReadOptions, type TextReadResult } from './text-source.ts';

export { NotUtf8Error, type LoadProgress, type TextReadOptions, type TextReadResult } from './text-source.ts';

export interface TextLaneChoice {
  /** Force papaparse even for plain files (tests use it to compare the lanes). */
  readonly lane?: 'auto' | 'papaparse';
}

/** What was read, and which columns the file writes in quotes in its first rows (by name). */
export type DelimitedText = TextReadResult & { readonly quotedColumns: readonly string[] };

export async function readDelimitedText(options: TextReadOptions & TextLaneChoice): Promise<DelimitedText> {
  if (options.signal?.aborted) throw ioErrors.cancelled(options.file);
  const sample = await readSample(options);
  if (isBlank(sample.text)) throw ioErrors.emptyFile(options.file);
  const layout = sniffLayout(sample.text, sample.complete);
  const rows = expectedRows(options, sample, layout);
  const plain = (options.encoding === 'utf-8' || options.encoding === 'windows-1252') && !hasQuotedField(sample.chunk, layout.delimiter);
  if (plain && options.lane !== 'papaparse') {
    try {
      return { ...(await readBytesLane(options, layout, rows, estimatedTableBytes(sample.text, layout, rows))), quotedColumns: [] };
    } catch (error) {
      if (!(error instanceof QuotedFieldError)) throw error;
    }
  }
  const read = await readPapaLane(options, layout, rows);
  const names = read.built.table.columns.map((c) => c.name);
  return { ...read, quotedColumns: quotedColumnIndexes(sample.text, layout.delimiter).flatMap((j) => names[j] ?? []) };
}
