/**
 * A workbook is a zip archive: a few hundred kilobytes can unpack to gigabytes (one shared string of 300 MB in a
 * 366 KB file took 1.9 GB to open). Before exceljs inflates anything, the sizes the archive's central directory
 * declares are read (from the end of the file, without unpacking) and a workbook that would expand too far is
 * refused with a message. A zip that lies about its sizes is not caught here; exceljs' own limits apply then.
 */
import { open } from 'node:fs/promises';
import { ioErrors } from './messages.ts';

/** An entry may unpack to at most this many times its packed size, once it is larger than MIN_CHECKED_BYTES. */
export const MAX_EXPANSION = 100;
/** Entries smaller than this unpacked are never refused for their ratio (a small, very regular sheet packs tightly). */
export const MIN_CHECKED_BYTES = 64 * 1024 * 1024;
/** All entries together may unpack to at most this. */
export const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** The end record (22 bytes) plus the longest comment a zip may have. */
const TAIL_BYTES = 22 + 0xffff;
/** Sizes that say "see the ZIP64 record": a workbook that needs them is past every limit here anyway. */
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  readonly name: string;
  readonly packed: number;
  readonly unpacked: number;
}

/** The entries the central directory lists, or null when no directory is found (exceljs then says what is wrong). */
export async function zipEntries(path: string): Promise<ZipEntry[] | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) return null;
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size) return null;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    for (let at = 0, i = 0; i < count && at + 46 <= directorySize; i++) {
      if (directory.readUInt32LE(at) !== DIRECTORY_ENTRY) break;
      const nameLength = directory.readUInt16LE(at + 28);
      entries.push({
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
        packed: directory.readUInt32LE(at + 20),
        unpacked: directory.readUInt32LE(at + 24),
      });
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Throws `workbook-too-large` when the workbook at `path` would unpack beyond the limits above. */
export async function checkWorkbookExpansion(path: string, file: string): Promise<void> {
  const entries = await zipEntries(path);
  if (!entries) return;
  let total = 0;
  for (const entry of entries) {
    if (entry.unpacked === ZIP64_MARK || entry.packed === ZIP64_MARK) throw ioErrors.workbookTooLarge(file, entry.name, null, MAX_EXPANSION);
    total += entry.unpacked;
    const ratio = entry.unpacked / Math.max(1, entry.packed);
    if (entry.unpacked > MIN_CHECKED_BYTES && ratio > MAX_EXPANSION) throw ioErrors.workbookTooLarge(file, entry.name, { unpacked: entry.unpacked, packed: entry.packed }, MAX_EXPANSION);
  }
  if (total > MAX_UNPACKED_BYTES) throw ioErrors.workbookTooLarge(file, null, { unpacked: total, packed: entries.reduce((n, e) => n + e.packed, 0) }, MAX_EXPANSION);
}
