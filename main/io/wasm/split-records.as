// Splits the bytes of a delimited file that uses no quoting into records of field offsets: the same result as
// ByteRecordSplitter.split (main/io/byte-records.ts, the reference), found 16 bytes at a time with SIMD.
// Every pointer is a byte offset into the module's memory; the caller copies the chunk in and reads the
// offsets out. Outputs, i32 each: starts/ends per field; firstField/fieldCounts/lines per record.
// Results go to the `result` area: [records, fields, consumed, nextLine, quoteLine (0 when none)].

const LF: i32 = 10;
const CR: i32 = 13;
const QUOTE: i32 = 34;

export function split(
  src: usize, n: i32, final: i32, delimiter: i32, line: i32,
  starts: usize, ends: usize, firstField: usize, fieldCounts: usize, lines: usize, result: usize,
): void {
  let fields: i32 = 0;
  let records: i32 = 0;
  let first: i32 = 0;
  let recordStart: i32 = 0;
  let fieldStart: i32 = 0;
  // The LF of a CRLF is skipped: it is found after the CR has ended the record.
  let skip: i32 = -1;
  let quoteLine: i32 = 0;
  let stopped = false;
  const vd = i8x16.splat(<i8>delimiter);
  const vlf = i8x16.splat(<i8>LF);
  const vcr = i8x16.splat(<i8>CR);
  const vq = i8x16.splat(<i8>QUOTE);
  let block: i32 = 0;
  while (!stopped && block < n) {
    let mask: i32;
    if (block + 16 <= n) {
      const v = v128.load(src + <usize>block);
      mask = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vlf)), v128.or(i8x16.eq(v, vcr), i8x16.eq(v, vq))));
    } else {
      mask = 0;
      for (let k = block; k < n; k++) {
        const c = <i32>load<u8>(src + <usize>k);
        if (c == delimiter || c == LF || c == CR || c == QUOTE) mask |= 1 << (k - block);
      }
    }
    while (mask != 0) {
      const i = block + ctz(mask);
      mask &= mask - 1;
      if (i == skip) continue;
      const c = <i32>load<u8>(src + <usize>i);
      if (c == QUOTE && c != delimiter) {
        if (i == fieldStart) {
          quoteLine = line;
          stopped = true;
          break;
        }
        continue;
      }
      if (c == CR && i + 1 == n && final == 0) {
        stopped = true;
        break;
      }
      store<i32>(starts + (<usize>fields << 2), fieldStart);
      store<i32>(ends + (<usize>fields << 2), i);
      fields++;
      fieldStart = i + 1;
      if (c == delimiter) continue;
      if (c == CR && i + 1 < n && <i32>load<u8>(src + <usize>(i + 1)) == LF) {
        skip = i + 1;
        fieldStart = i + 2;
      }
      store<i32>(firstField + (<usize>records << 2), first);
      store<i32>(fieldCounts + (<usize>records << 2), fields - first);
      store<i32>(lines + (<usize>records << 2), line);
      records++;
      line++;
      first = fields;
      recordStart = fieldStart;
    }
    block += 16;
  }
  if (!stopped && final != 0 && recordStart < n) {
    store<i32>(starts + (<usize>fields << 2), fieldStart);
    store<i32>(ends + (<usize>fields << 2), n);
    fields++;
    store<i32>(firstField + (<usize>records << 2), first);
    store<i32>(fieldCounts + (<usize>records << 2), fields - first);
    store<i32>(lines + (<usize>records << 2), line);
    records++;
    line++;
    recordStart = n;
  }
  store<i32>(result, records);
  store<i32>(result + 4, fields);
  store<i32>(result + 8, final != 0 && !stopped ? n : recordStart);
  store<i32>(result + 12, line);
  store<i32>(result + 16, quoteLine);
}
