/**
 * The general lane: papaparse streams the decoded text (RFC 4180 quoting with embedded delimiters, quotes and
 * line breaks; any encoding) and each parsed row goes to the column builders. Only one chunk of text and its
 * rows live at a time.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { isBlank } from '../../engine/table/missing.ts';
import { TableBuilder, type BuiltTable } from '../../engine/table/table-builder.ts';
import { ioErrors, ioWarnings } from './messages.ts';
import type { TextLayout } from './sniff-delimiter.ts';
import { CHUNK_BYTES, NotUtf8Error, pause, type TextReadOptions, type TextReadResult } from './text-source.ts';
import { releaseBuffer } from './release-buffer.ts';

interface ReadState {
  bytes: number;
  readonly hash: Hash;
  quotes: boolean;
}

async function* decodedChunks(options: TextReadOptions, state: ReadState): AsyncGenerator<string> {
  const decoder = new TextDecoder(options.encoding, { fatal: options.encoding === 'utf-8' });
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error(`${options.file} is not valid UTF-8`);
    }
  };
  for await (const chunk of createReadStream(options.path, { highWaterMark: CHUNK_BYTES })) {
    state.hash.update(chunk as Buffer);
    state.bytes += (chunk as Buffer).length;
    const text = decode(chunk as Buffer);
    if (!state.quotes && text.includes('"')) state.quotes = true;
    if (text.length > 0) yield text;
  }
  const rest = decode();
  if (rest.length > 0) yield rest;
}

/** Line breaks inside a quoted field, so reported line numbers match what an editor shows. */
function embeddedLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.length < 2) continue;
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) breaks++;
    for (let i = field.indexOf('\r'); i >= 0; i = field.indexOf('\r', i + 1)) if (field.charCodeAt(i + 1) !== 10) breaks++;
  }
  return breaks;
}

/**
 * A row papaparse found a malformed quote in. A quote that swallowed line breaks (never closed, or closed in the
 * middle of a field) has merged the lines after it into one cell: refused, saying where the quote opened. One
 * closed mid-field on its own line (`"Smith, John" Jr`) keeps its text, with a warning.
 */
function quoteProblem(fields: readonly string[], line: number, header: readonly string[], file: string, warnings: string[]): void {
  const at = fields.findIndex((field) => /[\r\n]/.test(field));
  if (at >= 0) {
    const field = fields[at]!;
    throw ioErrors.unclosedQuote(file, line, header[at] ?? `column ${at + 1}`, field, (field.match(/\r\n|\r|\n/g) ?? []).length);
  }
  if (warnings.length < 5) warnings.push(ioWarnings.malformedQuote(file, line));
}

export async function readPapaLane(options: TextReadOptions, layout: TextLayout, expectedRows: number): Promise<TextReadResult> {
  const state: ReadState = { bytes: 0, hash: createHash('sha256'), quotes: false };
  const input = Readable.from(decodedChunks(options, state), { objectMode: true });
  const quoteWarnings: string[] = [];
  const built = await new Promise<BuiltTable>((resolve, reject) => {
    let builder: TableBuilder | null = null;
    let header: readonly string[] | null = null;
    let nextLine = 1;
    let failure: unknown = null;
    const fail = (error: unknown, parser?: Papa.Parser) => {
      failure ??= error;
      parser?.abort();
      input.destroy();
      reject(failure);
    };
    const onAbort = () => fail(ioErrors.cancelled(options.file));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    Papa.parse<string[], Readable>(input, {
      delimiter: layout.delimiter,
      quoteChar: '"',
      skipEmptyLines: false,
      chunk(results, parser) {
        if (failure !== null) return parser.abort();
        try {
          const malformed = new Set(results.errors.filter((e) => e.type === 'Quotes' && e.row !== undefined).map((e) => e.row!));
          results.data.forEach((fields, i) => {
            const line = nextLine;
            nextLine += state.quotes ? 1 + embeddedLineBreaks(fields) : 1;
            if (malformed.has(i)) quoteProblem(fields, line, header ?? fields, options.file, quoteWarnings);
            if (builder !== null) builder.addRow(fields, line);
            else if (!fields.every(isBlank)) {
              header = fields;
              builder = new TableBuilder(fields, line, {
                ...options.table,
                source: options.file,
                positionLabel: 'line',
                decimalComma: layout.decimalComma,
                expectedRows,
                releaseBuffer,
              });
            }
          });
          options.onProgress?.({ bytes: state.bytes, totalBytes: options.totalBytes, rows: builder?.rowCount ?? 0 });
        } catch (error) {
          fail(error, parser);
        }
      },
      complete() {
        options.signal?.removeEventListener('abort', onAbort);
        if (failure !== null) return;
        if (builder === null) return reject(ioErrors.emptyFile(options.file));
        builder.finishPausing(pause).then((table) => resolve({ ...table, warnings: [...quoteWarnings, ...table.warnings] }), reject);
      },
      error(error: unknown) {
        options.signal?.removeEventListener('abort', onAbort);
        fail(error);
      },
    });
  });
  return { built, layout, sha256: state.hash.digest('hex'), lane: 'papaparse' };
}
