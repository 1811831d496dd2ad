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
import { sniffLayout } from './sniff-delimiter.ts';
import { expectedRows, hasQuotedField, readSample, type TextReadOptions, type TextReadResult } from './text-source.ts';

export { NotUtf8Error, type LoadProgress, type TextReadOptions, type TextReadResult } from './text-source.ts';

export interface TextLaneChoice {
  /** Force papaparse even for plain files (tests use it to compare the lanes). */
  readonly lane?: 'auto' | 'papaparse';
}

export async function readDelimitedText(options: TextReadOptions & TextLaneChoice): Promise<TextReadResult> {
  if (options.signal?.aborted) throw ioErrors.cancelled(options.file);
  const sample = await readSample(options);
  if (isBlank(sample.text)) throw ioErrors.emptyFile(options.file);
  const layout = sniffLayout(sample.text, sample.complete);
  const rows = expectedRows(options, sample, layout);
  const plain = (options.encoding === 'utf-8' || options.encoding === 'windows-1252') && !hasQuotedField(sample.chunk, layout.delimiter);
  if (plain && options.lane !== 'papaparse') {
    try {
      return await readBytesLane(options, layout, rows);
    } catch (error) {
      if (!(error instanceof QuotedFieldError)) throw error;
    }
  }
  return readPapaLane(options, layout, rows);
}
