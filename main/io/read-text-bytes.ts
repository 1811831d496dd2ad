/**
 * The fast lane for plain delimited files (no quoted fields; UTF-8 or Windows-1252): records are split on
 * bytes and cells go to the column builders as byte ranges, so a million-row file makes strings only for
 * its distinct labels. Stops with `QuotedFieldError` if a quoted field turns up after the sample.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isBlank } from '../../engine/table/missing.ts';
import { TableBuilder, type RecordBatch } from '../../engine/table/table-builder.ts';
import { ByteRecordSplitter } from './byte-records.ts';
import { ioErrors } from './messages.ts';
import type { TextLayout } from './sniff-delimiter.ts';
import { CHUNK_BYTES, cellDecoder, type TextReadOptions, type TextReadResult } from './text-source.ts';

export async function readBytesLane(options: TextReadOptions, layout: TextLayout, expectedRows: number): Promise<TextReadResult> {
  const decode = cellDecoder(options.encoding, options.file);
  const hash = createHash('sha256');
  const splitter = new ByteRecordSplitter(layout.delimiter);
  let builder: TableBuilder | null = null;

  const take = (batch: RecordBatch) => {
    let r = 0;
    for (; builder === null && r < batch.size; r++) {
      const first = batch.firstField[r]!;
      const fields = Array.from(batch.starts.subarray(first, first + batch.fieldCounts[r]!), (start, j) => decode(batch.bytes, start, batch.ends[first + j]!));
      if (batch.lines[r] === 1 && fields[0]?.startsWith('\ufeff')) fields[0] = fields[0].slice(1);
      if (fields.every(isBlank)) continue;
      builder = new TableBuilder(fields, batch.lines[r]!, {
        ...options.table,
        source: options.file,
        positionLabel: 'line',
        decimalComma: layout.decimalComma,
        expectedRows,
        decode,
      });
    }
    builder?.addByteBatch(batch, r);
  };

  let bytes = 0;
  try {
    for await (const chunk of createReadStream(options.path, { highWaterMark: CHUNK_BYTES, signal: options.signal })) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      take(splitter.push(buffer));
      options.onProgress?.({ bytes, totalBytes: options.totalBytes, rows: (builder as TableBuilder | null)?.rowCount ?? 0 });
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw ioErrors.cancelled(options.file);
    throw error;
  }
  take(splitter.end());
  const done = builder as TableBuilder | null;
  if (done === null) throw ioErrors.emptyFile(options.file);
  return { built: done.finish(), layout, sha256: hash.digest('hex'), lane: 'bytes' };
}
