/**
 * The record splitter of the byte lane, in WebAssembly SIMD (main/io/wasm/split-records.as): it finds
 * delimiters and line ends 16 bytes at a time, where the TypeScript splitter (byte-records.ts, the reference it
 * must agree with) looks at one byte at a time. It also runs at full speed from the first chunk, where
 * TypeScript is still being compiled. Where WebAssembly SIMD is missing, `recordSplitter` gives the TypeScript one.
 */
import { ByteRecordSplitter, QuotedFieldError, type SplitBatch } from './byte-records.ts';
import { SPLIT_RECORDS_WASM_BASE64 } from './wasm/split-records-wasm.generated.ts';

interface SplitExports {
  readonly memory: WebAssembly.Memory;
  split(src: number, n: number, final: number, delimiter: number, line: number, starts: number, ends: number, firstField: number, fieldCounts: number, lines: number, result: number): void;
}

export interface RecordSplitter {
  split(bytes: Uint8Array, final: boolean): SplitBatch;
}

const PAGE = 65536;
/** The result area: records, fields, consumed, next line, line of a quoted field. */
const RESULT = 0;
const SOURCE = 64;

let compiled: WebAssembly.Module | null | undefined;

function compile(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = new Uint8Array(Buffer.from(SPLIT_RECORDS_WASM_BASE64, 'base64'));
    // validate() is false where SIMD is missing: that is the run-time feature check.
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** The fastest splitter this runtime has. */
export function recordSplitter(delimiter: string): RecordSplitter {
  return compile() ? new WasmRecordSplitter(delimiter) : new ByteRecordSplitter(delimiter);
}

export class WasmRecordSplitter implements RecordSplitter {
  private line = 1;
  private readonly delimiter: number;
  private readonly wasm: SplitExports;

  constructor(delimiter: string) {
    const module = compile();
    if (!module) throw new Error('WebAssembly SIMD is not available here');
    this.wasm = new WebAssembly.Instance(module, {}).exports as unknown as SplitExports;
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** As ByteRecordSplitter.split; the arrays are views into the module's memory, valid until the next call. */
  split(bytes: Uint8Array, final: boolean): SplitBatch {
    const n = bytes.length;
    // Input, then starts and ends (a field per byte at most, plus one), then three arrays per record.
    const input = SOURCE;
    const starts = align(input + n);
    const ends = starts + (n + 1) * 4;
    const firstField = ends + (n + 1) * 4;
    const fieldCounts = firstField + (n + 1) * 4;
    const lines = fieldCounts + (n + 1) * 4;
    const needed = lines + (n + 1) * 4;
    const memory = this.wasm.memory;
    if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    new Uint8Array(memory.buffer, input, n).set(bytes);
    this.wasm.split(input, n, final ? 1 : 0, this.delimiter, this.line, starts, ends, firstField, fieldCounts, lines, RESULT);
    const [records, fields, consumed, nextLine, quoteLine] = new Int32Array(memory.buffer, RESULT, 5);
    if (quoteLine! > 0) throw new QuotedFieldError(`line ${quoteLine} has a quoted field`);
    this.line = nextLine!;
    const buffer = memory.buffer;
    return {
      bytes,
      starts: new Int32Array(buffer, starts, fields!),
      ends: new Int32Array(buffer, ends, fields!),
      firstField: new Int32Array(buffer, firstField, records!),
      fieldCounts: new Int32Array(buffer, fieldCounts, records!),
      lines: new Int32Array(buffer, lines, records!),
      size: records!,
      consumed: consumed!,
    };
  }
}

const align = (offset: number) => (offset + 15) & ~15;
