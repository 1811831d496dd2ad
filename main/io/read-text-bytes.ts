/**
 * The fast lane for plain delimited files (no quoted fields; UTF-8 or Windows-1252): records are split on
 * bytes (WebAssembly SIMD where available) and cells go to the column builders as byte ranges, so a million-row file makes strings only for
 * its distinct labels. Stops with `QuotedFieldError` if a quoted field turns up after the sample.
 *
 * Reading is double-buffered: the next chunk is read while this one is parsed. Each buffer keeps room in
 * front for the record the previous chunk cut off, so chunks are never copied to join them. A large wide file
 * has most of its columns collected on a worker thread meanwhile (remote-columns.ts); should that worker be
 * unavailable, the file is read again on this thread alone.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { isBlank } from '../../engine/table/missing.ts';
import { TableBuilder, type RecordBatch } from '../../engine/table/table-builder.ts';
import { ioErrors } from './messages.ts';
import { ColumnWorkers, ColumnWorkerUnavailable, wantsParallel } from './remote-columns.ts';
import type { TextLayout } from './sniff-delimiter.ts';
import { recordSplitter } from './wasm-record-splitter.ts';
import { releaseBuffer } from './release-buffer.ts';
import { CHUNK_BYTES, cellDecoder, pause, type TextReadOptions, type TextReadResult } from './text-source.ts';

/** Room for a record cut off between chunks; a longer record is joined by copying. */
const CARRY_ROOM = 1 << 16;

/** `tableBytes`: the table's size estimated on the sample (table-size.ts), for choosing a second thread. */
export async function readBytesLane(options: TextReadOptions, layout: TextLayout, expectedRows: number, tableBytes?: number): Promise<TextReadResult> {
  if (!wantsParallel(options.parallel, options.totalBytes, options.columnWorkers, tableBytes)) return readPlain(options, layout, expectedRows, null);
  const workers = new ColumnWorkers(options.parallel, options.encoding, options.file, options.columnWorkers);
  try {
    return await readPlain(options, layout, expectedRows, workers);
  } catch (error) {
    if (!(error instanceof ColumnWorkerUnavailable)) throw error;
    return readPlain(options, layout, expectedRows, null);
  } finally {
    workers.close();
  }
}

async function readPlain(options: TextReadOptions, layout: TextLayout, expectedRows: number, workers: ColumnWorkers | null): Promise<TextReadResult> {
  const decode = cellDecoder(options.encoding, options.file);
  const hash = createHash('sha256');
  const splitter = recordSplitter(layout.delimiter);
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
        columnSink: workers?.sinkFor,
        releaseBuffer,
      });
    }
    builder?.addByteBatch(batch, r);
  };

  const handle = await open(options.path, 'r');
  try {
    const buffers = [new Uint8Array(CARRY_ROOM + CHUNK_BYTES), new Uint8Array(CARRY_ROOM + CHUNK_BYTES)];
    let carry: Uint8Array = new Uint8Array(0);
    let position = 0;
    let current = 0;
    let pending = handle.read(buffers[0]!, CARRY_ROOM, CHUNK_BYTES, 0);
    for (;;) {
      const { bytesRead } = await pending;
      if (options.signal?.aborted) throw ioErrors.cancelled(options.file);
      const buffer = buffers[current]!;
      const chunk = buffer.subarray(CARRY_ROOM, CARRY_ROOM + bytesRead);
      hash.update(chunk);
      position += bytesRead;
      const final = bytesRead === 0 || position >= options.totalBytes;
      let bytes: Uint8Array;
      if (carry.length <= CARRY_ROOM) {
        buffer.set(carry, CARRY_ROOM - carry.length);
        bytes = buffer.subarray(CARRY_ROOM - carry.length, CARRY_ROOM + bytesRead);
      } else {
        bytes = new Uint8Array(carry.length + bytesRead);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
      }
      // The other buffer is free now: its carry has just been copied into this one.
      current = 1 - current;
      if (!final) pending = handle.read(buffers[current]!, CARRY_ROOM, CHUNK_BYTES, position);
      const batch = splitter.split(bytes, final);
      take(batch);
      await workers?.ready();
      carry = bytes.subarray(batch.consumed);
      options.onProgress?.({ bytes: position, totalBytes: options.totalBytes, rows: (builder as TableBuilder | null)?.rowCount ?? 0 });
      if (final) break;
    }
  } finally {
    await handle.close();
  }
  const done = builder as TableBuilder | null;
  if (done === null) throw ioErrors.emptyFile(options.file);
  return { built: await done.finishPausing(pause), layout, sha256: hash.digest('hex'), lane: 'bytes' };
}
