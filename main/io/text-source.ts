/**
 * What both text lanes share: the first chunk of the file (for sniffing and estimates), cell decoding, the
 * size estimate that stops hopeless loads early, and the types of options and results.
 */
import { open } from 'node:fs/promises';
import type { BuiltTable, TableBuilderOptions } from '../../engine/table/table-builder.ts';
import type { TextEncoding } from './detect-format.ts';
import { ioErrors } from './messages.ts';
import type { ColumnWorkerPool } from './column-worker-pool.ts';
import type { ParallelChoice } from './remote-columns.ts';
import type { TextLayout } from './sniff-delimiter.ts';

/** Bytes read at a time. Small enough that the buffers and the splitter's offsets stay a few MB. */
export const CHUNK_BYTES = 1 << 18;
/** The first bytes, read once to sniff the layout and estimate the rows. */
const SAMPLE_BYTES = 1 << 20;

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
  /** Whether large plain files are read with a second thread (remote-columns.ts); `auto` when absent. */
  readonly parallel?: ParallelChoice;
  /** Where the column worker comes from: the app's pool unless given (tests pass one whose worker fails). */
  readonly columnWorkers?: ColumnWorkerPool;
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

/** What the first chunk of a file tells before parsing: text to sniff the layout on, and line breaks to estimate rows. */
export interface Sample {
  /** The start of the file as text, enough for 50 rows (a character cut in two at its end is left out). */
  readonly text: string;
  /** Whether `text` holds the whole file. */
  readonly complete: boolean;
  /** Bytes in the chunk and line feeds (or, failing those, carriage returns) among them. */
  readonly bytes: number;
  readonly lines: number;
  /** The chunk itself, to look for quoted fields once the delimiter is known. */
  readonly chunk: Uint8Array;
}

const SNIFF_BYTES = 64 * 1024;

export async function readSample(options: TextReadOptions): Promise<Sample> {
  const handle = await open(options.path, 'r');
  try {
    const buffer = new Uint8Array(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const chunk = buffer.subarray(0, bytesRead);
    const sniffed = chunk.subarray(0, SNIFF_BYTES);
    const decoder = new TextDecoder(options.encoding, { fatal: options.encoding === 'utf-8' });
    let text: string;
    try {
      text = decoder.decode(sniffed, { stream: true });
    } catch {
      throw new NotUtf8Error(`${options.file} is not valid UTF-8`);
    }
    return { text, complete: sniffed.length >= options.totalBytes, bytes: bytesRead, lines: countLineBreaks(chunk), chunk };
  } finally {
    await handle.close();
  }
}

function countLineBreaks(bytes: Uint8Array): number {
  let feeds = 0;
  let returns = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) feeds++;
  if (feeds > 0) return feeds;
  for (let i = bytes.indexOf(13); i >= 0; i = bytes.indexOf(13, i + 1)) returns++;
  return returns;
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

/**
 * Rows the file probably holds, judged on the sample, for allocating columns once. Throws `too-large` when
 * the estimate is far beyond the cell budget, so a hopeless load fails in a second, not after minutes.
 */
export function expectedRows(options: TextReadOptions, sample: Sample, layout: TextLayout): number {
  const estimated = (options.totalBytes / Math.max(1, sample.bytes)) * Math.max(1, sample.lines);
  const maxCells = options.table.maxCells;
  if (maxCells !== undefined && estimated * layout.width > maxCells * 1.25) {
    throw ioErrors.tooManyCellsEstimated(options.file, Math.round(estimated * layout.width), maxCells);
  }
  return Math.ceil(estimated * 1.05);
}

/** Lets other work run between steps of a long synchronous job (inference of a large table). */
export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether a field in these bytes starts with a quote (after the start, a delimiter or a line break, spaces allowed). */
export function hasQuotedField(bytes: Uint8Array, delimiter: string): boolean {
  const separator = delimiter.charCodeAt(0);
  for (let i = bytes.indexOf(34); i >= 0; i = bytes.indexOf(34, i + 1)) {
    let before = i - 1;
    while (before >= 0 && (bytes[before] === 32 || bytes[before] === 0xbf || bytes[before] === 0xbb || bytes[before] === 0xef)) before--;
    if (before < 0 || bytes[before] === separator || bytes[before] === 10 || bytes[before] === 13) return true;
  }
  return false;
}
