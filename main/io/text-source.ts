/**
 * What both text lanes share: the first chunk of the file (for sniffing and estimates), cell decoding, the
 * size estimate that stops hopeless loads early, and the types of options and results.
 */
import { open } from 'node:fs/promises';
import type { BuiltTable, TableBuilderOptions } from '../../engine/table/table-builder.ts';
import type { TextEncoding } from './detect-format.ts';
import { ioErrors } from './messages.ts';
import type { TextLayout } from './sniff-delimiter.ts';

export const CHUNK_BYTES = 1 << 20;

export interface LoadProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface TextReadOptions {
  readonly path: string;
  /** The name messages use. */
  readonly file: string;
  readonly encoding: TextEncoding;
  readonly totalBytes: number;
  readonly table: Omit<TableBuilderOptions, 'source' | 'positionLabel' | 'decimalComma' | 'expectedRows' | 'decode'>;
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

export interface TextReadResult {
  readonly built: BuiltTable;
  readonly layout: TextLayout;
  readonly sha256: string;
  /** Which reader did the work: the byte splitter (plain files) or papaparse. */
  readonly lane: 'bytes' | 'papaparse';
}

/** Thrown when a file taken for UTF-8 holds a byte sequence UTF-8 forbids; the caller retries as Windows-1252. */
export class NotUtf8Error extends Error {
  override readonly name = 'NotUtf8Error';
}

/** The first chunk of the file as text (a character cut in two at its end is left out). */
export async function readSample(options: TextReadOptions): Promise<{ text: string; bytes: number; complete: boolean }> {
  const handle = await open(options.path, 'r');
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, 0);
    const decoder = new TextDecoder(options.encoding, { fatal: options.encoding === 'utf-8' });
    try {
      return { text: decoder.decode(buffer.subarray(0, bytesRead), { stream: true }), bytes: bytesRead, complete: bytesRead >= options.totalBytes };
    } catch {
      throw new NotUtf8Error(`${options.file} is not valid UTF-8`);
    }
  } finally {
    await handle.close();
  }
}

/** Cell text from bytes: plain ASCII without a decoder call, the rest through the file's encoding. */
export function cellDecoder(encoding: TextEncoding, file: string): (bytes: Uint8Array, start: number, end: number) => string {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  return (bytes, start, end) => {
    if (end - start < 64) {
      let ascii = true;
      for (let k = start; k < end; k++) {
        if (bytes[k]! >= 128) {
          ascii = false;
          break;
        }
      }
      if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    try {
      return decoder.decode(bytes.subarray(start, end));
    } catch {
      throw new NotUtf8Error(`${file} is not valid UTF-8`);
    }
  };
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > 0) return lines;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) lines++;
  return lines;
}

/**
 * Rows the file probably holds, judged on the sample, for allocating columns once. Throws `too-large` when
 * the estimate is far beyond the cell budget, so a hopeless load fails in a second, not after minutes.
 */
export function expectedRows(options: TextReadOptions, sample: { text: string; bytes: number }, layout: TextLayout): number {
  const estimated = (options.totalBytes / Math.max(1, sample.bytes)) * Math.max(1, countLines(sample.text));
  const maxCells = options.table.maxCells;
  if (maxCells !== undefined && estimated * layout.width > maxCells * 1.25) {
    throw ioErrors.tooManyCellsEstimated(options.file, Math.round(estimated * layout.width), maxCells);
  }
  return Math.ceil(estimated * 1.05);
}

/** Lets other work run between steps of a long synchronous job (inference of a large table). */
export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
